import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { daysBetween } from '../common/dates';
import { todayInLondon } from '../common/calendar';
import { MANAGE_INVENTORY, READ_INVENTORY } from '../auth/roles';
import { ContactAssignment, ContactObjectType } from '../contacts/contact-assignment.entity';
import { ConnectionType, PageArgs } from '../graphql-types/connection';
import type { RequestContext } from '../request/context';
import { idOf, optionalIdOf } from '../common/global-id';
import { selects } from '../graphql-types/selection';
import { Organisation } from '../organisations/organisation.entity';
import { NetworkService, ServiceStatus } from '../services/network-service.entity';
import { ServiceConnection } from '../services/network-service.resolver';
import { Supplier } from '../suppliers/supplier.entity';
import { ContractDocument } from './contract-document.entity';
import { ContractStatusChange } from './contract-status-change.entity';
import { Contract } from './contract.entity';
import {
  ContractDocumentInput,
  ContractFilter,
  ContractOrder,
  CreateContractInput,
  SetContractStatusInput,
  UpdateContractInput,
} from './contract.input';
import { ContractService } from './contract.service';

export const ContractConnection = ConnectionType(Contract, 'Contract');

@Resolver(() => Contract)
export class ContractResolver {
  constructor(private readonly contractService: ContractService) {}

  @Authorized(READ_INVENTORY)
  @Query(() => ContractConnection)
  contracts(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Args() page: PageArgs,
    @Arg('filter', () => ContractFilter, { nullable: true }) filter?: ContractFilter,
    @Arg('orderBy', () => ContractOrder, { nullable: true }) orderBy?: ContractOrder,
  ) {
    const { supplierId, organisationId, ...rest } = filter ?? {};
    return this.contractService.list(
      ctx,
      {
        ...rest,
        supplierId: optionalIdOf(supplierId, Supplier.typename, 'filter.supplierId'),
        organisationId: optionalIdOf(organisationId, Organisation.typename, 'filter.organisationId'),
      },
      page,
      orderBy,
      // the page's suppliers, when asked for, are read with the page
      { withSupplier: selects(info, ['edges', 'node', 'supplier']) },
    );
  }

  @Authorized(READ_INVENTORY)
  @Query(() => Contract)
  contract(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Info() info: GraphQLResolveInfo) {
    // the supplier and the services' sites, when asked for, are read with the contract and the
    // services (from here, before anything else in the query loads the services: the SLA
    // report's read of every service is then the one the services' page is cut from)
    if (selects(info, ['supplier'])) ctx.loaders.include(Contract, 'supplier');
    if (selects(info, ['services', 'edges', 'node', 'site'])) ctx.loaders.include(NetworkService, 'site');
    return this.contractService.visible(ctx, idOf(id, Contract.typename));
  }

  @Authorized(READ_INVENTORY)
  @Query(() => ContractConnection, {
    description: 'ACTIVE contracts whose notice date is within `withinDays` days, or has passed while the term runs on, soonest first.',
  })
  contractsDueForRenewal(@Ctx() ctx: RequestContext, @Arg('withinDays', () => Int) withinDays: number, @Args() page: PageArgs) {
    return this.contractService.dueForRenewal(ctx, withinDays, page);
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => Contract)
  createContract(@Ctx() ctx: RequestContext, @Arg('input') input: CreateContractInput) {
    return this.contractService.create(
      ctx,
      input,
      idOf(input.supplierId, Supplier.typename, 'input.supplierId'),
      optionalIdOf(input.organisationId, Organisation.typename, 'input.organisationId'),
    );
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => Contract)
  updateContract(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateContractInput) {
    return this.contractService.update(ctx, idOf(input.id, Contract.typename, 'input.id'), input);
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => Contract, { description: 'Moves a contract along its lifecycle, recording who and why.' })
  setContractStatus(@Ctx() ctx: RequestContext, @Arg('input') input: SetContractStatusInput) {
    return this.contractService.setStatus(ctx, idOf(input.id, Contract.typename, 'input.id'), input.status, input.reason);
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => Contract, { description: 'Extends an ACTIVE contract by its renewal term.' })
  renewContract(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.contractService.renew(ctx, idOf(id, Contract.typename));
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => ContractDocument)
  addContractDocument(
    @Ctx() ctx: RequestContext,
    @Arg('contractId', () => ID) contractId: string,
    @Arg('input') input: ContractDocumentInput,
  ) {
    return this.contractService.addDocument(ctx, idOf(contractId, Contract.typename, 'contractId'), input);
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => Contract, { description: 'Removes a document link; returns the contract.' })
  removeContractDocument(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.contractService.removeDocument(ctx, idOf(id, ContractDocument.typename));
  }

  @FieldResolver(() => Organisation)
  organisation(@Root() contract: Contract, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Organisation).load(contract.organisationId);
  }

  @FieldResolver(() => Supplier)
  supplier(@Root() contract: Contract, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Supplier).load(contract.supplierId);
  }

  @FieldResolver(() => ServiceConnection, {
    description:
      "Services under the contract, optionally of one status, by reference. Under a list of contracts every contract's page is read together: the statements do not grow with the list.",
  })
  services(
    @Root() contract: Contract,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Args() page: PageArgs,
    @Arg('status', () => ServiceStatus, { nullable: true }) status?: ServiceStatus | null,
  ) {
    // the services' sites, when asked for, are read with the services rather than after them
    return ctx.loaders
      .pageBy(NetworkService, 'contractId', status ? { status } : {}, page, {
        maxPageSize: ctx.config.graphql.maxPageSize,
        sort: { property: 'reference', valueOf: (service) => service.reference },
        include: selects(info, ['edges', 'node', 'site']) ? ['site'] : [],
      })
      .load(contract.id);
  }

  @FieldResolver(() => [ContractDocument])
  documents(@Root() contract: Contract, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(ContractDocument, 'contractId').load(contract.id);
  }

  @FieldResolver(() => [ContractStatusChange], { description: 'Lifecycle history, oldest first.' })
  statusHistory(@Root() contract: Contract, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(ContractStatusChange, 'contractId').load(contract.id);
  }

  @FieldResolver(() => [ContactAssignment])
  contacts(@Root() contract: Contract, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(ContactAssignment, 'objectId', { objectType: ContactObjectType.CONTRACT }).load(contract.id);
  }

  @FieldResolver(() => Int, { description: 'Days from today (England) to the notice date; negative once it has passed.' })
  daysUntilNoticeDate(@Root() contract: Contract) {
    return daysBetween(todayInLondon(), contract.noticeDate);
  }
}
