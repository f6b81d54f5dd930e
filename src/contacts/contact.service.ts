import { applyChanges, ifGiven } from '../common/changes';
import { badInput, conflict } from '../common/errors';
import { sqlTimestamp } from '../common/dates';
import { optionalText, requiredText } from '../common/text';
import { assertInScope, findVisible, withinScope } from '../auth/tenancy';
import { ContractService } from '../contracts/contract.service';
import { saveUnique } from '../db/errors';
import { applySearch, paginate, type Connection, type PageArgs, type SortKey } from '../request/paging';
import type { RequestContext } from '../request/context';
import { SiteService } from '../sites/site.service';
import { SupplierService } from '../suppliers/supplier.service';
import { ContactAssignment, ContactObjectType, type ContactPriority, type ContactRole } from './contact-assignment.entity';
import { Contact } from './contact.entity';
import type { ContactFilter, CreateContactInput, UpdateContactInput } from './contact.input';
import { ErrorReason } from '../common/error-reasons';

export interface ContactListFilter extends Omit<ContactFilter, 'organisationId'> {
  organisationId?: number;
}

const NEVER = '1970-01-01 00:00:00.000';

/** Never-verified contacts first, then the longest unverified. */
const BY_STALENESS: SortKey<Contact> = {
  column: `COALESCE(contact.lastVerifiedAt, '${NEVER}')`,
  valueOf: (row) => (row.lastVerifiedAt ? sqlTimestamp(row.lastVerifiedAt) : NEVER),
};

export class ContactService {
  constructor(
    private readonly suppliers: SupplierService,
    private readonly contracts: ContractService,
    private readonly sites: SiteService,
  ) {}

  list(ctx: RequestContext, filter: ContactListFilter, page: PageArgs): Promise<Connection<Contact>> {
    const query = withinScope(ctx, ctx.repository(Contact).createQueryBuilder('contact'));
    if (filter.organisationId !== undefined)
      query.andWhere('contact.organisationId = :organisationId', { organisationId: filter.organisationId });
    if (filter.role) {
      query.andWhere('EXISTS (SELECT 1 FROM contact_assignment ca WHERE ca.contactId = contact.id AND ca.role = :role)', {
        role: filter.role,
      });
    }
    applySearch(query, ['contact.name', 'contact.email', 'contact.jobTitle'], filter.search);
    return paginate(query, page, {
      maxPageSize: ctx.config.graphql.maxPageSize,
      sort: { column: 'contact.name', valueOf: (row) => row.name },
    });
  }

  /** Contacts nobody has confirmed in `olderThanDays` days, or ever: the handbook asks for up-to-date site contacts. */
  dueForReview(ctx: RequestContext, olderThanDays: number, page: PageArgs, now = new Date()): Promise<Connection<Contact>> {
    return paginate(this.dueForReviewQuery(ctx, olderThanDays, now), page, {
      maxPageSize: ctx.config.graphql.maxPageSize,
      sort: BY_STALENESS,
    });
  }

  /** The query behind `dueForReview`, unpaged and stalest first, for callers that take every row (notifications). */
  dueForReviewQuery(ctx: RequestContext, olderThanDays: number, now = new Date()) {
    if (!Number.isInteger(olderThanDays) || olderThanDays < 0 || olderThanDays > 3650) {
      throw badInput('olderThanDays', 'olderThanDays: must be a whole number of days from 0 to 3650', ErrorReason.OUT_OF_RANGE);
    }
    const cutoff = sqlTimestamp(new Date(now.getTime() - olderThanDays * 86_400_000));
    return withinScope(ctx, ctx.repository(Contact).createQueryBuilder('contact')).andWhere(
      '(contact.lastVerifiedAt IS NULL OR contact.lastVerifiedAt < :cutoff)',
      { cutoff },
    );
  }

  get(ctx: RequestContext, id: number): Promise<Contact> {
    return findVisible(ctx, Contact, id, Contact.typename);
  }

  create(ctx: RequestContext, input: CreateContactInput, organisationId?: number): Promise<Contact> {
    const ownerId = organisationId ?? ctx.requireViewer.organisationId;
    assertInScope(ctx, ownerId);
    const contact = ctx.repository(Contact).create({
      organisationId: ownerId,
      name: requiredText(input.name, 'input.name'),
      jobTitle: optionalText(input.jobTitle) ?? null,
      email: optionalText(input.email)?.toLowerCase() ?? null,
      phone: optionalText(input.phone) ?? null,
      hours: optionalText(input.hours) ?? null,
      notes: optionalText(input.notes) ?? null,
      // whoever enters a contact has just confirmed it
      lastVerifiedAt: new Date(),
      lastVerifiedBy: ctx.requireViewer.subject,
    });
    return ctx.repository(Contact).save(contact);
  }

  async update(ctx: RequestContext, id: number, input: Omit<UpdateContactInput, 'id'>): Promise<Contact> {
    return ctx.transaction(async (tx) => {
      const contact = await this.get(tx, id);
      applyChanges(contact, {
        name: ifGiven(input.name, (name) => requiredText(name, 'input.name')),
        jobTitle: optionalText(input.jobTitle),
        email: ifGiven(optionalText(input.email), (email) => email.toLowerCase()),
        phone: optionalText(input.phone),
        hours: optionalText(input.hours),
        notes: optionalText(input.notes),
      });
      if (input.markVerified) this.stampVerified(tx, contact);
      return tx.repository(Contact).save(contact);
    });
  }

  async markVerified(ctx: RequestContext, id: number): Promise<Contact> {
    return ctx.transaction(async (tx) => {
      const contact = await this.get(tx, id);
      this.stampVerified(tx, contact);
      return tx.repository(Contact).save(contact);
    });
  }

  /** Deletes a contact and its assignments; answers the deleted contact's id. */
  async delete(ctx: RequestContext, id: number): Promise<number> {
    return ctx.transaction(async (tx) => {
      const contact = await this.get(tx, id);
      await tx.repository(ContactAssignment).delete({ contactId: contact.id });
      await tx.repository(Contact).delete(contact.id);
      return contact.id;
    });
  }

  async assign(
    ctx: RequestContext,
    contactId: number,
    target: { objectType: ContactObjectType; objectId: number },
    role: ContactRole,
    priority: ContactPriority,
  ): Promise<ContactAssignment> {
    return ctx.transaction(async (tx) => {
      const contact = await this.get(tx, contactId);
      await this.assertAssignable(tx, contact, target);
      const assignment = tx.repository(ContactAssignment).create({
        contactId: contact.id,
        organisationId: contact.organisationId,
        objectType: target.objectType,
        objectId: target.objectId,
        role,
        priority,
      });
      return saveUnique(tx.repository(ContactAssignment), assignment, () =>
        conflict(`${contact.name} already holds the ${role} role there`, { reason: ErrorReason.DUPLICATE_ASSIGNMENT }),
      );
    });
  }

  /** Removes an assignment; answers the contact it belonged to. */
  async unassign(ctx: RequestContext, assignmentId: number): Promise<Contact> {
    return ctx.transaction(async (tx) => {
      const assignment = await findVisible(tx, ContactAssignment, assignmentId, ContactAssignment.typename);
      await tx.repository(ContactAssignment).delete(assignment.id);
      return this.get(tx, assignment.contactId);
    });
  }

  private stampVerified(ctx: RequestContext, contact: Contact): void {
    contact.lastVerifiedAt = new Date();
    contact.lastVerifiedBy = ctx.requireViewer.subject;
  }

  /** A contact is assigned to a supplier, or to a contract or site of its own organisation. */
  private async assertAssignable(
    ctx: RequestContext,
    contact: Contact,
    target: { objectType: ContactObjectType; objectId: number },
  ): Promise<void> {
    if (target.objectType === ContactObjectType.SUPPLIER) {
      await this.suppliers.get(ctx, target.objectId);
      return;
    }
    const owner =
      target.objectType === ContactObjectType.CONTRACT
        ? await this.contracts.get(ctx, target.objectId)
        : await this.sites.get(ctx, target.objectId);
    if (owner.organisationId !== contact.organisationId) {
      throw badInput(
        'input.objectId',
        `input.objectId: the ${target.objectType.toLowerCase()} belongs to another organisation than the contact`,
        ErrorReason.ORGANISATION_MISMATCH,
      );
    }
  }
}
