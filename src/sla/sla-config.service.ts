import Decimal from 'decimal.js';
import { IsNull } from 'typeorm';
import { applyChanges, changedValue, ifGiven } from '../common/changes';
import { badInput, conflict } from '../common/errors';
import { requiredText } from '../common/text';
import { findVisible, tenancy } from '../auth/tenancy';
import { isClosed } from '../contracts/contract-lifecycle';
import { ContractService } from '../contracts/contract.service';
import type { RequestContext } from '../request/context';
import type { Pence } from '../common/money';
import type { Resilience } from '../services/network-service.entity';
import { ServiceInventory } from '../services/service-inventory';
import { CreditPolicy, type AvailabilityCreditBand } from './credit-policy.entity';
import { ExclusionWindow, type ExclusionKind } from './exclusion-window.entity';
import { assertInScope } from '../auth/tenancy';
import { DEFAULT_BUSINESS_CALENDAR } from '../contracts/contract-lifecycle';
import { validWindows } from './calendars';
import { ServiceCalendarRecord, type WeeklyWindowType } from './service-calendar.entity';
import { TWENTY_FOUR_SEVEN } from './service-hours';
import { SlaStatistic, SlaTerm, SlaTermKind } from './sla-term.entity';
import { ErrorReason } from '../common/error-reasons';

export interface SlaTermInput {
  kind: SlaTermKind;
  severity?: number | null;
  resilience?: Resilience | null;
  targetPercent?: string | null;
  targetMinutes?: number | null;
  threshold?: string | null;
  statistic?: SlaStatistic | null;
}

const percent = (value: string | null | undefined, field: string): string | null => {
  if (value === null || value === undefined) return null;
  if (!/^\d{1,3}(\.\d{1,4})?$/.test(value) || new Decimal(value).gt(100))
    throw badInput(field, `${field}: a percentage from 0 to 100, e.g. "99.95"`, ErrorReason.INVALID_PERCENT);
  return new Decimal(value).toFixed();
};

/** A contract's SLA terms, credit policy and its services' exclusion windows. */
export class SlaConfigService {
  constructor(
    private readonly contracts: ContractService,
    private readonly inventory: ServiceInventory,
  ) {}

  /**
   * Creates or changes the contract's term of this kind (and severity, and resilience, which
   * name the term): a target left out keeps the term's current one, null clears it.
   */
  async setTerm(ctx: RequestContext, contractId: number, input: SlaTermInput): Promise<SlaTerm> {
    return ctx.transaction(async (tx) => {
      const contract = await this.contracts.get(tx, contractId);
      if (isClosed(contract.status))
        throw conflict(`Contract ${contract.reference} is ${contract.status}`, { reason: ErrorReason.CONTRACT_CLOSED });
      const severity = input.severity ?? null;
      const resilience = input.resilience ?? null;
      const repository = tx.repository(SlaTerm);
      const existing = await repository.findOneBy({
        contractId: contract.id,
        kind: input.kind,
        severity: severity === null ? IsNull() : severity,
        resilience: resilience === null ? IsNull() : resilience,
      });
      const term = validTerm({
        kind: input.kind,
        severity,
        resilience,
        targetPercent: changedValue(existing?.targetPercent ?? null, input.targetPercent),
        targetMinutes: changedValue(existing?.targetMinutes ?? null, input.targetMinutes),
        threshold: changedValue(existing?.threshold ?? null, input.threshold),
        statistic: changedValue(existing?.statistic ?? null, input.statistic),
      });
      return repository.save(
        repository.merge(existing ?? repository.create(), { ...term, contractId: contract.id, organisationId: contract.organisationId }),
      );
    });
  }

  async removeTerm(ctx: RequestContext, id: number): Promise<number> {
    const term = await findVisible(ctx, SlaTerm, id, SlaTerm.typename);
    await ctx.repository(SlaTerm).delete(term.id);
    return term.id;
  }

  async setCreditPolicy(
    ctx: RequestContext,
    contractId: number,
    input: {
      availabilityBands: AvailabilityCreditBand[];
      resolutionBreachPercent?: string | null;
      capPercent?: string | null;
      capAmount?: Pence | null;
    },
  ): Promise<CreditPolicy> {
    return ctx.transaction(async (tx) => {
      const contract = await this.contracts.get(tx, contractId);
      const bands = input.availabilityBands.map((band, index) => ({
        shortfallUpTo: band.shortfallUpTo === null ? null : percent(band.shortfallUpTo, `input.availabilityBands.${index}.shortfallUpTo`),
        creditPercent: percent(band.creditPercent, `input.availabilityBands.${index}.creditPercent`)!,
      }));
      bands.forEach((band, index) => {
        const previous = bands[index - 1];
        if (
          previous &&
          (previous.shortfallUpTo === null || (band.shortfallUpTo !== null && new Decimal(band.shortfallUpTo).lte(previous.shortfallUpTo)))
        ) {
          throw badInput(
            `input.availabilityBands.${index}`,
            'input.availabilityBands: bands must rise, and only the last may be open-ended',
            ErrorReason.BANDS_OUT_OF_ORDER,
          );
        }
      });
      if (input.capAmount !== undefined && input.capAmount !== null && input.capAmount < 0n)
        throw badInput('input.capAmount', 'input.capAmount: must not be negative', ErrorReason.NEGATIVE_AMOUNT);
      const repository = tx.repository(CreditPolicy);
      const existing = await repository.findOneBy({ contractId: contract.id });
      const policy = existing ?? repository.create({ resolutionBreachPercent: null, capPercent: null, capAmount: null });
      return repository.save(
        applyChanges(policy, {
          contractId: contract.id,
          organisationId: contract.organisationId,
          availabilityBands: bands,
          resolutionBreachPercent: ifGiven(input.resolutionBreachPercent, (value) => percent(value, 'input.resolutionBreachPercent')),
          capPercent: ifGiven(input.capPercent, (value) => percent(value, 'input.capPercent')),
          capAmount: input.capAmount,
        }),
      );
    });
  }

  async recordExclusion(
    ctx: RequestContext,
    serviceId: number,
    input: { kind: ExclusionKind; startsAt: Date; endsAt: Date; reason: string },
  ): Promise<ExclusionWindow> {
    const service = await this.inventory.get(ctx, serviceId);
    if (input.endsAt.getTime() <= input.startsAt.getTime())
      throw badInput('input.endsAt', 'input.endsAt: must be after startsAt', ErrorReason.END_BEFORE_START);
    if (input.endsAt.getTime() - input.startsAt.getTime() > 31 * 86_400_000)
      throw badInput('input.endsAt', 'input.endsAt: a window may last at most 31 days', ErrorReason.WINDOW_TOO_LONG);
    const repository = ctx.repository(ExclusionWindow);
    return repository.save(
      repository.create({
        organisationId: service.organisationId,
        serviceId: service.id,
        kind: input.kind,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        reason: requiredText(input.reason, 'input.reason'),
        recordedBy: ctx.requireViewer.subject,
      }),
    );
  }

  /** The viewer's organisations' own service-hours calendars, by name. */
  calendars(ctx: RequestContext): Promise<ServiceCalendarRecord[]> {
    return ctx.repository(ServiceCalendarRecord).find({ where: tenancy.where(ctx), order: { name: 'ASC' } });
  }

  /** Creates or replaces one of the organisation's own service-hours calendars, by name. */
  async defineCalendar(
    ctx: RequestContext,
    input: { name: string; windows: WeeklyWindowType[]; excludeBankHolidays: boolean },
    organisationId?: number,
  ): Promise<ServiceCalendarRecord> {
    const owner = organisationId ?? ctx.requireViewer.organisationId;
    assertInScope(ctx, owner);
    const name = requiredText(input.name, 'input.name');
    if (name === DEFAULT_BUSINESS_CALENDAR || name === TWENTY_FOUR_SEVEN.name)
      throw badInput('input.name', `input.name: "${name}" is a built-in calendar`, ErrorReason.RESERVED_NAME);
    const repository = ctx.repository(ServiceCalendarRecord);
    const existing = await repository.findOneBy({ organisationId: owner, name });
    return repository.save(
      repository.merge(existing ?? repository.create(), {
        organisationId: owner,
        name,
        windows: validWindows(input.windows),
        excludeBankHolidays: input.excludeBankHolidays,
      }),
    );
  }

  async removeExclusion(ctx: RequestContext, id: number): Promise<number> {
    const window = await findVisible(ctx, ExclusionWindow, id, ExclusionWindow.typename);
    await ctx.repository(ExclusionWindow).delete(window.id);
    return window.id;
  }
}

/** What each kind of term needs, and nothing it does not. */
function validTerm(
  input: SlaTermInput,
): Omit<SlaTerm, keyof import('../db/base-record').BaseRecord | 'contractId' | 'organisationId' | 'contract'> {
  const term = {
    kind: input.kind,
    severity: input.severity ?? null,
    resilience: input.resilience ?? null,
    targetPercent: percent(input.targetPercent, 'input.targetPercent'),
    targetMinutes: input.targetMinutes ?? null,
    threshold: input.threshold ?? null,
    statistic: input.statistic ?? null,
  };
  const incident = term.kind === SlaTermKind.INCIDENT_RESPONSE || term.kind === SlaTermKind.INCIDENT_RESOLUTION;
  const measure = term.kind === SlaTermKind.LATENCY || term.kind === SlaTermKind.JITTER || term.kind === SlaTermKind.PACKET_LOSS;
  if (incident) {
    if (term.severity === null || term.severity < 1 || term.severity > 5)
      throw badInput('input.severity', 'input.severity: an incident term names a severity from 1 to 5', ErrorReason.SEVERITY_REQUIRED);
    if (term.targetMinutes === null || term.targetMinutes < 1)
      throw badInput('input.targetMinutes', 'input.targetMinutes: an incident term needs a target in minutes', ErrorReason.TARGET_REQUIRED);
  } else if (term.severity !== null)
    throw badInput('input.severity', 'input.severity: only incident terms have a severity', ErrorReason.NOT_APPLICABLE);
  if ((term.kind === SlaTermKind.AVAILABILITY || term.kind === SlaTermKind.ORDER_DELIVERY) && term.targetPercent === null) {
    throw badInput(
      'input.targetPercent',
      `input.targetPercent: a ${term.kind} term needs a target percentage`,
      ErrorReason.TARGET_REQUIRED,
    );
  }
  if (term.resilience !== null && term.kind !== SlaTermKind.AVAILABILITY)
    throw badInput('input.resilience', 'input.resilience: only availability terms are set per resilience', ErrorReason.NOT_APPLICABLE);
  if (measure) {
    if (term.threshold === null || !/^\d{1,6}(\.\d{1,4})?$/.test(term.threshold))
      throw badInput('input.threshold', 'input.threshold: a decimal threshold, e.g. "25" (ms) or "0.1" (%)', ErrorReason.TARGET_REQUIRED);
    term.statistic ??= SlaStatistic.MEAN;
  }
  return term;
}
