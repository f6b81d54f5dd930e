import { tenancy } from '../auth/tenancy';
import Decimal from 'decimal.js';
import { In } from 'typeorm';
import { billingAccuracy } from '../billing/billing-accuracy';
import { badInput } from '../common/errors';
import { addPeriods, requirePeriod } from '../common/calendar';
import { Contract, ContractStatus } from '../contracts/contract.entity';
import type { RequestContext } from '../request/context';
import { SupplierService } from '../suppliers/supplier.service';
import { DEFAULT_SCORECARD_WEIGHTS, ScorecardWeights, type KpiWeights } from './scorecard-weights.entity';
import { SlaReportService } from '../sla/sla-report.service';
import { SlaTermStatus } from '../sla/sla-report.types';
import { SlaTermKind } from '../sla/sla-term.entity';
import { ErrorReason } from '../common/error-reasons';
import { SupplierScorecardType } from './scorecard.types';

export interface Kpi {
  name: 'availability' | 'incidentResolution' | 'orderDelivery' | 'billingAccuracy';
  /** percent achieved; null when there was nothing to measure */
  value: string | null;
  weight: number;
  basis: string;
}

export interface Scorecard {
  supplierId: number;
  period: string;
  kpis: Kpi[];
  /** weighted mean of the KPIs that could be measured, 0–100; null when none could */
  score: string | null;
  trend: { period: string; score: string | null }[];
}

/**
 * A supplier's month across the viewer's contracts with it, as weighted KPIs and a 0–100
 * score, with the twelve months before it. A KPI with nothing to measure in a month (no
 * orders completed, say) gives its weight to the others.
 */
export class ScorecardService {
  constructor(
    private readonly reports: SlaReportService,
    private readonly suppliers: SupplierService,
  ) {}

  /** The scorecard as the API shows it. */
  async scorecardView(ctx: RequestContext, supplierId: number, period: string): Promise<SupplierScorecardType> {
    return Object.assign(new SupplierScorecardType(), await this.scorecard(ctx, supplierId, period));
  }

  async scorecard(ctx: RequestContext, supplierId: number, period: string): Promise<Scorecard> {
    requirePeriod(period, 'period');
    await this.suppliers.get(ctx, supplierId);
    const weights =
      (await ctx.repository(ScorecardWeights).findOneBy({ organisationId: ctx.requireViewer.organisationId })) ?? DEFAULT_SCORECARD_WEIGHTS;
    const contracts = await ctx.repository(Contract).find({
      where: {
        supplierId,
        ...tenancy.where(ctx),
        status: In([ContractStatus.ACTIVE, ContractStatus.IN_NOTICE, ContractStatus.EXPIRED, ContractStatus.TERMINATED]),
      },
    });
    const months = Array.from({ length: 12 }, (_, i) => addPeriods(period, i - 11));
    const trend: Scorecard['trend'] = [];
    let current: Kpi[] = [];
    for (const month of months) {
      const kpis = await this.kpis(ctx, supplierId, contracts, month, weights);
      trend.push({ period: month, score: scoreOf(kpis) });
      if (month === period) current = kpis;
    }
    return { supplierId, period, kpis: current, score: scoreOf(current), trend };
  }

  async setWeights(ctx: RequestContext, weights: KpiWeights): Promise<ScorecardWeights> {
    for (const [name, weight] of Object.entries(weights)) {
      if (!Number.isInteger(weight) || weight < 0 || weight > 100)
        throw badInput(`input.${name}`, `input.${name}: a whole number from 0 to 100`, ErrorReason.OUT_OF_RANGE);
    }
    if (Object.values(weights).every((weight) => weight === 0))
      throw badInput('input', 'input: at least one weight must be above 0', ErrorReason.ALL_ZERO);
    const repository = ctx.repository(ScorecardWeights);
    const organisationId = ctx.requireViewer.organisationId;
    const existing = await repository.findOneBy({ organisationId });
    return repository.save(repository.merge(existing ?? repository.create(), { ...weights, organisationId }));
  }

  private async kpis(ctx: RequestContext, supplierId: number, contracts: Contract[], period: string, weights: KpiWeights): Promise<Kpi[]> {
    let availabilityMet = 0;
    let availabilityJudged = 0;
    let incidentsWithin = 0;
    let incidents = 0;
    let ordersOnTime = 0;
    let orders = 0;
    for (const contract of contracts) {
      const report = await this.reports.report(ctx, contract.id, period, new Date(), { evidence: false });
      for (const term of report.terms) {
        if (term.kind === SlaTermKind.AVAILABILITY && (term.status === SlaTermStatus.MET || term.status === SlaTermStatus.BREACHED)) {
          availabilityJudged += 1;
          if (term.status === SlaTermStatus.MET) availabilityMet += 1;
        }
        if (term.kind === SlaTermKind.INCIDENT_RESOLUTION && term.achieved) {
          const [within, , total] = term.achieved.split(' ');
          incidentsWithin += Number(within);
          incidents += Number(total);
        }
        if (term.kind === SlaTermKind.ORDER_DELIVERY && term.achieved) {
          const [onTime, , total] = term.achieved.split(' ');
          ordersOnTime += Number(onTime);
          orders += Number(total);
        }
      }
    }
    const share = (part: number, whole: number) =>
      whole ? new Decimal(part).times(100).dividedBy(whole).toDecimalPlaces(1).toFixed(1) : null;
    return [
      {
        name: 'availability',
        value: share(availabilityMet, availabilityJudged),
        weight: weights.availability,
        basis: `${availabilityMet} of ${availabilityJudged} service-months met their availability target`,
      },
      {
        name: 'incidentResolution',
        value: share(incidentsWithin, incidents),
        weight: weights.incidentResolution,
        basis: `${incidentsWithin} of ${incidents} incidents resolved within target`,
      },
      {
        name: 'orderDelivery',
        value: share(ordersOnTime, orders),
        weight: weights.orderDelivery,
        basis: `${ordersOnTime} of ${orders} orders completed by their committed date`,
      },
      {
        name: 'billingAccuracy',
        ...(await billingAccuracy(ctx, supplierId, ctx.organisationIds, period)),
        weight: weights.billingAccuracy,
      },
    ];
  }
}

/** The weighted mean of the measured KPIs, weights renormalised over them. */
function scoreOf(kpis: readonly Kpi[]): string | null {
  const measured = kpis.filter((kpi) => kpi.value !== null && kpi.weight > 0);
  const totalWeight = measured.reduce((sum, kpi) => sum + kpi.weight, 0);
  if (totalWeight === 0) return null;
  return measured
    .reduce((sum, kpi) => sum.plus(new Decimal(kpi.value!).times(kpi.weight)), new Decimal(0))
    .dividedBy(totalWeight)
    .toDecimalPlaces(1)
    .toFixed(1);
}
