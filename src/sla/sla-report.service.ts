import Decimal from 'decimal.js';
import { daysBetween } from '../common/dates';
import { unitsAtLeast } from '../common/percent';
import { chargeHistories } from '../charging/charge-history';
import { monthlyChargeIn } from '../charging/pricing';
import { formatMoney, type Pence } from '../common/money';
import type { Contract } from '../contracts/contract.entity';
import { ContractService } from '../contracts/contract.service';
import type { RequestContext } from '../request/context';
import { IncidentStatusChange } from '../incidents/incident-status-change.entity';
import { NetworkService, Resilience } from '../services/network-service.entity';
import { monthlyAvailability } from './availability';
import type { ContractScope } from './availability-reads';
import { readContractChargePeriods, readIncidentsOpenedIn, readMonthlyMeans, readOrdersCompletedIn } from './sla-report-reads';
import { requirePeriod, monthOf, type Month } from '../common/calendar';
import { monthlyPercentiles, type MonthlyPercentiles } from '../performance/monthly-percentiles';
import { CreditPolicy, type AvailabilityCreditBand } from './credit-policy.entity';
import { incidentClock } from './incident-clock';
import { calendarOfContract } from './calendars';
import { incidentTargets } from './incident-sla.service';
import { DEFAULT_AVAILABILITY_PERCENT, DEFAULT_INCIDENT_TARGETS, DEFAULT_ORDER_DELIVERY_PERCENT } from './sla-defaults';
import { OrderEvidence, ServiceCreditLine, SlaReport, SlaTermResult, SlaTermStatus, type IncidentEvidence } from './sla-report.types';
import { SlaStatistic, SlaTerm, SlaTermKind } from './sla-term.entity';

/** Credits where a contract sets none of its own: the bands HSCN contracts commonly use. */
const DEFAULT_CREDIT_POLICY: Pick<CreditPolicy, 'availabilityBands' | 'resolutionBreachPercent' | 'capPercent' | 'capAmount'> = {
  availabilityBands: [
    { shortfallUpTo: '0.5', creditPercent: '5' },
    { shortfallUpTo: '1', creditPercent: '10' },
    { shortfallUpTo: null, creditPercent: '20' },
  ],
  resolutionBreachPercent: '5',
  capPercent: '20',
  capAmount: null,
};

/**
 * A contract's month against its obligations: each term's target, what was achieved, its
 * data coverage and status, the evidence (downtime, breaching incidents, exclusions), and
 * the service credits owed, exact to the penny and capped as the contract says.
 */
export class SlaReportService {
  constructor(private readonly contracts: ContractService) {}

  /**
   * `evidence: false` leaves out the downtime intervals (each term's `downtime` is then empty):
   * for callers that want statuses and credits, not the hours behind them.
   */
  async report(
    ctx: RequestContext,
    contractId: number,
    period: string,
    now = new Date(),
    { evidence = true }: { evidence?: boolean } = {},
  ): Promise<SlaReport> {
    requirePeriod(period, 'period');
    const month = monthOf(period);
    // Every read is named by the contract, so all of them go out in one round, none waiting for
    // another's answer (only incidents' status changes wait for the incidents) — nor for the
    // check that the viewer may see the contract: each is held to the viewer's organisations,
    // and if the contract is not theirs the answers are dropped and the report is NOT_FOUND.
    const contractRead = this.contracts.visible(ctx, contractId);
    const scope = { contractId, organisationIds: ctx.organisationIds };
    const servicesRead = ctx.loaders
      // through the request's loader, in a page's order: a query that also pages the contract's
      // services reads them once (Loaders.pageBy cuts its first page from this list)
      .manyBy(NetworkService, 'contractId', {}, { reference: 'ASC' })
      .load(contractId)
      .then((listed) => [...listed].sort((a, b) => (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : a.id - b.id)));
    const termsRead = ctx.loaders.manyBy(SlaTerm, 'contractId').load(contractId);
    const policyRead = ctx.loaders
      .manyBy(CreditPolicy, 'contractId')
      .load(contractId)
      .then((policies) => policies[0] ?? DEFAULT_CREDIT_POLICY);
    const chargeRead = monthlyCharges(ctx, scope, period);
    // each part keeps its own results, joined in the report's order below
    const incidentResults: SlaTermResult[] = [];
    const incidentCredits: ServiceCreditLine[] = [];
    const orderResults: SlaTermResult[] = [];
    const [contract, services, terms, creditPolicy, availability, chargeOf] = await Promise.all([
      contractRead,
      servicesRead,
      termsRead,
      policyRead,
      monthlyAvailability(ctx.manager, servicesRead, month, scope, { downtime: evidence }),
      chargeRead,
      this.incidentTerms(
        ctx,
        contractRead,
        scope,
        servicesRead,
        termsRead,
        month,
        now,
        incidentResults,
        incidentCredits,
        policyRead,
        chargeRead,
      ),
      this.orderDeliveryTerm(ctx, scope, termsRead, month, orderResults),
    ]);
    const threshold = new Decimal(ctx.config.sla.coverageThresholdPercent);
    const results: SlaTermResult[] = [];
    const credits: ServiceCreditLine[] = [];

    // the target of each resilience, worked out once: a contract has thousands of services and two or three targets
    const coverageNeeded = unitsAtLeast(threshold, 1);
    const availabilityTargets = new Map<string, { own: SlaTerm | undefined; target: Decimal; label: string; needed: number }>();
    const availabilityTarget = (resilience: string) => {
      let found = availabilityTargets.get(resilience);
      if (!found) {
        const own =
          terms.find((t) => t.kind === SlaTermKind.AVAILABILITY && t.resilience === resilience) ??
          terms.find((t) => t.kind === SlaTermKind.AVAILABILITY && t.resilience === null);
        const target = new Decimal(own?.targetPercent ?? DEFAULT_AVAILABILITY_PERCENT[resilience as Resilience]);
        found = { own, target, label: `${target.toFixed()}%`, needed: unitsAtLeast(target, 3) };
        availabilityTargets.set(resilience, found);
      }
      return found;
    };
    for (const service of services) {
      const measured = availability.get(service.id);
      if (!measured) continue; // not live in the month
      const { own, target, label, needed } = availabilityTarget(service.resilience);
      const enoughData = measured.availabilityUnits !== null && measured.coverageUnits >= coverageNeeded;
      const status = !enoughData
        ? SlaTermStatus.INSUFFICIENT_DATA
        : measured.availabilityUnits! >= needed
          ? SlaTermStatus.MET
          : SlaTermStatus.BREACHED;
      results.push(
        result({
          kind: SlaTermKind.AVAILABILITY,
          serviceId: service.id,
          target: label,
          achieved: measured.availabilityPercent === null ? null : `${measured.availabilityPercent}%`,
          coveragePercent: measured.coveragePercent,
          status,
          contractual: own !== undefined,
          note:
            `${service.reference}: ${Math.round(measured.upSeconds / 60)} of ${Math.round(measured.coveredSeconds / 60)} reported minutes up` +
            (measured.excludedSeconds ? `, ${Math.round(measured.excludedSeconds / 60)} minutes excluded` : ''),
          downtime: measured.downtime,
          exclusions: measured.exclusions.map((w) => ({ kind: w.kind, startsAt: w.startsAt, endsAt: w.endsAt, reason: w.reason })),
        }),
      );
      if (status === SlaTermStatus.BREACHED) {
        const shortfall = target.minus(measured.availabilityPercent!);
        const band = bandFor(creditPolicy.availabilityBands, shortfall);
        if (band)
          credits.push(
            credit(
              SlaTermKind.AVAILABILITY,
              service,
              chargeOf(service),
              band.creditPercent,
              `${service.reference}: availability ${measured.availabilityPercent}% against ${target.toFixed()}% (${shortfall.toFixed()} points short)`,
            ),
          );
      }
    }

    results.push(...incidentResults);
    credits.push(...incidentCredits);
    await this.performanceTerms(ctx, services, terms, month, availability, threshold, results);
    results.push(...orderResults);

    const beforeCap = credits.reduce((sum, line) => sum + line.amount, 0n);
    const cap = capFor(creditPolicy, services, month, chargeOf);
    if (cap !== null && beforeCap > cap) {
      credits.push(
        Object.assign(new ServiceCreditLine(), {
          kind: null,
          serviceId: null,
          amount: cap - beforeCap,
          reason: `Monthly cap of £${formatMoney(cap)} applied`,
        }),
      );
    }
    return Object.assign(new SlaReport(), {
      contractId: contract.id,
      period,
      generatedAt: now,
      coverageThresholdPercent: threshold.toFixed(),
      terms: results,
      credits,
      totals: {
        met: results.filter((r) => r.status === SlaTermStatus.MET).length,
        breached: results.filter((r) => r.status === SlaTermStatus.BREACHED).length,
        insufficientData: results.filter((r) => r.status === SlaTermStatus.INSUFFICIENT_DATA).length,
        notApplicable: results.filter((r) => r.status === SlaTermStatus.NOT_APPLICABLE).length,
        creditsBeforeCap: beforeCap,
        creditsOwed: cap !== null && beforeCap > cap ? cap : beforeCap,
        cap,
      },
    });
  }

  /** Per severity: the share of the month's incidents resolved (and responded to) within target. */
  private async incidentTerms(
    ctx: RequestContext,
    contractRead: Promise<Contract>,
    scope: ContractScope,
    servicesRead: Promise<NetworkService[]>,
    termsRead: Promise<SlaTerm[]>,
    month: Month,
    now: Date,
    results: SlaTermResult[],
    credits: ServiceCreditLine[],
    policyRead: Promise<Pick<CreditPolicy, 'resolutionBreachPercent'>>,
    chargeRead: Promise<ChargeOf>,
  ): Promise<void> {
    const histories = ctx.loaders.manyBy(IncidentStatusChange, 'incidentId');
    const [inMonth, contract, services, terms, policy, chargeOf] = await Promise.all([
      readIncidentsOpenedIn(ctx.manager, scope, month),
      contractRead,
      servicesRead,
      termsRead,
      policyRead,
      chargeRead,
    ]);
    const [historyOf, calendar] = await Promise.all([
      Promise.all(inMonth.map(async (incident) => [incident.id, await histories.load(incident.id)] as const)).then(
        (entries) => new Map(entries),
      ),
      calendarOfContract(ctx, contract),
    ]);
    const incidentById = new Map(inMonth.map((incident) => [incident.id, incident]));
    const serviceById = new Map(services.map((service) => [service.id, service]));
    const reportAt = new Date(Math.min(now.getTime(), month.end));

    for (const severity of [1, 2, 3, 4, 5] as const) {
      const ofSeverity = inMonth.filter((incident) => incident.severity === severity);
      const targets = incidentTargets(contract, terms, severity);
      const defaults = DEFAULT_INCIDENT_TARGETS[contract.serviceWrap][severity];
      for (const kind of [SlaTermKind.INCIDENT_RESPONSE, SlaTermKind.INCIDENT_RESOLUTION] as const) {
        const own = terms.find((t) => t.kind === kind && t.severity === severity);
        const required = new Decimal(own?.targetPercent ?? defaults.requiredSharePercent);
        const targetMinutes = kind === SlaTermKind.INCIDENT_RESPONSE ? targets.responseMinutes : targets.resolutionMinutes;
        const evidence: IncidentEvidence[] = ofSeverity.map((incident) => {
          const clock = incidentClock(
            {
              openedAt: incident.openedAt,
              acknowledgedAt: incident.acknowledgedAt,
              resolvedAt: incident.resolvedAt,
              history: historyOf.get(incident.id) ?? [],
            },
            calendar,
            targets,
            reportAt,
          );
          const response = kind === SlaTermKind.INCIDENT_RESPONSE;
          return {
            incidentId: incident.id,
            supplierRef: incident.supplierRef,
            severity,
            minutes: response ? clock.responseMinutes : clock.resolutionMinutes,
            targetMinutes,
            breached: response ? clock.responseBreached : clock.resolutionBreached,
          };
        });
        const within = evidence.filter((e) => !e.breached).length;
        const share = ofSeverity.length ? new Decimal(within).times(100).dividedBy(ofSeverity.length) : null;
        results.push(
          result({
            kind,
            severity,
            target: `${required.toFixed()}% within ${targetMinutes} min`,
            achieved: share === null ? null : `${within} of ${ofSeverity.length} (${share.toFixed(1)}%)`,
            status: share === null ? SlaTermStatus.NOT_APPLICABLE : share.gte(required) ? SlaTermStatus.MET : SlaTermStatus.BREACHED,
            contractual: own !== undefined,
            note: share === null ? `No Severity ${severity} incidents opened in ${month.period}` : null,
            incidents: evidence.filter((e) => e.breached),
          }),
        );
        if (kind === SlaTermKind.INCIDENT_RESOLUTION && policy.resolutionBreachPercent) {
          for (const breach of evidence.filter((e) => e.breached)) {
            const service = serviceById.get(incidentById.get(breach.incidentId)!.serviceId)!;
            const line = credit(
              kind,
              service,
              chargeOf(service),
              policy.resolutionBreachPercent,
              `${service.reference}: Severity ${severity} incident ${breach.supplierRef ?? breach.incidentId} resolved in ${breach.minutes} ` +
                `of ${breach.targetMinutes} minutes`,
            );
            credits.push(Object.assign(line, { incidentId: breach.incidentId, severity }));
          }
        }
      }
    }
  }

  /**
   * Latency, jitter and packet loss, where the contract sets them: each live service's
   * monthly mean (from the daily rollups) or 95th percentile (from the raw samples, while
   * they are held) against the threshold.
   */
  private async performanceTerms(
    ctx: RequestContext,
    services: NetworkService[],
    terms: SlaTerm[],
    month: Month,
    availability: Awaited<ReturnType<typeof monthlyAvailability>>,
    threshold: Decimal,
    results: SlaTermResult[],
  ): Promise<void> {
    const measured = terms.filter(
      (t) => t.kind === SlaTermKind.LATENCY || t.kind === SlaTermKind.JITTER || t.kind === SlaTermKind.PACKET_LOSS,
    );
    const live = services.filter((service) => availability.has(service.id));
    if (measured.length && live.length) {
      const ids = live.map((s) => s.id);
      const means = await readMonthlyMeans(ctx.manager, ids, month);
      const p95 = measured.some((t) => t.statistic === SlaStatistic.P95)
        ? await monthlyPercentiles(ctx.manager, ids, month)
        : new Map<number, MonthlyPercentiles>();
      for (const term of measured) {
        const { column, unit, scale } = MEASURES[term.kind as keyof typeof MEASURES];
        const percentile = term.statistic === SlaStatistic.P95;
        for (const service of live) {
          const sums = means.get(service.id);
          const count = sums ? Number(sums[`${column}Count`]) : 0;
          const percentiles = p95.get(service.id);
          const raw = percentiles?.[percentileOf[column]];
          const value = percentile
            ? raw === undefined || raw === null
              ? null
              : new Decimal(raw).dividedBy(scale)
            : count
              ? new Decimal(String(sums![`${column}Sum`])).dividedBy(count).dividedBy(scale)
              : null;
          const coverage = availability.get(service.id)!.coveragePercent;
          const enough = value !== null && new Decimal(coverage).gte(threshold);
          const pruned = percentile && value === null && count > 0;
          results.push(
            result({
              kind: term.kind,
              serviceId: service.id,
              target: `${percentile ? '95th percentile' : 'mean'} ≤ ${term.threshold} ${unit}`,
              achieved: value === null ? null : `${value.toDecimalPlaces(3).toFixed()} ${unit}`,
              coveragePercent: coverage,
              status: !enough ? SlaTermStatus.INSUFFICIENT_DATA : value!.lte(term.threshold!) ? SlaTermStatus.MET : SlaTermStatus.BREACHED,
              contractual: true,
              note: pruned
                ? `${service.reference}: the month's raw samples are no longer held (PERFORMANCE_RETENTION_DAYS), and a 95th percentile needs them`
                : percentile
                  ? `${service.reference}: nearest-rank 95th percentile of ${percentiles?.[`${column}Count`] ?? 0} ` +
                    `samples${percentiles?.frozenAt ? `, fixed on ${percentiles.frozenAt.toISOString().slice(0, 10)} before the raw samples were pruned` : ''}`
                  : `${service.reference}: mean of ${count} samples`,
            }),
          );
        }
      }
    }
  }

  /**
   * Order delivery: the share of the contract's orders completed in the month that were
   * completed by their committed date. An order completed without a committed date counts
   * as late: the supplier never committed. Reported where the contract sets the term, and
   * against the default target wherever orders completed.
   */
  private async orderDeliveryTerm(
    ctx: RequestContext,
    scope: ContractScope,
    termsRead: Promise<SlaTerm[]>,
    month: Month,
    results: SlaTermResult[],
  ): Promise<void> {
    const [completed, terms] = await Promise.all([readOrdersCompletedIn(ctx.manager, scope, month), termsRead]);
    const own = terms.find((t) => t.kind === SlaTermKind.ORDER_DELIVERY);
    if (!own && completed.length === 0) return;
    const required = new Decimal(own?.targetPercent ?? DEFAULT_ORDER_DELIVERY_PERCENT);
    const late = completed.filter((order) => order.committedDate === null || order.completedOn! > order.committedDate);
    const onTime = completed.length - late.length;
    const share = completed.length ? new Decimal(onTime).times(100).dividedBy(completed.length) : null;
    results.push(
      result({
        kind: SlaTermKind.ORDER_DELIVERY,
        target: `${required.toFixed()}% on time`,
        achieved: share === null ? null : `${onTime} of ${completed.length} (${share.toFixed(1)}%)`,
        status: share === null ? SlaTermStatus.NOT_APPLICABLE : share.gte(required) ? SlaTermStatus.MET : SlaTermStatus.BREACHED,
        contractual: own !== undefined,
        note:
          share === null
            ? `No orders completed in ${month.period}`
            : late.some((o) => o.committedDate === null)
              ? 'Orders completed without a committed date count as late'
              : null,
        orders: late.map((order) =>
          Object.assign(new OrderEvidence(), {
            orderId: order.id,
            supplierOrderReference: order.supplierOrderReference,
            committedDate: order.committedDate,
            completedOn: order.completedOn!,
            daysLate: order.committedDate ? daysBetween(order.committedDate, order.completedOn!) : null,
          }),
        ),
      }),
    );
  }
}

const percentileOf = { latency: 'latencyP95Us', jitter: 'jitterP95Us', packetLoss: 'packetLossP95Ppm' } as const;

const MEASURES = {
  [SlaTermKind.LATENCY]: { column: 'latency', unit: 'ms', scale: 1_000 },
  [SlaTermKind.JITTER]: { column: 'jitter', unit: 'ms', scale: 1_000 },
  [SlaTermKind.PACKET_LOSS]: { column: 'packetLoss', unit: '%', scale: 10_000 },
} as const;

function result(fields: Partial<SlaTermResult> & Pick<SlaTermResult, 'kind' | 'target' | 'status' | 'contractual'>): SlaTermResult {
  return Object.assign(new SlaTermResult(), {
    severity: null,
    serviceId: null,
    achieved: null,
    coveragePercent: null,
    note: null,
    downtime: [],
    exclusions: [],
    incidents: [],
    orders: [],
    ...fields,
  });
}

/** The band a shortfall falls in: the first whose upper bound it does not exceed. */
function bandFor(bands: readonly AvailabilityCreditBand[], shortfall: Decimal): AvailabilityCreditBand | undefined {
  return bands.find((band) => band.shortfallUpTo === null || shortfall.lte(band.shortfallUpTo));
}

/** A service's monthly charge for the report's month. */
type ChargeOf = (service: NetworkService) => Pence;

/**
 * The monthly charge of each of the contract's services for `period`, from its charge
 * history (a completed CHANGE order rewrites `monthlyCharge`, not the months before it):
 * credits and their cap are percentages of what the month cost, as billing prices it. The
 * histories of all the contract's services are read in one statement, however many there are.
 */
async function monthlyCharges(ctx: RequestContext, scope: ContractScope, period: string): Promise<ChargeOf> {
  const histories = chargeHistories(await readContractChargePeriods(ctx.manager, scope));
  return (service) => {
    const chargePeriods = histories.get(service.id);
    if (!chargePeriods) return service.monthlyCharge; // never changed: today's charge has always applied
    return monthlyChargeIn(
      {
        id: service.id,
        reference: service.reference,
        monthlyCharge: service.monthlyCharge,
        installDate: service.installDate,
        ceaseDate: service.ceaseDate,
        chargePeriods,
      },
      period,
    );
  };
}

/** `percent` of the service's monthly charge for the month (`charge`), to the penny (half up). */
function credit(kind: SlaTermKind, service: NetworkService, charge: Pence, percent: string, reason: string): ServiceCreditLine {
  const amount = BigInt(new Decimal(charge.toString()).times(percent).dividedBy(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0));
  return Object.assign(new ServiceCreditLine(), {
    kind,
    serviceId: service.id,
    amount,
    reason: `${reason}: ${percent}% of £${formatMoney(charge)}`,
  });
}

/** The lower of the percentage cap (of the month's charges of the services live in the month) and the fixed cap. */
function capFor(
  policy: Pick<CreditPolicy, 'capPercent' | 'capAmount'>,
  services: NetworkService[],
  month: Month,
  chargeOf: ChargeOf,
): Pence | null {
  const live = services.filter((s) => s.installDate && s.installDate <= month.lastDay && (!s.ceaseDate || s.ceaseDate > month.firstDay));
  const charges = live.reduce((sum, s) => sum + chargeOf(s), 0n);
  const byPercent =
    policy.capPercent === null
      ? null
      : BigInt(new Decimal(charges.toString()).times(policy.capPercent).dividedBy(100).toDecimalPlaces(0, Decimal.ROUND_DOWN).toFixed(0));
  if (byPercent === null) return policy.capAmount;
  return policy.capAmount === null || byPercent < policy.capAmount ? byPercent : policy.capAmount;
}
