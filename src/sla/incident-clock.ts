import { IncidentStatus } from '../incidents/incident-status';
import { addServiceTime, serviceMillis, toMinutes, type ServiceHoursCalendar, type Span } from './service-hours';

/** Where an incident stands against its resolution target. */
export enum SlaStage {
  ON_TRACK = 'ON_TRACK',
  /** half the target's service time used */
  WARNING_50 = 'WARNING_50',
  /** three quarters used */
  WARNING_75 = 'WARNING_75',
  BREACHED = 'BREACHED',
  /** resolved within target */
  MET = 'MET',
}

/** Statuses that stop the clock: awaiting the customer (PENDING) or a third party (HELD). */
const PAUSING = new Set([IncidentStatus.PENDING, IncidentStatus.HELD]);

export interface ClockInput {
  openedAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  history: readonly { status: IncidentStatus; changedAt: Date }[];
}

export interface IncidentClock {
  responseMinutes: number;
  resolutionMinutes: number;
  /** service-hours minutes the clock stood still while the incident was paused */
  pausedMinutes: number;
  responseTargetMinutes: number;
  resolutionTargetMinutes: number;
  responseBreached: boolean;
  resolutionBreached: boolean;
  /** when the resolution target is (or was) reached, pauses so far allowed for; null once resolved */
  resolutionDueAt: Date | null;
  /** share of the resolution target used, percent (may exceed 100); null once resolved */
  percentOfTargetElapsed: number | null;
  stage: SlaStage;
  /** the clock is stopped now */
  paused: boolean;
}

/** The spans the incident spent paused, between opening and resolution (or `until`). */
function pausesOf(input: ClockInput, until: number): Span[] {
  const spans: Span[] = [];
  let pausedSince: number | null = null;
  const history = [...input.history].sort((a, b) => a.changedAt.getTime() - b.changedAt.getTime());
  for (const entry of history) {
    const at = Math.min(Math.max(entry.changedAt.getTime(), input.openedAt.getTime()), until);
    if (PAUSING.has(entry.status)) pausedSince ??= at;
    else if (pausedSince !== null) {
      spans.push({ start: pausedSince, end: at });
      pausedSince = null;
    }
  }
  if (pausedSince !== null) spans.push({ start: pausedSince, end: until });
  return spans.filter((span) => span.end > span.start);
}

/**
 * The incident's response and resolution clocks in the contract's service hours. Response
 * runs from opening to acknowledgement and is never paused; resolution runs from opening to
 * resolution without the paused spans. Out of hours nothing counts, so an incident opened
 * at the weekend on business hours starts its clock on Monday morning.
 */
export function incidentClock(
  input: ClockInput,
  calendar: ServiceHoursCalendar,
  targets: { responseMinutes: number; resolutionMinutes: number },
  now: Date,
): IncidentClock {
  const opened = input.openedAt.getTime();
  const resolutionEnd = Math.max(opened, (input.resolvedAt ?? now).getTime());
  const pauses = pausesOf(input, resolutionEnd);
  const resolutionMillis = serviceMillis(calendar, opened, resolutionEnd, pauses);
  const pausedMillis = serviceMillis(calendar, opened, resolutionEnd) - resolutionMillis;
  const responseEnd = Math.max(opened, (input.acknowledgedAt ?? input.resolvedAt ?? now).getTime());
  const responseMillis = serviceMillis(calendar, opened, responseEnd);

  const resolutionTarget = targets.resolutionMinutes * 60_000;
  const resolutionBreached = resolutionMillis > resolutionTarget;
  const open = input.resolvedAt === null;
  const percent = resolutionTarget > 0 ? (100 * resolutionMillis) / resolutionTarget : 100;
  return {
    responseMinutes: toMinutes(responseMillis),
    resolutionMinutes: toMinutes(resolutionMillis),
    pausedMinutes: toMinutes(pausedMillis),
    responseTargetMinutes: targets.responseMinutes,
    resolutionTargetMinutes: targets.resolutionMinutes,
    responseBreached: responseMillis > targets.responseMinutes * 60_000,
    resolutionBreached,
    resolutionDueAt: open ? new Date(addServiceTime(calendar, opened, resolutionTarget, pauses)) : null,
    percentOfTargetElapsed: open ? Math.round(percent * 10) / 10 : null,
    stage: resolutionBreached
      ? SlaStage.BREACHED
      : !open
        ? SlaStage.MET
        : percent >= 75
          ? SlaStage.WARNING_75
          : percent >= 50
            ? SlaStage.WARNING_50
            : SlaStage.ON_TRACK,
    paused: open && pauses.some((span) => span.end === resolutionEnd),
  };
}
