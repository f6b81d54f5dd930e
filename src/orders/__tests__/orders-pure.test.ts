import { OrderStatus } from '../order.entity';
import { orderLifecycle } from '../order-lifecycle';
import { priceSpan } from '../../charging/pricing';
import { dualRunning } from '../dual-running';
import { isWorkingDay, workingDaysBefore, workingDaysBetween } from '../../common/calendar';

const { canMove: canMoveOrder, allowed: allowedOrderMoves, isFinal } = orderLifecycle;

describe('order lifecycle (TMF641)', () => {
  it('runs DRAFT → SUBMITTED → ACKNOWLEDGED → IN_PROGRESS ⇄ HELD → COMPLETED', () => {
    expect(canMoveOrder(OrderStatus.DRAFT, OrderStatus.SUBMITTED)).toBe(true);
    expect(canMoveOrder(OrderStatus.SUBMITTED, OrderStatus.ACKNOWLEDGED)).toBe(true);
    expect(canMoveOrder(OrderStatus.ACKNOWLEDGED, OrderStatus.IN_PROGRESS)).toBe(true);
    expect(canMoveOrder(OrderStatus.IN_PROGRESS, OrderStatus.HELD)).toBe(true);
    expect(canMoveOrder(OrderStatus.HELD, OrderStatus.IN_PROGRESS)).toBe(true);
    expect(canMoveOrder(OrderStatus.IN_PROGRESS, OrderStatus.COMPLETED)).toBe(true);
  });

  it('refuses skipping submission, completing a held order, and any move out of a final state', () => {
    expect(canMoveOrder(OrderStatus.DRAFT, OrderStatus.ACKNOWLEDGED)).toBe(false);
    expect(canMoveOrder(OrderStatus.DRAFT, OrderStatus.COMPLETED)).toBe(false);
    expect(canMoveOrder(OrderStatus.HELD, OrderStatus.COMPLETED)).toBe(false);
    expect(canMoveOrder(OrderStatus.IN_PROGRESS, OrderStatus.REJECTED)).toBe(false);
    for (const final of [OrderStatus.COMPLETED, OrderStatus.REJECTED, OrderStatus.CANCELLED]) {
      expect(isFinal(final)).toBe(true);
      expect(allowedOrderMoves(final)).toEqual([]);
    }
  });
});

describe('working days (England and Wales)', () => {
  it('skips weekends and the Christmas 2026 bank holidays, Boxing Day substituted to Monday 28th', () => {
    expect(isWorkingDay('2026-12-24')).toBe(true);
    expect(isWorkingDay('2026-12-25')).toBe(false); // Friday, Christmas Day
    expect(isWorkingDay('2026-12-28')).toBe(false); // Monday, Boxing Day (substitute)
    expect(isWorkingDay('2026-12-26')).toBe(false); // Saturday
    expect(isWorkingDay('2027-01-01')).toBe(false); // Friday, New Year's Day
  });

  it('counts a 20-working-day cease lead time back over Christmas and New Year', () => {
    // 15 Jan 2027 back: 14,13,12,11 | 8,7,6,5,4 | (1 Jan) 31,30,29 | (28, 25 Dec) 24,23,22,21 | 18,17,16,15
    expect(workingDaysBefore('2027-01-15', 20)).toBe('2026-12-15');
    expect(workingDaysBefore('2027-01-08', 5)).toBe('2026-12-31');
    expect(workingDaysBetween('2026-12-15', '2027-01-15')).toBe(20);
  });

  it('moves a deadline that falls on a weekend back to the Friday before', () => {
    expect(workingDaysBefore('2026-11-29', 0)).toBe('2026-11-27'); // Sunday → Friday
  });
});

describe('dual running, hand-worked', () => {
  const voice = { id: 1, reference: 'BTN3-VOI-100037', monthlyCharge: 6_850n, installDate: '2022-06-01', ceaseDate: null };

  it('pro-rates each month by its own days: 22 of 31 in October, 25 of 30 in November', () => {
    // £68.50 × 22/31 = £48.6129 → £48.61; £68.50 × 25/30 = £57.0833 → £57.08
    expect(dualRunning(voice, '2026-10-10', '2026-11-25')).toEqual({ amount: 4_861n + 5_708n, days: 47 });
  });

  it('counts whole months at the monthly charge, and nothing before the replacement is live', () => {
    expect(priceSpan(voice, '2026-09-01', '2026-10-31')).toMatchObject({ amount: 13_700n, liveDays: 61 });
    expect(dualRunning(voice, '2026-12-01', '2026-11-25')).toEqual({ amount: 0n, days: 0 });
    expect(dualRunning(voice, null, '2026-11-25')).toEqual({ amount: 0n, days: 0 });
  });

  it('stops on the day before the legacy service ceases', () => {
    expect(dualRunning({ ...voice, ceaseDate: '2026-11-11' }, '2026-11-01', '2026-11-25')).toEqual({ amount: 2_283n, days: 10 }); // £68.50 × 10/30
  });
});
