import { IncidentStatus } from '../../incidents/incident-status';
import { incidentClock, SlaStage } from '../incident-clock';
import { ENGLAND_AND_WALES_BUSINESS_HOURS as BUSINESS, TWENTY_FOUR_SEVEN as ALWAYS } from '../service-hours';

const at = (iso: string) => new Date(iso);
const entry = (status: IncidentStatus, iso: string) => ({ status, changedAt: at(iso) });

describe('incident clocks', () => {
  it('pause while awaiting the customer, and count the rest against a 24x7 Severity 1 target', () => {
    const clock = incidentClock(
      {
        openedAt: at('2026-11-02T09:00:00Z'),
        acknowledgedAt: at('2026-11-02T09:10:00Z'),
        resolvedAt: at('2026-11-02T13:45:00Z'),
        history: [
          entry(IncidentStatus.IN_PROGRESS, '2026-11-02T09:10:00Z'),
          entry(IncidentStatus.PENDING, '2026-11-02T10:00:00Z'),
          entry(IncidentStatus.IN_PROGRESS, '2026-11-02T12:30:00Z'),
          entry(IncidentStatus.RESOLVED, '2026-11-02T13:45:00Z'),
        ],
      },
      ALWAYS,
      { responseMinutes: 30, resolutionMinutes: 300 },
      at('2026-11-03T00:00:00Z'),
    );
    // 4 h 45 m open, of which 2 h 30 m awaiting the customer
    expect(clock).toMatchObject({
      responseMinutes: 10,
      resolutionMinutes: 135,
      pausedMinutes: 150,
      responseBreached: false,
      resolutionBreached: false,
      stage: SlaStage.MET,
      resolutionDueAt: null,
      percentOfTargetElapsed: null,
    });
  });

  it('breach a resolution target that the paused time would not have saved', () => {
    const clock = incidentClock(
      {
        openedAt: at('2026-11-02T09:00:00Z'),
        acknowledgedAt: at('2026-11-02T10:00:00Z'),
        resolvedAt: at('2026-11-02T15:30:00Z'),
        history: [],
      },
      ALWAYS,
      { responseMinutes: 30, resolutionMinutes: 300 },
      at('2026-11-03T00:00:00Z'),
    );
    expect(clock).toMatchObject({
      responseMinutes: 60,
      responseBreached: true,
      resolutionMinutes: 390,
      resolutionBreached: true,
      stage: SlaStage.BREACHED,
    });
  });

  it('start an out-of-hours incident at the next service hour and warn at 50 % and 75 %', () => {
    // opened Saturday; 8 service hours from Monday 08:00 is Monday 16:00
    const input = { openedAt: at('2026-11-28T10:00:00Z'), acknowledgedAt: null, resolvedAt: null, history: [] };
    const targets = { responseMinutes: 240, resolutionMinutes: 480 };
    const monday = (time: string) => incidentClock(input, BUSINESS, targets, at(`2026-11-30T${time}:00Z`));
    expect(monday('07:00')).toMatchObject({ resolutionMinutes: 0, stage: SlaStage.ON_TRACK, percentOfTargetElapsed: 0 });
    expect(monday('07:00').resolutionDueAt?.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(monday('12:00')).toMatchObject({
      resolutionMinutes: 240,
      stage: SlaStage.WARNING_50,
      percentOfTargetElapsed: 50,
      responseBreached: false,
    });
    expect(monday('14:00')).toMatchObject({ stage: SlaStage.WARNING_75, percentOfTargetElapsed: 75, responseBreached: true });
    expect(monday('16:30')).toMatchObject({ stage: SlaStage.BREACHED, resolutionBreached: true });
    expect(monday('16:30').resolutionDueAt?.toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('move the due time on by a pause, and say the clock is stopped', () => {
    const clock = incidentClock(
      {
        openedAt: at('2026-11-30T09:00:00Z'),
        acknowledgedAt: at('2026-11-30T09:05:00Z'),
        resolvedAt: null,
        history: [entry(IncidentStatus.HELD, '2026-11-30T10:00:00Z')],
      },
      BUSINESS,
      { responseMinutes: 60, resolutionMinutes: 480 },
      at('2026-11-30T12:00:00Z'),
    );
    // one service hour used; held for the last two; if work resumed now, 7 hours remain: Tuesday 09:00
    expect(clock).toMatchObject({ resolutionMinutes: 60, pausedMinutes: 120, paused: true, percentOfTargetElapsed: 12.5 });
    expect(clock.resolutionDueAt?.toISOString()).toBe('2026-12-01T09:00:00.000Z');
  });
});
