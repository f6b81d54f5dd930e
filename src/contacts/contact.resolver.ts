import { Arg, Args, Authorized, createUnionType, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { MANAGE_INVENTORY, READ_INVENTORY } from '../auth/roles';
import { Contract } from '../contracts/contract.entity';
import type { NodeClass } from '../db/base-record';
import { ConnectionType, PageArgs } from '../graphql-types/connection';
import type { RequestContext } from '../request/context';
import { idOf, optionalIdOf } from '../common/global-id';
import { Organisation } from '../organisations/organisation.entity';
import { Site } from '../sites/site.entity';
import { Supplier } from '../suppliers/supplier.entity';
import { ContactAssignment, ContactObjectType } from './contact-assignment.entity';
import { Contact } from './contact.entity';
import { AssignContactInput, ContactFilter, CreateContactInput, UpdateContactInput } from './contact.input';
import { ContactService } from './contact.service';

export const ContactConnection = ConnectionType(Contact, 'Contact');

export const ContactTarget = createUnionType({
  name: 'ContactTarget',
  description: 'What a contact is assigned to.',
  types: () => [Supplier, Contract, Site] as const,
  resolveType: (value) => (value.constructor as unknown as NodeClass).typename,
});

const TARGET_TYPES = {
  [ContactObjectType.SUPPLIER]: Supplier,
  [ContactObjectType.CONTRACT]: Contract,
  [ContactObjectType.SITE]: Site,
} as const;

@Resolver(() => Contact)
export class ContactResolver {
  constructor(private readonly contactService: ContactService) {}

  @Authorized(READ_INVENTORY)
  @Query(() => ContactConnection)
  contacts(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => ContactFilter, { nullable: true }) filter?: ContactFilter,
  ) {
    const { organisationId, ...rest } = filter ?? {};
    return this.contactService.list(
      ctx,
      { ...rest, organisationId: optionalIdOf(organisationId, Organisation.typename, 'filter.organisationId') },
      page,
    );
  }

  @Authorized(READ_INVENTORY)
  @Query(() => Contact)
  contact(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.contactService.get(ctx, idOf(id, Contact.typename));
  }

  @Authorized(READ_INVENTORY)
  @Query(() => ContactConnection, { description: 'Contacts not verified in the last `olderThanDays` days (or never), stalest first.' })
  contactsDueForReview(@Ctx() ctx: RequestContext, @Arg('olderThanDays', () => Int) olderThanDays: number, @Args() page: PageArgs) {
    return this.contactService.dueForReview(ctx, olderThanDays, page);
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => Contact)
  createContact(@Ctx() ctx: RequestContext, @Arg('input') input: CreateContactInput) {
    return this.contactService.create(ctx, input, optionalIdOf(input.organisationId, Organisation.typename, 'input.organisationId'));
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => Contact)
  updateContact(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateContactInput) {
    return this.contactService.update(ctx, idOf(input.id, Contact.typename, 'input.id'), input);
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => Contact, { description: "Records that the contact's details were confirmed now, by the viewer." })
  markContactVerified(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.contactService.markVerified(ctx, idOf(id, Contact.typename));
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => ID, { description: 'Deletes a contact and its assignments; returns its id.' })
  async deleteContact(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    await this.contactService.delete(ctx, idOf(id, Contact.typename));
    return id;
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => ContactAssignment, { description: 'Gives a contact a role for a supplier, contract or site.' })
  assignContact(@Ctx() ctx: RequestContext, @Arg('input') input: AssignContactInput) {
    return this.contactService.assign(
      ctx,
      idOf(input.contactId, Contact.typename, 'input.contactId'),
      { objectType: input.objectType, objectId: idOf(input.objectId, TARGET_TYPES[input.objectType].typename, 'input.objectId') },
      input.role,
      input.priority,
    );
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => Contact, { description: 'Removes an assignment; returns the contact.' })
  unassignContact(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.contactService.unassign(ctx, idOf(id, ContactAssignment.typename));
  }

  @FieldResolver(() => Organisation)
  organisation(@Root() contact: Contact, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Organisation).load(contact.organisationId);
  }

  @FieldResolver(() => [ContactAssignment])
  assignments(@Root() contact: Contact, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(ContactAssignment, 'contactId').load(contact.id);
  }
}

@Resolver(() => ContactAssignment)
export class ContactAssignmentResolver {
  @FieldResolver(() => Contact)
  contact(@Root() assignment: ContactAssignment, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Contact).load(assignment.contactId);
  }

  @FieldResolver(() => ContactTarget, { nullable: true })
  assignedTo(@Root() assignment: ContactAssignment, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(TARGET_TYPES[assignment.objectType]).load(assignment.objectId);
  }
}
