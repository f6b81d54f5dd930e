import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { daysBetween } from '../common/dates';
import { todayInLondon } from '../common/calendar';
import { MANAGE_INVENTORY, READ_INVENTORY } from '../auth/roles';
import { ConnectionType, PageArgs } from '../graphql-types/connection';
import type { RequestContext } from '../request/context';
import { idOf, optionalIdOf } from '../common/global-id';
import { selects } from '../graphql-types/selection';
import { Organisation } from '../organisations/organisation.entity';
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

/**
 * What a later domain reads with the `contract` query, from the query itself, when it is asked
 * for (its own loaders' includes): given to ContractResolver in the schema wiring.
 */
export type ContractQueryPreload = (ctx: RequestContext, info: GraphQLResolveInfo) => void;

@Resolver(() => Contract)
export class ContractResolver {
  constructor(
    private readonly contractService: ContractService,
    private readonly preloads: readonly ContractQueryPreload[] = [],
  ) {}

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
    // the supplier, when asked for, is read with the contract; the later domains' preloads
    // (the services' sites) run here, before anything else in the query reads their records
    if (selects(info, ['supplier'])) ctx.loaders.include(Contract, 'supplier');
    for (const preload of this.preloads) preload(ctx, info);
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

  @FieldResolver(() => [ContractDocument])
  documents(@Root() contract: Contract, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(ContractDocument, 'contractId').load(contract.id);
  }

  @FieldResolver(() => [ContractStatusChange], { description: 'Lifecycle history, oldest first.' })
  statusHistory(@Root() contract: Contract, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(ContractStatusChange, 'contractId').load(contract.id);
  }

  @FieldResolver(() => Int, { description: 'Days from today (England) to the notice date; negative once it has passed.' })
  daysUntilNoticeDate(@Root() contract: Contract) {
    return daysBetween(todayInLondon(), contract.noticeDate);
  }
}
