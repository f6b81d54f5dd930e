import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { MANAGE_INVENTORY, READ_INVENTORY } from '../auth/roles';
import { daysBetween } from '../common/dates';
import { todayInLondon } from '../common/calendar';
import { Contract } from '../contracts/contract.entity';
import { ConnectionType, PageArgs } from '../graphql-types/connection';
import type { RequestContext } from '../request/context';
import { idOf, optionalIdOf } from '../common/global-id';
import { LocalDateScalar } from '../graphql-types/scalars';
import { Organisation } from '../organisations/organisation.entity';
import { NetworkService } from '../services/network-service.entity';
import { Site } from '../sites/site.entity';
import { Supplier } from '../suppliers/supplier.entity';
import { DEFAULT_CEASE_LEAD_WORKING_DAYS, LegacyCeaseService, LegacyServiceToCease } from './legacy-cease.service';
import { OPEN_ORDER_STATUSES, OrderStatus, OrderTransition, ServiceOrder } from './order.entity';
import {
  CompleteOrderInput,
  CreateOrderInput,
  LinkReplacementInput,
  MoveOrderInput,
  OrderFilter,
  SetOrderCommittedDateInput,
} from './order.input';
import { OrderService } from './order.service';
import { ServiceReplacement, ServiceTermsPeriod } from './service-history.entity';

export const OrderConnection = ConnectionType(ServiceOrder, 'Order');

@Resolver(() => ServiceOrder)
export class OrderResolver {
  constructor(private readonly orderService: OrderService) {}

  @Authorized(READ_INVENTORY)
  @Query(() => OrderConnection, { description: 'Orders with suppliers, newest first.' })
  orders(@Ctx() ctx: RequestContext, @Args() page: PageArgs, @Arg('filter', () => OrderFilter, { nullable: true }) filter?: OrderFilter) {
    return this.orderService.list(
      ctx,
      {
        supplierId: optionalIdOf(filter?.supplierId, Supplier.typename, 'filter.supplierId'),
        contractId: optionalIdOf(filter?.contractId, Contract.typename, 'filter.contractId'),
        siteId: optionalIdOf(filter?.siteId, Site.typename, 'filter.siteId'),
        serviceId: optionalIdOf(filter?.serviceId, NetworkService.typename, 'filter.serviceId'),
        status: filter?.status,
        type: filter?.type,
      },
      page,
    );
  }

  @Authorized(READ_INVENTORY)
  @Query(() => ServiceOrder)
  order(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.orderService.get(ctx, idOf(id, ServiceOrder.typename));
  }

  @Authorized(READ_INVENTORY)
  @Query(() => [ServiceOrder], { description: 'Orders placed and not finished whose committed date has passed, most overdue first.' })
  ordersPastCommittedDate(@Ctx() ctx: RequestContext) {
    return this.orderService.pastCommittedDate(ctx);
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => ServiceOrder, { description: 'Drafts an order (DRAFT).' })
  createOrder(@Ctx() ctx: RequestContext, @Arg('input') input: CreateOrderInput) {
    return this.orderService.create(ctx, input, {
      contractId: optionalIdOf(input.contractId, Contract.typename, 'input.contractId'),
      siteId: optionalIdOf(input.siteId, Site.typename, 'input.siteId'),
      serviceId: optionalIdOf(input.serviceId, NetworkService.typename, 'input.serviceId'),
    });
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => ServiceOrder, {
    description: 'Moves an order on (SUBMITTED, ACKNOWLEDGED, IN_PROGRESS, HELD, REJECTED, CANCELLED), recording who, when and why.',
  })
  moveOrder(@Ctx() ctx: RequestContext, @Arg('input') input: MoveOrderInput) {
    return this.orderService.move(
      ctx,
      idOf(input.id, ServiceOrder.typename, 'input.id'),
      input.status,
      input.reason,
      input.on,
      input.supplierOrderReference,
    );
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => ServiceOrder, { description: "Records the supplier's committed date (or its slip), which delivery is measured against." })
  setOrderCommittedDate(@Ctx() ctx: RequestContext, @Arg('input') input: SetOrderCommittedDateInput) {
    return this.orderService.setCommittedDate(ctx, idOf(input.id, ServiceOrder.typename, 'input.id'), input.committedDate, input.reason);
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => ServiceOrder, { description: 'Completes an order and applies it to the inventory in the same transaction.' })
  completeOrder(@Ctx() ctx: RequestContext, @Arg('input') input: CompleteOrderInput) {
    return this.orderService.complete(
      ctx,
      idOf(input.id, ServiceOrder.typename, 'input.id'),
      input.completedOn,
      input.serviceReference,
      input.reason,
    );
  }

  @FieldResolver(() => [OrderTransition], { description: 'Every step, oldest first.' })
  history(@Root() order: ServiceOrder, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(OrderTransition, 'orderId').load(order.id);
  }

  @FieldResolver(() => Supplier)
  supplier(@Root() order: ServiceOrder, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Supplier).load(order.supplierId);
  }

  @FieldResolver(() => Contract)
  contract(@Root() order: ServiceOrder, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Contract).load(order.contractId);
  }

  @FieldResolver(() => Organisation)
  organisation(@Root() order: ServiceOrder, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Organisation).load(order.organisationId);
  }

  @FieldResolver(() => Site, { description: 'The site; for a MOVE, the site the service moves to.' })
  site(@Root() order: ServiceOrder, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Site).load(order.siteId);
  }

  @FieldResolver(() => Site, { nullable: true, description: 'MOVE: the site the service leaves.' })
  fromSite(@Root() order: ServiceOrder, @Ctx() ctx: RequestContext) {
    return order.fromSiteId === null ? null : ctx.loaders.byId(Site).load(order.fromSiteId);
  }

  @FieldResolver(() => NetworkService, { nullable: true, description: 'The service; a NEW_SERVICE or ADD has one once completed.' })
  service(@Root() order: ServiceOrder, @Ctx() ctx: RequestContext) {
    return order.serviceId === null ? null : ctx.loaders.byId(NetworkService).load(order.serviceId);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'Days past the committed date: for a completed order, how late it was (0 when on time); for an open one, how late it is so far. Null ' +
      'without a committed date.',
  })
  daysLate(@Root() order: ServiceOrder) {
    if (!order.committedDate) return null;
    if (order.status === OrderStatus.COMPLETED) return Math.max(0, daysBetween(order.committedDate, order.completedOn!));
    if (!OPEN_ORDER_STATUSES.includes(order.status)) return null;
    return Math.max(0, daysBetween(order.committedDate, todayInLondon()));
  }
}

/** Orders, terms history and legacy replacement, seen from a service. */
@Resolver(() => NetworkService)
export class ServiceOrdersResolver {
  constructor(private readonly legacy: LegacyCeaseService) {}

  @FieldResolver(() => [ServiceOrder], { description: 'Orders for this service, oldest first.' })
  orders(@Root() service: NetworkService, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(ServiceOrder, 'serviceId').load(service.id);
  }

  @FieldResolver(() => [ServiceTermsPeriod], {
    description: "Its charge, bandwidth and site from each order's effective date, oldest first; empty while it has never changed.",
  })
  termsHistory(@Root() service: NetworkService, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(ServiceTermsPeriod, 'serviceId', {}, { effectiveFrom: 'ASC' }).load(service.id);
  }

  @FieldResolver(() => NetworkService, { nullable: true, description: 'For a legacy (TN-SP) service: the HSCN service that replaces it.' })
  async replacedBy(@Root() service: NetworkService, @Ctx() ctx: RequestContext) {
    const [link] = await ctx.loaders.manyBy(ServiceReplacement, 'legacyServiceId').load(service.id);
    return link ? ctx.loaders.byId(NetworkService).load(link.replacementServiceId) : null;
  }

  @FieldResolver(() => [NetworkService], { description: 'For an HSCN service: the legacy services it replaces.' })
  async replaces(@Root() service: NetworkService, @Ctx() ctx: RequestContext) {
    const links = await ctx.loaders.manyBy(ServiceReplacement, 'replacementServiceId').load(service.id);
    const rows = await ctx.loaders.byId(NetworkService).loadMany(links.map((link) => link.legacyServiceId));
    return rows.filter((row) => row instanceof NetworkService);
  }

  @Authorized(READ_INVENTORY)
  @Query(() => [LegacyServiceToCease], {
    description:
      'Legacy (TN-SP) services still billed to the organisation: dual-running cost since their replacement went live, and the day to raise ' +
      'each cease by; overdue first.',
  })
  legacyServicesToCease(
    @Ctx() ctx: RequestContext,
    @Arg('organisationId', () => ID) organisationId: string,
    @Arg('leadTimeWorkingDays', () => Int, {
      defaultValue: DEFAULT_CEASE_LEAD_WORKING_DAYS,
      description: "The TN-SP's cease-quote lead time, in working days.",
    })
    leadTimeWorkingDays: number,
    @Arg('asOf', () => LocalDateScalar, { nullable: true, description: 'Defaults to today.' }) asOf?: string,
  ) {
    return this.legacy.toCease(ctx, idOf(organisationId, Organisation.typename, 'organisationId'), leadTimeWorkingDays, asOf ?? undefined);
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => NetworkService, {
    description: 'Records that a legacy (TN-SP) service is replaced by an HSCN service. Answers the legacy service.',
  })
  linkReplacementService(@Ctx() ctx: RequestContext, @Arg('input') input: LinkReplacementInput) {
    return this.legacy.link(
      ctx,
      idOf(input.legacyServiceId, NetworkService.typename, 'input.legacyServiceId'),
      idOf(input.replacementServiceId, NetworkService.typename, 'input.replacementServiceId'),
    );
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => NetworkService, { description: "Removes a legacy service's replacement link. Answers the legacy service." })
  unlinkReplacementService(@Ctx() ctx: RequestContext, @Arg('legacyServiceId', () => ID) legacyServiceId: string) {
    return this.legacy.unlink(ctx, idOf(legacyServiceId, NetworkService.typename, 'legacyServiceId'));
  }
}
