import { applyChanges, ifGiven } from '../common/changes';
import { badInput, conflict, notFound } from '../common/errors';
import { addDays, isLocalDate } from '../common/dates';
import { todayInLondon } from '../common/calendar';
import { optionalText, requiredText } from '../common/text';
import { assertInScope, findVisible, withinScope } from '../auth/tenancy';
import { saveUnique } from '../db/errors';
import { recordTransition } from '../db/transitions';
import { allOf, type PlainCondition } from '../db/plain-select';
import { paginate, paginatePlain, searchCondition, type Connection, type PageArgs, type SortKey } from '../request/paging';
import type { RequestContext } from '../request/context';
import { Supplier } from '../suppliers/supplier.entity';
import { SupplierService } from '../suppliers/supplier.service';
import { ContractDocument } from './contract-document.entity';
import { contractLifecycle, DEFAULT_BUSINESS_CALENDAR, isClosed, noticeDateFor, termEnd } from './contract-lifecycle';
import { ContractStatusChange } from './contract-status-change.entity';
import { Contract, ContractStatus, DEFAULT_DISPUTE_WINDOW_DAYS, ServiceHours } from './contract.entity';
import {
  ContractSortField,
  type ContractDocumentInput,
  type ContractFilter,
  type ContractOrder,
  type CreateContractInput,
  type UpdateContractInput,
} from './contract.input';
import { ErrorReason } from '../common/error-reasons';

export interface ContractListFilter extends Omit<ContractFilter, 'supplierId' | 'organisationId'> {
  supplierId?: number;
  organisationId?: number;
}

/** The property each order of the contract list sorts by. */
const SORT_PROPERTIES: Record<ContractSortField, 'reference' | 'startDate' | 'endDate' | 'noticeDate'> = {
  [ContractSortField.REFERENCE]: 'reference',
  [ContractSortField.START_DATE]: 'startDate',
  [ContractSortField.END_DATE]: 'endDate',
  [ContractSortField.NOTICE_DATE]: 'noticeDate',
};

/**
 * Whether the organisation has defined a service-hours calendar of that name. Calendars are the
 * SLA domain's (sla/calendars.ts, `hasServiceCalendar`); the composition root hands the check
 * to ContractService, which runs it inside its own transaction.
 */
export type CalendarCheck = (ctx: RequestContext, organisationId: number, name: string) => Promise<boolean>;

/** Contracts due for renewal come soonest notice date first. */
const BY_NOTICE_DATE: SortKey<Contract> = { column: 'contract.noticeDate', valueOf: (row) => row.noticeDate };

export class ContractService {
  constructor(
    private readonly suppliers: SupplierService,
    private readonly calendarExists: CalendarCheck,
  ) {}

  /**
   * A page of the viewer's contracts. `withSupplier` reads each one's supplier in the same
   * statement and hands it to the request's loader, where `Contract.supplier` finds it.
   */
  async list(
    ctx: RequestContext,
    filter: ContractListFilter,
    page: PageArgs,
    order?: ContractOrder,
    options: { withSupplier?: boolean } = {},
  ): Promise<Connection<Contract>> {
    // the viewer's organisations, or the one of them the filter names (none, if it names another)
    const scope =
      filter.organisationId === undefined ? [...ctx.organisationIds] : ctx.organisationIds.filter((id) => id === filter.organisationId);
    const where: Record<string, PlainCondition> = { organisationId: scope };
    if (filter.status?.length) where.status = filter.status;
    if (filter.supplierId !== undefined) where.supplierId = filter.supplierId;
    const and = allOf([
      filter.endingOnOrBefore ? { sql: 'endDate <= ?', params: [filter.endingOnOrBefore] } : undefined,
      searchCondition(['reference', 'title'], filter.search),
    ]);
    // suppliers are the national catalogue: no organisation holds them to a scope
    const joins = options.withSupplier ? [{ target: Supplier, from: 'supplierId', to: 'id' }] : [];
    const property = SORT_PROPERTIES[order?.field ?? ContractSortField.REFERENCE];
    const connection = await paginatePlain(ctx.manager, { target: Contract, where, and, joins }, page, {
      maxPageSize: ctx.config.graphql.maxPageSize,
      sort: { property, valueOf: (row) => row[property] as string },
      direction: order?.direction,
    });
    if (options.withSupplier) {
      const [suppliers] = connection.joined as [(Supplier | null)[]];
      connection.edges.forEach(({ node }, i) => ctx.loaders.primeById(Supplier, node.supplierId, suppliers[i]));
    }
    return connection;
  }

  /**
   * Active contracts whose notice date falls within `withinDays` of today (England), and
   * those whose notice date has already passed while the term has not yet ended: the
   * last chance to renegotiate, re-procure or serve notice.
   */
  dueForRenewal(ctx: RequestContext, withinDays: number, page: PageArgs): Promise<Connection<Contract>> {
    return paginate(this.dueForRenewalQuery(ctx, withinDays), page, {
      maxPageSize: ctx.config.graphql.maxPageSize,
      sort: BY_NOTICE_DATE,
    });
  }

  /** The query behind `dueForRenewal`, unpaged, for callers that take every row (notifications). */
  dueForRenewalQuery(ctx: RequestContext, withinDays: number, today = todayInLondon()) {
    if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > 3650) {
      throw badInput('withinDays', 'withinDays: must be a whole number of days from 0 to 3650', ErrorReason.OUT_OF_RANGE);
    }
    return withinScope(ctx, ctx.repository(Contract).createQueryBuilder('contract'))
      .andWhere('contract.status = :active', { active: ContractStatus.ACTIVE })
      .andWhere('contract.noticeDate <= :horizon', { horizon: addDays(today, withinDays) })
      .andWhere('contract.endDate >= :today', { today });
  }

  get(ctx: RequestContext, id: number): Promise<Contract> {
    return findVisible(ctx, Contract, id, Contract.typename);
  }

  /**
   * As get(), read through the request's loader, so that the parts of one query that need the
   * same contract (the contract itself, its SLA report) share one statement. For reads only:
   * what a change reads must come from get(), fresh.
   */
  async visible(ctx: RequestContext, id: number): Promise<Contract> {
    const contract = await ctx.loaders.byId(Contract).load(id);
    if (!contract) throw notFound(Contract.typename);
    return contract;
  }

  async create(ctx: RequestContext, input: CreateContractInput, supplierId: number, organisationId?: number): Promise<Contract> {
    const ownerId = organisationId ?? ctx.requireViewer.organisationId;
    assertInScope(ctx, ownerId);
    await this.suppliers.get(ctx, supplierId);
    if (input.status !== ContractStatus.DRAFT && input.status !== ContractStatus.ACTIVE) {
      throw badInput('input.status', 'input.status: a new contract is DRAFT or ACTIVE', ErrorReason.INVALID_STATUS);
    }
    const endDate = input.endDate ?? termEnd(input.startDate, input.initialTermMonths);
    const contract = ctx.repository(Contract).create({
      organisationId: ownerId,
      supplierId,
      reference: requiredText(input.reference, 'input.reference'),
      title: requiredText(input.title, 'input.title'),
      procurementRoute: input.procurementRoute,
      procurementVehicle: optionalText(input.procurementVehicle) ?? null,
      status: input.status,
      startDate: input.startDate,
      endDate,
      initialTermMonths: input.initialTermMonths,
      renewalTermMonths: input.renewalTermMonths ?? null,
      noticePeriodDays: input.noticePeriodDays,
      serviceWrap: input.serviceWrap,
      serviceHours: input.serviceHours,
      serviceHoursCalendar: optionalText(input.serviceHoursCalendar) ?? null,
      currency: 'GBP',
      totalContractValue: input.totalContractValue ?? null,
      disputeWindowDays: input.disputeWindowDays ?? DEFAULT_DISPUTE_WINDOW_DAYS,
    });
    normaliseTerms(contract);
    return ctx.transaction(async (tx) => {
      await this.assertCalendarExists(tx, contract);
      const saved = await this.save(tx, contract);
      await this.recordStatus(tx, saved, null, 'Contract created');
      for (const document of input.documents ?? []) await this.insertDocument(tx, saved, document);
      return saved;
    });
  }

  async update(ctx: RequestContext, id: number, input: Omit<UpdateContractInput, 'id'>): Promise<Contract> {
    return ctx.transaction(async (tx) => {
      const contract = await this.get(tx, id);
      if (isClosed(contract.status)) {
        throw conflict(`Contract ${contract.reference} is ${contract.status} and can no longer be changed`, {
          reason: ErrorReason.CONTRACT_CLOSED,
        });
      }
      const termChanged =
        (input.startDate !== undefined && input.startDate !== contract.startDate) ||
        (input.initialTermMonths !== undefined && input.initialTermMonths !== contract.initialTermMonths);
      applyChanges(contract, {
        reference: ifGiven(input.reference, (reference) => requiredText(reference, 'input.reference')),
        title: ifGiven(input.title, (title) => requiredText(title, 'input.title')),
        procurementRoute: input.procurementRoute,
        procurementVehicle: optionalText(input.procurementVehicle),
        startDate: input.startDate,
        initialTermMonths: input.initialTermMonths,
        endDate: input.endDate,
        renewalTermMonths: input.renewalTermMonths,
        noticePeriodDays: input.noticePeriodDays,
        serviceWrap: input.serviceWrap,
        serviceHours: input.serviceHours,
        serviceHoursCalendar: optionalText(input.serviceHoursCalendar),
        totalContractValue: input.totalContractValue,
        disputeWindowDays: input.disputeWindowDays,
      });
      if (input.endDate === undefined && termChanged) contract.endDate = termEnd(contract.startDate, contract.initialTermMonths);
      normaliseTerms(contract);
      await this.assertCalendarExists(tx, contract);
      return this.save(tx, contract);
    });
  }

  async setStatus(ctx: RequestContext, id: number, status: ContractStatus, reason: string): Promise<Contract> {
    const why = requiredText(reason, 'input.reason');
    return ctx.transaction(async (tx) => {
      const contract = await this.get(tx, id);
      contractLifecycle.assertMove(contract.status, status, { name: `Contract ${contract.reference}` });
      const from = contract.status;
      contract.status = status;
      const saved = await tx.repository(Contract).save(contract);
      await this.recordStatus(tx, saved, from, why);
      return saved;
    });
  }

  /** Starts the next renewal term: the end date moves on by the renewal term. */
  async renew(ctx: RequestContext, id: number): Promise<Contract> {
    return ctx.transaction(async (tx) => {
      const contract = await this.get(tx, id);
      if (contract.status !== ContractStatus.ACTIVE) {
        throw conflict(`Contract ${contract.reference} is ${contract.status}; only an ACTIVE contract renews`, {
          reason: ErrorReason.INVALID_STATUS_TRANSITION,
        });
      }
      if (!contract.renewalTermMonths) {
        throw conflict(`Contract ${contract.reference} has no renewal term`, { reason: ErrorReason.NO_RENEWAL_TERM });
      }
      const previousEnd = contract.endDate;
      contract.endDate = termEnd(addDays(previousEnd, 1), contract.renewalTermMonths);
      normaliseTerms(contract);
      const saved = await tx.repository(Contract).save(contract);
      await this.recordStatus(
        tx,
        saved,
        contract.status,
        `Renewed for ${contract.renewalTermMonths} months from ${addDays(previousEnd, 1)}`,
      );
      return saved;
    });
  }

  async addDocument(ctx: RequestContext, contractId: number, input: ContractDocumentInput): Promise<ContractDocument> {
    return ctx.transaction(async (tx) => this.insertDocument(tx, await this.get(tx, contractId), input));
  }

  async removeDocument(ctx: RequestContext, documentId: number): Promise<Contract> {
    return ctx.transaction(async (tx) => {
      const document = await findVisible(tx, ContractDocument, documentId, ContractDocument.typename);
      await tx.repository(ContractDocument).delete(document.id);
      return this.get(tx, document.contractId);
    });
  }

  private insertDocument(ctx: RequestContext, contract: Contract, input: ContractDocumentInput): Promise<ContractDocument> {
    return ctx.repository(ContractDocument).save(
      ctx.repository(ContractDocument).create({
        contractId: contract.id,
        organisationId: contract.organisationId,
        title: requiredText(input.title, 'input.title'),
        kind: input.kind,
        url: input.url.trim(),
      }),
    );
  }

  private recordStatus(ctx: RequestContext, contract: Contract, from: ContractStatus | null, reason: string) {
    return recordTransition(ctx, ContractStatusChange, { subject: contract, from, to: contract.status, reason });
  }

  /** A BUSINESS_HOURS contract names the built-in calendar or one its organisation has defined. */
  private async assertCalendarExists(ctx: RequestContext, contract: Contract): Promise<void> {
    const name = contract.serviceHoursCalendar;
    if (!name || name === DEFAULT_BUSINESS_CALENDAR) return;
    if (!(await this.calendarExists(ctx, contract.organisationId, name))) {
      throw badInput(
        'input.serviceHoursCalendar',
        `input.serviceHoursCalendar: the organisation has no calendar named "${name}" (defineServiceCalendar first)`,
        ErrorReason.UNKNOWN_CALENDAR,
      );
    }
  }

  private save(ctx: RequestContext, contract: Contract): Promise<Contract> {
    return saveUnique(ctx.repository(Contract), contract, () =>
      conflict(`The organisation already has a contract with reference ${contract.reference}`, {
        field: 'input.reference',
        reason: ErrorReason.DUPLICATE_REFERENCE,
      }),
    );
  }
}

/** Checks the term's dates and derives what follows from them. */
function normaliseTerms(contract: Contract): void {
  for (const field of ['startDate', 'endDate'] as const) {
    if (!isLocalDate(contract[field])) throw badInput(`input.${field}`, `input.${field}: not a calendar date`, ErrorReason.INVALID_DATE);
  }
  if (contract.endDate < contract.startDate) {
    throw badInput(
      'input.endDate',
      `input.endDate: ${contract.endDate} is before the start date ${contract.startDate}`,
      ErrorReason.END_BEFORE_START,
    );
  }
  if (contract.totalContractValue !== null && contract.totalContractValue < 0n) {
    throw badInput('input.totalContractValue', 'input.totalContractValue: must not be negative', ErrorReason.NEGATIVE_AMOUNT);
  }
  if (contract.serviceHours === ServiceHours.TWENTY_FOUR_SEVEN) {
    if (contract.serviceHoursCalendar) {
      throw badInput(
        'input.serviceHoursCalendar',
        'input.serviceHoursCalendar: only a BUSINESS_HOURS contract names a calendar',
        ErrorReason.CALENDAR_NOT_APPLICABLE,
      );
    }
  } else {
    contract.serviceHoursCalendar ??= DEFAULT_BUSINESS_CALENDAR;
  }
  contract.noticeDate = noticeDateFor(contract.endDate, contract.noticePeriodDays);
}
