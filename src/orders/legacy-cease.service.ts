import { Field, Int, ObjectType } from 'type-graphql';
import { In } from 'typeorm';
import { assertInScope } from '../auth/tenancy';
import { chargeHistories } from '../charging/charge-history';
import { isLocalDate, type LocalDate } from '../common/dates';
import { todayInLondon, workingDaysBefore } from '../common/calendar';
import { badInput, conflict } from '../common/errors';
import type { Pence } from '../common/money';
import { Contract } from '../contracts/contract.entity';
import type { RequestContext } from '../request/context';
import { LocalDateScalar, MoneyScalar } from '../graphql-types/scalars';
import { NetworkService, ServiceStatus } from '../services/network-service.entity';
import { ServiceInventory } from '../services/service-inventory';
import { Supplier, SupplierKind } from '../suppliers/supplier.entity';
import { dualRunning } from './dual-running';
import { OrderStatus, OrderType, ServiceOrder, UNFINISHED_ORDER_STATUSES } from './order.entity';
import { ServiceReplacement, ServiceTermsPeriod } from './service-history.entity';
import { ErrorReason } from '../common/error-reasons';

/** HSCN's guidance: a cease quote for complex or in-term services can take 20 working days. */
export const DEFAULT_CEASE_LEAD_WORKING_DAYS = 20;

@ObjectType({
  description: 'A legacy (TN-SP continuing) service still billed: what it costs, what replaced it, and when its cease must be raised.',
})
export class LegacyServiceToCease {
  @Field(() => NetworkService) service!: NetworkService;
  @Field(() => MoneyScalar, { description: 'Its monthly charge, excluding VAT.' }) monthlyCharge!: Pence;
  @Field(() => NetworkService, { nullable: true, description: 'The HSCN service that replaces it, when linked.' })
  replacement!: NetworkService | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'The day the replacement went live.' }) replacementLiveFrom!: string | null;
  @Field(() => Int, { description: 'Days the legacy service has been paid for since its replacement went live.' }) dualRunningDays!: number;
  @Field(() => MoneyScalar, { description: 'What those days cost, excluding VAT: pro rata by days, month by month.' })
  dualRunningExposure!: Pence;
  @Field(() => MoneyScalar, {
    description: 'What each further month of dual running costs, excluding VAT (0.00 until the replacement is live).',
  })
  monthlyDualRunningCost!: Pence;
  @Field(() => LocalDateScalar, { nullable: true, description: 'The date the legacy service should be ceased by.' }) ceaseTarget!:
    string | null;
  @Field({ description: 'Why that date.' }) ceaseTargetBasis!: string;
  @Field(() => Int) leadTimeWorkingDays!: number;
  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'The last working day to raise the cease request for it to complete by the target.',
  })
  raiseCeaseBy!: string | null;
  @Field({ description: 'No cease has been raised with the TN-SP (a draft does not count) and the day to raise one has passed.' })
  overdue!: boolean;
  @Field(() => ServiceOrder, { nullable: true, description: 'The cease order under way (draft or placed), if any.' })
  ceaseOrder!: ServiceOrder | null;
}

/**
 * Legacy services to cease: every TN-SP service still billed (ACTIVE, or CEASE_REQUESTED
 * until the cease completes), its dual-running cost since
 * its HSCN replacement went live, and the day by which its cease must be raised, counting
 * the cease-quote lead time in working days (England and Wales bank holidays excluded).
 */
export class LegacyCeaseService {
  constructor(private readonly inventory: ServiceInventory) {}

  async toCease(
    ctx: RequestContext,
    organisationId: number,
    leadTimeWorkingDays = DEFAULT_CEASE_LEAD_WORKING_DAYS,
    asOf = todayInLondon(),
  ): Promise<LegacyServiceToCease[]> {
    assertInScope(ctx, organisationId);
    if (!Number.isInteger(leadTimeWorkingDays) || leadTimeWorkingDays < 0 || leadTimeWorkingDays > 250) {
      throw badInput('leadTimeWorkingDays', 'leadTimeWorkingDays: from 0 to 250', ErrorReason.OUT_OF_RANGE);
    }
    if (!isLocalDate(asOf)) throw badInput('asOf', 'asOf: not a calendar date (YYYY-MM-DD)', ErrorReason.INVALID_DATE);
    const legacySuppliers = await ctx.repository(Supplier).find({ where: { kind: SupplierKind.TN_SP } });
    if (legacySuppliers.length === 0) return [];
    const legacy = await ctx.repository(NetworkService).find({
      where: {
        organisationId,
        supplierId: In(legacySuppliers.map((s) => s.id)),
        status: In([ServiceStatus.ACTIVE, ServiceStatus.CEASE_REQUESTED]),
      },
      order: { reference: 'ASC' },
    });
    if (legacy.length === 0) return [];
    const ids = legacy.map((s) => s.id);
    const [links, ceaseOrders, contracts, periods] = await Promise.all([
      ctx.repository(ServiceReplacement).find({ where: { legacyServiceId: In(ids) } }),
      ctx
        .repository(ServiceOrder)
        .find({ where: { serviceId: In(ids), type: OrderType.CEASE, status: In([...UNFINISHED_ORDER_STATUSES]) }, order: { id: 'ASC' } }),
      ctx.repository(Contract).find({ where: { id: In([...new Set(legacy.map((s) => s.contractId))]) } }),
      ctx.repository(ServiceTermsPeriod).find({ where: { serviceId: In(ids) } }),
    ]);
    const replacements = links.length
      ? await ctx.repository(NetworkService).find({ where: { id: In(links.map((l) => l.replacementServiceId)) } })
      : [];
    // a replacement still being delivered: its committed date is when the legacy service can go
    const pending = replacements.filter((r) => r.status === ServiceStatus.ORDERED);
    const deliveries = pending.length
      ? await ctx.repository(ServiceOrder).find({
          where: {
            serviceId: In(pending.map((r) => r.id)),
            type: In([OrderType.NEW_SERVICE, OrderType.ADD]),
            status: In([...UNFINISHED_ORDER_STATUSES]),
          },
        })
      : [];

    const histories = chargeHistories(periods);
    const rows = legacy.map((service) => {
      const link = links.find((l) => l.legacyServiceId === service.id);
      const replacement = link ? (replacements.find((r) => r.id === link.replacementServiceId) ?? null) : null;
      const live = replacement && replacement.status !== ServiceStatus.ORDERED && replacement.installDate ? replacement.installDate : null;
      const contract = contracts.find((c) => c.id === service.contractId)!;
      const facts = {
        id: service.id,
        reference: service.reference,
        monthlyCharge: service.monthlyCharge,
        installDate: service.installDate,
        // still billed: a requested cease date is not the day billing stops, the cease's completion is
        ceaseDate: null,
        chargePeriods: histories.get(service.id) ?? [],
      };
      const exposure = dualRunning(facts, live, asOf);
      const delivery = replacement ? deliveries.find((o) => o.serviceId === replacement.id && o.committedDate) : undefined;
      let ceaseTarget: LocalDate | null;
      let ceaseTargetBasis: string;
      if (live) {
        ceaseTarget = live;
        ceaseTargetBasis = `${replacement!.reference} went live on ${live}: every day after it is paid twice`;
      } else if (delivery) {
        ceaseTarget = delivery.committedDate;
        ceaseTargetBasis = `${replacement!.reference} is committed for ${delivery.committedDate}`;
      } else if (replacement) {
        ceaseTarget = contract.endDate;
        ceaseTargetBasis = `${replacement.reference} has no committed date yet; the legacy contract ${contract.reference}'s term ends on ${contract.endDate}`;
      } else {
        ceaseTarget = contract.endDate;
        ceaseTargetBasis = `No HSCN replacement is linked; the legacy contract ${contract.reference}'s term ends on ${contract.endDate}`;
      }
      const raiseCeaseBy = ceaseTarget ? workingDaysBefore(ceaseTarget, leadTimeWorkingDays) : null;
      const ceaseOrder = ceaseOrders.find((o) => o.serviceId === service.id) ?? null;
      // a draft is not yet raised with the TN-SP
      const underWay = (ceaseOrder !== null && ceaseOrder.status !== OrderStatus.DRAFT) || service.status === ServiceStatus.CEASE_REQUESTED;
      return Object.assign(new LegacyServiceToCease(), {
        service,
        monthlyCharge: service.monthlyCharge,
        replacement,
        replacementLiveFrom: live,
        dualRunningDays: exposure.days,
        dualRunningExposure: exposure.amount,
        monthlyDualRunningCost: live ? service.monthlyCharge : 0n,
        ceaseTarget,
        ceaseTargetBasis,
        leadTimeWorkingDays,
        raiseCeaseBy,
        overdue: !underWay && raiseCeaseBy !== null && asOf > raiseCeaseBy,
        ceaseOrder,
      });
    });
    // overdue first, then the soonest to raise
    return rows.sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        (a.raiseCeaseBy ?? '9999').localeCompare(b.raiseCeaseBy ?? '9999') ||
        a.service.reference.localeCompare(b.service.reference),
    );
  }

  /** Links a TN-SP service to the HSCN service that replaces it (replacing any earlier link). */
  async link(ctx: RequestContext, legacyServiceId: number, replacementServiceId: number): Promise<NetworkService> {
    return ctx.transaction(async (tx) => {
      const legacy = await this.inventory.get(tx, legacyServiceId);
      const replacement = await this.inventory.get(tx, replacementServiceId);
      const suppliers = await tx.repository(Supplier).find({ where: { id: In([legacy.supplierId, replacement.supplierId]) } });
      const kindOf = (id: number) => suppliers.find((s) => s.id === id)?.kind;
      if (kindOf(legacy.supplierId) !== SupplierKind.TN_SP)
        throw badInput(
          'input.legacyServiceId',
          `input.legacyServiceId: ${legacy.reference} is not a TN-SP (legacy) service`,
          ErrorReason.NOT_LEGACY,
        );
      if (kindOf(replacement.supplierId) === SupplierKind.TN_SP)
        throw badInput(
          'input.replacementServiceId',
          `input.replacementServiceId: ${replacement.reference} is itself a legacy service`,
          ErrorReason.NOT_HSCN,
        );
      if (legacy.organisationId !== replacement.organisationId) {
        throw badInput(
          'input.replacementServiceId',
          'input.replacementServiceId: the services belong to different organisations',
          ErrorReason.ORGANISATION_MISMATCH,
        );
      }
      if (replacement.status === ServiceStatus.CEASED)
        throw conflict(`${replacement.reference} has ceased; it replaces nothing`, {
          field: 'input.replacementServiceId',
          reason: ErrorReason.SERVICE_ALREADY_CEASED,
        });
      const repository = tx.repository(ServiceReplacement);
      const existing = await repository.findOneBy({ legacyServiceId: legacy.id });
      await repository.save(
        repository.merge(existing ?? repository.create(), {
          legacyServiceId: legacy.id,
          replacementServiceId: replacement.id,
          organisationId: legacy.organisationId,
          linkedAt: new Date(),
          linkedBy: tx.requireViewer.subject,
        }),
      );
      return legacy;
    });
  }

  async unlink(ctx: RequestContext, legacyServiceId: number): Promise<NetworkService> {
    return ctx.transaction(async (tx) => {
      const legacy = await this.inventory.get(tx, legacyServiceId);
      await tx.repository(ServiceReplacement).delete({ legacyServiceId: legacy.id });
      return legacy;
    });
  }
}
