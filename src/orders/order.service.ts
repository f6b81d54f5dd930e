import { In } from 'typeorm';
import { oldestFirst } from '../charging/pricing';
import { isLocalDate } from '../common/dates';
import { todayInLondon } from '../common/calendar';
import { badInput, conflict } from '../common/errors';
import { formatMoney } from '../common/money';
import { optionalIdentifier, optionalText, requiredText } from '../common/text';
import { findVisible, withinScope } from '../auth/tenancy';
import { isClosed } from '../contracts/contract-lifecycle';
import type { Contract } from '../contracts/contract.entity';
import { ContractService } from '../contracts/contract.service';
import { saveUnique } from '../db/errors';
import { recordTransition } from '../db/transitions';
import { paginate, type Connection, type PageArgs } from '../request/paging';
import type { RequestContext } from '../request/context';
import { NetworkService, ServiceStatus } from '../services/network-service.entity';
import { ServiceInventory } from '../services/service-inventory';
import { serviceLifecycle } from '../services/service-lifecycle';
import { SiteService } from '../sites/site.service';
import { orderLifecycle } from './order-lifecycle';
import { OPEN_ORDER_STATUSES, OrderStatus, OrderTransition, OrderType, ServiceOrder, UNFINISHED_ORDER_STATUSES } from './order.entity';
import type { CreateOrderInput } from './order.input';
import { ServiceTermsPeriod } from './service-history.entity';
import { ErrorReason } from '../common/error-reasons';

export interface OrderListFilter {
  supplierId?: number;
  contractId?: number;
  siteId?: number;
  serviceId?: number;
  status?: OrderStatus[];
  type?: OrderType[];
}

export interface CreateOrderIds {
  contractId?: number;
  siteId?: number;
  serviceId?: number;
}

const CREATES_SERVICE = [OrderType.NEW_SERVICE, OrderType.ADD];

/**
 * Orders with suppliers: new services, moves, additions, changes and ceases, each through
 * the TMF641 lifecycle with every move recorded. Completing an order changes the inventory
 * in the same transaction, keeping the service's charge, bandwidth and site history so that
 * billing can pro-rate a change made mid-month.
 */
export class OrderService {
  constructor(
    private readonly contracts: ContractService,
    private readonly sites: SiteService,
    private readonly inventory: ServiceInventory,
  ) {}

  list(ctx: RequestContext, filter: OrderListFilter, page: PageArgs): Promise<Connection<ServiceOrder>> {
    const query = withinScope(ctx, ctx.repository(ServiceOrder).createQueryBuilder('serviceorder'));
    for (const column of ['supplierId', 'contractId', 'siteId', 'serviceId'] as const) {
      if (filter[column] !== undefined) query.andWhere(`serviceorder.${column} = :${column}`, { [column]: filter[column] });
    }
    if (filter.status?.length) query.andWhere('serviceorder.status IN (:...statuses)', { statuses: filter.status });
    if (filter.type?.length) query.andWhere('serviceorder.type IN (:...types)', { types: filter.type });
    return paginate(query, page, { maxPageSize: ctx.config.graphql.maxPageSize, direction: 'DESC' });
  }

  get(ctx: RequestContext, id: number): Promise<ServiceOrder> {
    return findVisible(ctx, ServiceOrder, id, ServiceOrder.typename);
  }

  /** Orders placed and not finished whose committed date has passed, most overdue first. */
  pastCommittedDate(ctx: RequestContext, today = todayInLondon()): Promise<ServiceOrder[]> {
    return withinScope(ctx, ctx.repository(ServiceOrder).createQueryBuilder('serviceorder'))
      .andWhere('serviceorder.status IN (:...open) AND serviceorder.committedDate < :today', { open: OPEN_ORDER_STATUSES, today })
      .orderBy('serviceorder.committedDate', 'ASC')
      .addOrderBy('serviceorder.id', 'ASC')
      .getMany();
  }

  async create(ctx: RequestContext, input: CreateOrderInput, ids: CreateOrderIds): Promise<ServiceOrder> {
    assertDate(input.requestedDate, 'input.requestedDate');
    const oneOffCharge = input.oneOffCharge ?? 0n;
    if (oneOffCharge < 0n) throw badInput('input.oneOffCharge', 'input.oneOffCharge: must not be negative', ErrorReason.NEGATIVE_AMOUNT);
    if (input.monthlyCharge != null && input.monthlyCharge < 0n)
      throw badInput('input.monthlyCharge', 'input.monthlyCharge: must not be negative', ErrorReason.NEGATIVE_AMOUNT);
    return ctx.transaction(async (tx) => {
      const service = ids.serviceId === undefined ? null : await this.inventory.get(tx, ids.serviceId);
      const order = tx.repository(ServiceOrder).create({
        type: input.type,
        status: OrderStatus.DRAFT,
        requestedDate: input.requestedDate,
        supplierOrderReference: optionalText(input.supplierOrderReference) ?? null,
        description: optionalText(input.description) ?? null,
        oneOffCharge,
        serviceId: service?.id ?? null,
        fromSiteId: null,
        submittedOn: null,
        committedDate: null,
        originalCommittedDate: null,
        completedOn: null,
        serviceReference: null,
        serviceType: null,
        resilience: null,
        qosProfile: null,
        bandwidthMbps: null,
        monthlyCharge: null,
        previousBandwidthMbps: null,
        previousMonthlyCharge: null,
      });

      let contract: Contract;
      if (CREATES_SERVICE.includes(input.type)) {
        if (service) {
          if (service.status !== ServiceStatus.ORDERED) {
            throw conflict(
              `Service ${service.reference} is ${service.status}; a ${input.type} order completes an ORDERED service or creates a new one`,
              { field: 'input.serviceId', reason: ErrorReason.SERVICE_NOT_ORDERED },
            );
          }
          await this.assertNoOpenOrder(tx, service, input.type);
          contract = await this.contracts.get(tx, service.contractId);
          order.siteId = service.siteId;
          order.serviceReference = service.reference;
          order.serviceType = service.type;
          order.resilience = service.resilience;
          order.qosProfile = service.qosProfile;
          order.bandwidthMbps = service.bandwidthMbps;
          order.monthlyCharge = service.monthlyCharge;
        } else {
          if (ids.contractId === undefined)
            throw badInput(
              'input.contractId',
              `input.contractId: a ${input.type} order names the contract it is placed under`,
              ErrorReason.REQUIRED,
            );
          if (ids.siteId === undefined)
            throw badInput('input.siteId', `input.siteId: a ${input.type} order names the site`, ErrorReason.REQUIRED);
          for (const field of ['serviceType', 'resilience', 'bandwidthMbps', 'monthlyCharge'] as const) {
            if (input[field] == null)
              throw badInput(
                `input.${field}`,
                `input.${field}: required for a ${input.type} order of a service not yet in the inventory`,
                ErrorReason.REQUIRED,
              );
          }
          contract = await this.contracts.get(tx, ids.contractId);
          const site = await this.sites.get(tx, ids.siteId);
          if (site.organisationId !== contract.organisationId)
            throw badInput(
              'input.siteId',
              'input.siteId: the site belongs to a different organisation from the contract',
              ErrorReason.SITE_ORGANISATION_MISMATCH,
            );
          order.siteId = site.id;
          order.serviceReference = optionalText(input.serviceReference) ?? null;
          order.serviceType = input.serviceType!;
          order.resilience = input.resilience!;
          order.qosProfile = optionalIdentifier(input.qosProfile, 'input.qosProfile', 64) ?? null;
          order.bandwidthMbps = input.bandwidthMbps!;
          order.monthlyCharge = input.monthlyCharge!;
        }
      } else {
        if (!service) throw badInput('input.serviceId', `input.serviceId: a ${input.type} order names the service`, ErrorReason.REQUIRED);
        contract = await this.contracts.get(tx, service.contractId);
        if (ids.contractId !== undefined && ids.contractId !== contract.id)
          throw badInput('input.contractId', 'input.contractId: the service is under another contract', ErrorReason.CONTRACT_MISMATCH);
        for (const field of ['serviceReference', 'serviceType', 'resilience', 'qosProfile'] as const) {
          if (input[field] != null)
            throw badInput(`input.${field}`, `input.${field}: does not apply to a ${input.type} order`, ErrorReason.NOT_APPLICABLE);
        }
        if (service.status === ServiceStatus.CEASED) {
          throw conflict(`Service ${service.reference} ceased on ${service.ceaseDate ?? 'an unknown date'}`, {
            field: 'input.serviceId',
            reason: ErrorReason.SERVICE_ALREADY_CEASED,
          });
        }
        await this.assertNoOpenOrder(tx, service, input.type);
        order.siteId = service.siteId;
        if (input.type === OrderType.CEASE) {
          if (ids.siteId !== undefined)
            throw badInput('input.siteId', 'input.siteId: does not apply to a CEASE order', ErrorReason.NOT_APPLICABLE);
          if (input.bandwidthMbps != null || input.monthlyCharge != null)
            throw badInput(
              input.bandwidthMbps != null ? 'input.bandwidthMbps' : 'input.monthlyCharge',
              'does not apply to a CEASE order',
              ErrorReason.NOT_APPLICABLE,
            );
        } else {
          if (service.status !== ServiceStatus.ACTIVE) {
            throw conflict(`Service ${service.reference} is ${service.status}; only an ACTIVE service is moved or changed`, {
              field: 'input.serviceId',
              reason: ErrorReason.SERVICE_NOT_ACTIVE,
            });
          }
          order.previousBandwidthMbps = service.bandwidthMbps;
          order.previousMonthlyCharge = service.monthlyCharge;
        }
        if (input.type === OrderType.CHANGE) {
          if (ids.siteId !== undefined)
            throw badInput(
              'input.siteId',
              'input.siteId: a CHANGE keeps the service where it is; a MOVE moves it',
              ErrorReason.NOT_APPLICABLE,
            );
          const bandwidthChanges = input.bandwidthMbps != null && input.bandwidthMbps !== service.bandwidthMbps;
          const chargeChanges = input.monthlyCharge != null && input.monthlyCharge !== service.monthlyCharge;
          if (!bandwidthChanges && !chargeChanges) {
            throw badInput(
              'input',
              `input: a CHANGE needs a new bandwidth or monthly charge; ${service.reference} is already ${service.bandwidthMbps} Mbps at ` +
                `£${formatMoney(service.monthlyCharge)} a month`,
              ErrorReason.CHANGE_WITHOUT_CHANGE,
            );
          }
          order.bandwidthMbps = bandwidthChanges ? input.bandwidthMbps! : null;
          order.monthlyCharge = chargeChanges ? input.monthlyCharge! : null;
        }
        if (input.type === OrderType.MOVE) {
          if (ids.siteId === undefined)
            throw badInput('input.siteId', 'input.siteId: a MOVE names the site the service moves to', ErrorReason.REQUIRED);
          const site = await this.sites.get(tx, ids.siteId);
          if (site.organisationId !== service.organisationId)
            throw badInput(
              'input.siteId',
              'input.siteId: the site belongs to a different organisation from the service',
              ErrorReason.SITE_ORGANISATION_MISMATCH,
            );
          if (site.id === service.siteId)
            throw badInput('input.siteId', `input.siteId: ${service.reference} is already at ${site.name}`, ErrorReason.SAME_SITE);
          if (input.bandwidthMbps != null || input.monthlyCharge != null) {
            throw badInput(
              input.bandwidthMbps != null ? 'input.bandwidthMbps' : 'input.monthlyCharge',
              'a MOVE keeps the bandwidth and charge; order a CHANGE for those',
              ErrorReason.NOT_APPLICABLE,
            );
          }
          order.fromSiteId = service.siteId;
          order.siteId = site.id;
        }
      }
      if (isClosed(contract.status)) {
        throw conflict(`Contract ${contract.reference} is ${contract.status}; no orders are placed under it`, {
          field: 'input.contractId',
          reason: ErrorReason.CONTRACT_CLOSED,
        });
      }
      if (order.serviceId === null && order.serviceReference)
        await assertReferenceFree(tx, contract.supplierId, order.serviceReference, 'input.serviceReference');
      order.contractId = contract.id;
      order.supplierId = contract.supplierId;
      order.organisationId = contract.organisationId;
      const saved = await this.save(tx, order);
      await this.record(
        tx,
        saved,
        null,
        `${saved.type} order drafted${saved.supplierOrderReference ? ` (${saved.supplierOrderReference})` : ''}`,
        todayInLondon(),
      );
      return saved;
    });
  }

  /**
   * Moves an order on. Submitting a CEASE marks the service CEASE_REQUESTED; rejecting or
   * cancelling a submitted one withdraws the request.
   */
  async move(
    ctx: RequestContext,
    id: number,
    to: OrderStatus,
    reason: string,
    on?: string | null,
    supplierOrderReference?: string | null,
  ): Promise<ServiceOrder> {
    const why = requiredText(reason, 'input.reason');
    if (to === OrderStatus.COMPLETED)
      throw badInput(
        'input.status',
        'input.status: an order is completed with completeOrder, which also updates the inventory',
        ErrorReason.USE_COMPLETE_ORDER,
      );
    const day = on ?? todayInLondon();
    assertDate(day, 'input.on');
    assertNotFuture(day, 'input.on');
    return ctx.transaction(async (tx) => {
      const order = await this.get(tx, id);
      orderLifecycle.assertMove(order.status, to);
      // steps recorded after the fact may be dated back, but not before the order's last move
      const moves = (await tx.repository(OrderTransition).find({ where: { orderId: order.id } })).filter(
        (t) => t.fromStatus !== null && t.fromStatus !== t.toStatus,
      );
      const last = moves.sort((a, b) => (a.effectiveOn < b.effectiveOn ? -1 : a.effectiveOn > b.effectiveOn ? 1 : 0)).at(-1);
      if (last && day < last.effectiveOn)
        throw badInput(
          'input.on',
          `input.on: ${day} is before the order's last recorded step on ${last.effectiveOn}`,
          ErrorReason.DATE_BEFORE_PREVIOUS,
        );
      const from = order.status;
      if (to === OrderStatus.SUBMITTED) {
        order.submittedOn = day;
        if (order.type === OrderType.CEASE) await this.markCeaseRequested(tx, order);
      }
      if ((to === OrderStatus.REJECTED || to === OrderStatus.CANCELLED) && order.type === OrderType.CEASE && from !== OrderStatus.DRAFT) {
        await this.withdrawCeaseRequest(tx, order);
      }
      if (supplierOrderReference != null)
        order.supplierOrderReference = requiredText(supplierOrderReference, 'input.supplierOrderReference');
      await claim(tx, order, to);
      order.status = to;
      order.updatedAt = new Date();
      const saved = await this.save(tx, order);
      await this.record(tx, saved, from, why, day);
      return saved;
    });
  }

  async setCommittedDate(ctx: RequestContext, id: number, committedDate: string, reason?: string | null): Promise<ServiceOrder> {
    assertDate(committedDate, 'input.committedDate');
    return ctx.transaction(async (tx) => {
      const order = await this.get(tx, id);
      if (!OPEN_ORDER_STATUSES.includes(order.status)) {
        throw conflict(
          order.status === OrderStatus.DRAFT
            ? 'The order has not been submitted; the supplier commits to a date once it is'
            : `A ${order.status} order's committed date is history`,
          { reason: ErrorReason.ORDER_NOT_OPEN },
        );
      }
      if (order.submittedOn && committedDate < order.submittedOn) {
        throw badInput(
          'input.committedDate',
          `input.committedDate: ${committedDate} is before the order was submitted on ${order.submittedOn}`,
          ErrorReason.COMMITTED_BEFORE_SUBMISSION,
        );
      }
      if (committedDate < order.requestedDate) {
        throw badInput(
          'input.committedDate',
          `input.committedDate: ${committedDate} is before the requested date ${order.requestedDate}`,
          ErrorReason.COMMITTED_BEFORE_REQUESTED,
        );
      }
      const previous = order.committedDate;
      if (previous === committedDate) return order;
      order.committedDate = committedDate;
      order.originalCommittedDate ??= committedDate;
      order.updatedAt = new Date();
      const saved = await tx.repository(ServiceOrder).save(order);
      const why = optionalText(reason);
      await this.record(
        tx,
        saved,
        saved.status,
        previous
          ? `Committed date moved from ${previous} to ${committedDate}${why ? `: ${why}` : ''}`
          : `Supplier committed to ${committedDate}${why ? `: ${why}` : ''}`,
        todayInLondon(),
      );
      return saved;
    });
  }

  /** Completes an order and applies it to the inventory, all or nothing. */
  async complete(
    ctx: RequestContext,
    id: number,
    completedOn: string,
    serviceReference?: string | null,
    reason?: string | null,
  ): Promise<ServiceOrder> {
    assertDate(completedOn, 'input.completedOn');
    assertNotFuture(completedOn, 'input.completedOn');
    return ctx.transaction(async (tx) => {
      const order = await this.get(tx, id);
      if (order.status === OrderStatus.COMPLETED)
        throw conflict(`The order was already completed on ${order.completedOn}`, { reason: ErrorReason.ORDER_ALREADY_COMPLETED });
      if (order.status === OrderStatus.REJECTED || order.status === OrderStatus.CANCELLED)
        throw conflict(`A ${order.status} order cannot be completed`, { reason: ErrorReason.ORDER_CLOSED });
      orderLifecycle.assertMove(order.status, OrderStatus.COMPLETED);
      if (order.submittedOn && completedOn < order.submittedOn) {
        throw badInput(
          'input.completedOn',
          `input.completedOn: ${completedOn} is before the order was submitted on ${order.submittedOn}`,
          ErrorReason.COMPLETED_BEFORE_SUBMISSION,
        );
      }
      const from = order.status;
      await claim(tx, order, OrderStatus.COMPLETED);
      const effect = await this.apply(tx, order, completedOn, serviceReference);
      order.status = OrderStatus.COMPLETED;
      order.completedOn = completedOn;
      order.updatedAt = new Date();
      const saved = await tx.repository(ServiceOrder).save(order);
      const why = optionalText(reason);
      await this.record(tx, saved, from, `${effect}${why ? `: ${why}` : ''}`, completedOn);
      return saved;
    });
  }

  /** The order's change to the inventory, effective on `on`; answers what it did. */
  private async apply(ctx: RequestContext, order: ServiceOrder, on: string, serviceReference?: string | null): Promise<string> {
    if (CREATES_SERVICE.includes(order.type)) {
      if (order.serviceId !== null) {
        const service = await this.inventory.get(ctx, order.serviceId);
        if (service.status !== ServiceStatus.ORDERED)
          throw conflict(`Service ${service.reference} is already ${service.status}`, { reason: ErrorReason.SERVICE_NOT_ORDERED });
        if (serviceReference && serviceReference !== service.reference)
          await this.inventory.update(ctx, service.id, { reference: serviceReference });
        await this.inventory.update(ctx, service.id, { oneOffCharge: order.oneOffCharge });
        await this.inventory.setStatus(ctx, service.id, ServiceStatus.ACTIVE, on);
        return `Completed: ${serviceReference ?? service.reference} live from ${on}`;
      }
      const reference = optionalText(serviceReference) ?? order.serviceReference;
      if (!reference)
        throw badInput(
          'input.serviceReference',
          "input.serviceReference: the supplier's reference for the new service is needed to add it to the inventory",
          ErrorReason.REQUIRED,
        );
      await assertReferenceFree(ctx, order.supplierId, reference, 'input.serviceReference');
      const created = await this.inventory.create(
        ctx,
        {
          contractId: '',
          siteId: '',
          reference,
          type: order.serviceType!,
          bandwidthMbps: order.bandwidthMbps!,
          resilience: order.resilience!,
          qosProfile: order.qosProfile,
          status: ServiceStatus.ACTIVE,
          installDate: on,
          monthlyCharge: order.monthlyCharge!,
          oneOffCharge: order.oneOffCharge,
        },
        order.contractId,
        order.siteId,
      );
      order.serviceId = created.id;
      order.serviceReference = reference;
      return `Completed: ${reference} added to the inventory, live from ${on}`;
    }

    const service = await this.inventory.get(ctx, order.serviceId!);
    if (order.type === OrderType.CEASE) {
      if (!serviceLifecycle.canMove(service.status, ServiceStatus.CEASED))
        throw conflict(`Service ${service.reference} is already ${service.status}`, { reason: ErrorReason.SERVICE_ALREADY_CEASED });
      if (service.installDate && on < service.installDate)
        throw badInput(
          'input.completedOn',
          `input.completedOn: ${on} is before ${service.reference} was installed on ${service.installDate}`,
          ErrorReason.CEASE_BEFORE_INSTALL,
        );
      await this.inventory.setStatus(ctx, service.id, ServiceStatus.CEASED, on);
      return `Completed: ${service.reference} ceased on ${on}`;
    }

    if (service.status === ServiceStatus.CEASED || service.status === ServiceStatus.ORDERED) {
      throw conflict(
        `Service ${service.reference} is ${service.status}; it cannot be ${order.type === OrderType.MOVE ? 'moved' : 'changed'}`,
        { reason: ErrorReason.SERVICE_NOT_ACTIVE },
      );
    }
    if (service.installDate && on <= service.installDate) {
      throw badInput(
        'input.completedOn',
        `input.completedOn: ${on} is not after ${service.reference} was installed on ${service.installDate}`,
        ErrorReason.CHANGE_BEFORE_INSTALL,
      );
    }
    const periods = ctx.repository(ServiceTermsPeriod);
    const held = await periods.find({ where: { serviceId: service.id } });
    if (held.length === 0) {
      // the terms the service had before its first order: they applied since it began
      await periods.save(
        periods.create({
          serviceId: service.id,
          organisationId: service.organisationId,
          effectiveFrom: null,
          monthlyCharge: service.monthlyCharge,
          bandwidthMbps: service.bandwidthMbps,
          siteId: service.siteId,
          orderId: null,
        }),
      );
    }
    const before = latestBefore(held, on) ?? {
      monthlyCharge: service.monthlyCharge,
      bandwidthMbps: service.bandwidthMbps,
      siteId: service.siteId,
    };
    const existing = held.find((p) => p.effectiveFrom === on);
    const next = {
      monthlyCharge: order.type === OrderType.CHANGE && order.monthlyCharge !== null ? order.monthlyCharge : before.monthlyCharge,
      bandwidthMbps: order.type === OrderType.CHANGE && order.bandwidthMbps !== null ? order.bandwidthMbps : before.bandwidthMbps,
      siteId: order.type === OrderType.MOVE ? order.siteId : before.siteId,
    };
    await periods.save(
      periods.merge(existing ?? periods.create(), {
        serviceId: service.id,
        organisationId: service.organisationId,
        effectiveFrom: on,
        orderId: order.id,
        ...next,
      }),
    );
    // later periods (an order completed out of date order) keep theirs; the service shows the latest
    const latest = latestBefore(await periods.find({ where: { serviceId: service.id } }), '9999-12-31')!;
    await this.inventory.update(
      ctx,
      service.id,
      { monthlyCharge: latest.monthlyCharge, bandwidthMbps: latest.bandwidthMbps },
      latest.siteId === service.siteId ? undefined : latest.siteId,
    );
    if (order.type === OrderType.MOVE) return `Completed: ${service.reference} moved from ${on}`;
    const changes = [
      order.bandwidthMbps !== null ? `bandwidth ${before.bandwidthMbps} → ${order.bandwidthMbps} Mbps` : null,
      order.monthlyCharge !== null ? `monthly charge £${formatMoney(before.monthlyCharge)} → £${formatMoney(order.monthlyCharge)}` : null,
    ].filter(Boolean);
    return `Completed: ${service.reference} ${changes.join(', ')} from ${on}`;
  }

  private async markCeaseRequested(ctx: RequestContext, order: ServiceOrder): Promise<void> {
    const service = await this.inventory.get(ctx, order.serviceId!);
    if (service.status === ServiceStatus.CEASED)
      throw conflict(`Service ${service.reference} has already ceased`, { reason: ErrorReason.SERVICE_ALREADY_CEASED });
    if (service.status === ServiceStatus.ACTIVE) {
      const date = service.installDate && order.requestedDate < service.installDate ? service.installDate : order.requestedDate;
      await this.inventory.setStatus(ctx, service.id, ServiceStatus.CEASE_REQUESTED, date);
    }
  }

  private async withdrawCeaseRequest(ctx: RequestContext, order: ServiceOrder): Promise<void> {
    const service = await this.inventory.get(ctx, order.serviceId!);
    if (service.status !== ServiceStatus.CEASE_REQUESTED) return;
    const others = await ctx
      .repository(ServiceOrder)
      .count({ where: { serviceId: service.id, type: OrderType.CEASE, status: In([...OPEN_ORDER_STATUSES]) } });
    if (others > 1) return; // another cease order is still open
    await this.inventory.setStatus(ctx, service.id, ServiceStatus.ACTIVE);
  }

  /** One unfinished order per service and type; and nothing more once a cease is under way. */
  private async assertNoOpenOrder(ctx: RequestContext, service: NetworkService, type: OrderType): Promise<void> {
    const open = await ctx
      .repository(ServiceOrder)
      .find({ where: { serviceId: service.id, status: In([...UNFINISHED_ORDER_STATUSES]) }, order: { id: 'ASC' } });
    const cease = open.find((o) => o.type === OrderType.CEASE);
    if (cease) {
      throw conflict(
        `Service ${service.reference} already has a ${cease.status} cease order${cease.supplierOrderReference ? ` (${cease.supplierOrderReference})` : ''}`,
        { field: 'input.serviceId', reason: ErrorReason.CEASE_ALREADY_OPEN },
      );
    }
    const same = open.find((o) => o.type === type);
    if (same)
      throw conflict(`Service ${service.reference} already has a ${same.status} ${type} order`, {
        field: 'input.serviceId',
        reason: ErrorReason.ORDER_ALREADY_OPEN,
      });
    if (type === OrderType.CEASE && service.status === ServiceStatus.CEASE_REQUESTED && service.ceaseDate) {
      // a cease requested outside an order (before orders were kept) is still a cease under way
      throw conflict(`Service ${service.reference} already has a cease requested for ${service.ceaseDate}`, {
        field: 'input.serviceId',
        reason: ErrorReason.CEASE_ALREADY_OPEN,
      });
    }
  }

  private save(ctx: RequestContext, order: ServiceOrder): Promise<ServiceOrder> {
    return saveUnique(ctx.repository(ServiceOrder), order, () =>
      conflict(`The supplier already has an order with reference ${order.supplierOrderReference}`, {
        field: 'input.supplierOrderReference',
        reason: ErrorReason.DUPLICATE_ORDER_REFERENCE,
      }),
    );
  }

  private record(ctx: RequestContext, order: ServiceOrder, from: OrderStatus | null, reason: string, on: string) {
    return recordTransition(ctx, OrderTransition, { subject: order, from, to: order.status, reason, also: { effectiveOn: on } });
  }
}

/** A new service's reference must be free with its supplier before the order relies on it. */
async function assertReferenceFree(ctx: RequestContext, supplierId: number, reference: string, field: string): Promise<void> {
  if (await ctx.repository(NetworkService).existsBy({ supplierId, reference })) {
    throw conflict(`The supplier already has a service with reference ${reference}`, { field, reason: ErrorReason.DUPLICATE_REFERENCE });
  }
}

/**
 * Moves the order's status only if no one else has moved it since it was read: two
 * completions racing on MariaDB would otherwise both apply to the inventory.
 */
async function claim(ctx: RequestContext, order: ServiceOrder, to: OrderStatus): Promise<void> {
  const result = await ctx.repository(ServiceOrder).update({ id: order.id, status: order.status }, { status: to, updatedAt: new Date() });
  if (result.affected === 0)
    throw conflict('The order was changed by someone else meanwhile; read it again', { reason: ErrorReason.ORDER_CHANGED });
}

function assertDate(value: string, field: string): void {
  if (!isLocalDate(value)) throw badInput(field, `${field}: not a calendar date (YYYY-MM-DD)`, ErrorReason.INVALID_DATE);
}

function assertNotFuture(value: string, field: string): void {
  const today = todayInLondon();
  if (value > today) throw badInput(field, `${field}: ${value} is in the future (today is ${today})`, ErrorReason.DATE_IN_FUTURE);
}

/** The period in force on `day`: the last starting on or before it (null start: from the beginning). */
function latestBefore(periods: readonly ServiceTermsPeriod[], day: string): ServiceTermsPeriod | undefined {
  return oldestFirst(
    periods.filter((p) => p.effectiveFrom === null || p.effectiveFrom <= day),
    (p) => p.effectiveFrom,
  ).at(-1);
}
