import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { MANAGE_INVENTORY, READ_INVENTORY } from '../auth/roles';
import { Contract } from '../contracts/contract.entity';
import { ConnectionType, PageArgs } from '../graphql-types/connection';
import type { RequestContext } from '../request/context';
import { idOf, optionalIdOf } from '../common/global-id';
import { Organisation } from '../organisations/organisation.entity';
import { Site } from '../sites/site.entity';
import { Supplier } from '../suppliers/supplier.entity';
import { NetworkService } from './network-service.entity';
import { CreateServiceInput, ServiceFilter, ServiceOrder, SetServiceStatusInput, UpdateServiceInput } from './network-service.input';
import { ServiceInventory } from './service-inventory';

export const ServiceConnection = ConnectionType(NetworkService, 'Service');

@Resolver(() => NetworkService)
export class NetworkServiceResolver {
  constructor(private readonly inventory: ServiceInventory) {}

  @Authorized(READ_INVENTORY)
  @Query(() => ServiceConnection)
  services(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => ServiceFilter, { nullable: true }) filter?: ServiceFilter,
    @Arg('orderBy', () => ServiceOrder, { nullable: true }) orderBy?: ServiceOrder,
  ) {
    const { contractId, siteId, supplierId, organisationId, ...rest } = filter ?? {};
    return this.inventory.list(
      ctx,
      {
        ...rest,
        contractId: optionalIdOf(contractId, Contract.typename, 'filter.contractId'),
        siteId: optionalIdOf(siteId, Site.typename, 'filter.siteId'),
        supplierId: optionalIdOf(supplierId, Supplier.typename, 'filter.supplierId'),
        organisationId: optionalIdOf(organisationId, Organisation.typename, 'filter.organisationId'),
      },
      page,
      orderBy,
    );
  }

  @Authorized(READ_INVENTORY)
  @Query(() => NetworkService)
  service(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.inventory.get(ctx, idOf(id, NetworkService.typename));
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => NetworkService)
  createService(@Ctx() ctx: RequestContext, @Arg('input') input: CreateServiceInput) {
    return this.inventory.create(
      ctx,
      input,
      idOf(input.contractId, Contract.typename, 'input.contractId'),
      idOf(input.siteId, Site.typename, 'input.siteId'),
    );
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => NetworkService)
  updateService(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateServiceInput) {
    return this.inventory.update(
      ctx,
      idOf(input.id, NetworkService.typename, 'input.id'),
      input,
      optionalIdOf(input.siteId, Site.typename, 'input.siteId'),
    );
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => NetworkService, { description: 'Moves a service along ORDERED → ACTIVE → CEASE_REQUESTED → CEASED.' })
  setServiceStatus(@Ctx() ctx: RequestContext, @Arg('input') input: SetServiceStatusInput) {
    return this.inventory.setStatus(ctx, idOf(input.id, NetworkService.typename, 'input.id'), input.status, input.effectiveDate);
  }

  @FieldResolver(() => Contract)
  contract(@Root() service: NetworkService, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Contract).load(service.contractId);
  }

  @FieldResolver(() => Site)
  site(@Root() service: NetworkService, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byIdNow(Site, service.siteId);
  }

  @FieldResolver(() => Supplier)
  supplier(@Root() service: NetworkService, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Supplier).load(service.supplierId);
  }

  @FieldResolver(() => Organisation)
  organisation(@Root() service: NetworkService, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Organisation).load(service.organisationId);
  }
}
