import { EscalationStatus } from '../escalation.entity';
import { minutesOverdue, retainedUntil } from '../escalation.service';

describe('escalation retention and update clocks', () => {
  it('keeps a record two calendar years from closure, or from raising while open', () => {
    expect(retainedUntil({ raisedAt: new Date('2024-01-10T09:00:00Z'), closedAt: new Date('2024-03-01T12:00:00Z') }).toISOString()).toBe(
      '2026-03-01T12:00:00.000Z',
    );
    expect(retainedUntil({ raisedAt: new Date('2024-01-10T09:00:00Z'), closedAt: null }).toISOString()).toBe('2026-01-10T09:00:00.000Z');
    // 29 February has no anniversary: the retention runs to the last day of February
    expect(retainedUntil({ raisedAt: new Date('2024-02-29T10:00:00Z'), closedAt: null }).toISOString()).toBe('2026-02-28T10:00:00.000Z');
  });

  it('counts whole minutes past the agreed update time, and nothing once closed or not yet due', () => {
    const due = new Date('2026-11-25T10:00:00Z');
    expect(minutesOverdue({ status: EscalationStatus.OPEN, nextUpdateDueAt: due }, new Date('2026-11-25T11:30:59Z'))).toBe(90);
    expect(minutesOverdue({ status: EscalationStatus.OPEN, nextUpdateDueAt: due }, new Date('2026-11-25T09:00:00Z'))).toBe(0);
    expect(minutesOverdue({ status: EscalationStatus.CLOSED, nextUpdateDueAt: due }, new Date('2026-11-26T09:00:00Z'))).toBe(0);
    expect(minutesOverdue({ status: EscalationStatus.OPEN, nextUpdateDueAt: null }, new Date('2026-11-26T09:00:00Z'))).toBe(0);
  });
});
