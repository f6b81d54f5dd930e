import { expectedRental, monthlyChargeIn, priceSpan } from '../pricing';
import { chargeRaisedOn10November as changed, serviceFacts as service } from '../../../test/support/charging';

const months = (price: ReturnType<typeof priceSpan>) => price.months.map((m) => [m.period, m.amount, m.liveDays, m.periodDays]);

describe('priceSpan: month by month, hand-worked', () => {
  it('prices a quarter as three whole months', () => {
    // £300 × 3 = £900 (priced against October's 31 days it was £300 × 92/31 = £890.32)
    const quarter = priceSpan(service(), '2026-10-01', '2026-12-31');
    expect(quarter).toMatchObject({ amount: 90_000n, liveDays: 92, periodDays: 92 });
    expect(months(quarter)).toEqual([
      ['2026-10', 30_000n, 31, 31],
      ['2026-11', 30_000n, 30, 30],
      ['2026-12', 30_000n, 31, 31],
    ]);
  });

  it('prices a year as twelve whole months', () => {
    // £300 × 12 = £3,600 over 365 days
    const year = priceSpan(service(), '2027-01-01', '2027-12-31');
    expect(year).toMatchObject({ amount: 360_000n, liveDays: 365, periodDays: 365 });
    expect(year.months).toHaveLength(12);
    expect(year.months.every((m) => m.amount === 30_000n && m.liveDays === m.monthDays)).toBe(true);
  });

  it("prices a span straddling two months by each month's own days", () => {
    // October 15–31: £300 × 17/31 = £164.516 → £164.52; November 1–14: £300 × 14/30 = £140.00; £304.52 in all
    const straddle = priceSpan(service(), '2026-10-15', '2026-11-14');
    expect(straddle).toMatchObject({ amount: 30_452n, liveDays: 31, periodDays: 31 });
    expect(months(straddle)).toEqual([
      ['2026-10', 16_452n, 17, 17],
      ['2026-11', 14_000n, 14, 14],
    ]);
  });

  it('rounds each month to the penny on its own, half up', () => {
    // £100.01: November 16–30 is 15/30 = £50.005 → £50.01; December 1–15 is 15/31 = £48.3919 → £48.39
    expect(months(priceSpan(service({ monthlyCharge: 10_001n }), '2026-11-16', '2026-12-15'))).toEqual([
      ['2026-11', 5_001n, 15, 15],
      ['2026-12', 4_839n, 15, 15],
    ]);
    expect(priceSpan(service({ monthlyCharge: 10_001n }), '2026-11-16', '2026-12-15').amount).toBe(9_840n);
  });

  it('prices each charge in the history for its own days when it changes mid-span', () => {
    // October £300; November 9 days at £300 (£90) + 21 at £450 (£315) = £405; December £450; £1,155 in all
    const quarter = priceSpan(changed, '2026-10-01', '2026-12-31');
    expect(quarter.amount).toBe(115_500n);
    expect(months(quarter)).toEqual([
      ['2026-10', 30_000n, 31, 31],
      ['2026-11', 40_500n, 30, 30],
      ['2026-12', 45_000n, 31, 31],
    ]);
    expect(quarter.months[1]!.charges).toEqual([
      { from: '2026-11-01', to: '2026-11-09', days: 9, monthlyCharge: 30_000n },
      { from: '2026-11-10', to: '2026-11-30', days: 21, monthlyCharge: 45_000n },
    ]);
  });

  it('counts only the live days when the service is installed and ceased inside the span', () => {
    // £310 a month, installed 20 October, ceased 11 December (the first day without service):
    // October 20–31 is 12/31 = £120.00; November whole, £310.00; December 1–10 is 10/31 = £100.00
    const shortLived = service({ monthlyCharge: 31_000n, installDate: '2026-10-20', ceaseDate: '2026-12-11' });
    const quarter = priceSpan(shortLived, '2026-10-01', '2026-12-31');
    expect(quarter).toMatchObject({ amount: 53_000n, liveDays: 52, periodDays: 92 });
    expect(months(quarter)).toEqual([
      ['2026-10', 12_000n, 12, 31],
      ['2026-11', 31_000n, 30, 30],
      ['2026-12', 10_000n, 10, 31],
    ]);
  });

  it('prices a leap-year February by its 29 days', () => {
    // £290: January 15–31 is 17/31 = £159.032 → £159.03; February whole, £290.00; March 1–14 is 14/31 = £130.968 → £130.97
    const span = priceSpan(service({ monthlyCharge: 29_000n }), '2028-01-15', '2028-03-14');
    expect(months(span)).toEqual([
      ['2028-01', 15_903n, 17, 17],
      ['2028-02', 29_000n, 29, 29],
      ['2028-03', 13_097n, 14, 14],
    ]);
    expect(span.amount).toBe(58_000n);
    // half of a leap February: 14 days from the 16th is 14/29 of £290 = £140.00 (15/31 of March is £140.32)
    expect(months(priceSpan(service({ monthlyCharge: 29_000n }), '2028-02-16', '2028-03-15'))).toEqual([
      ['2028-02', 14_000n, 14, 14],
      ['2028-03', 14_032n, 15, 15],
    ]);
  });

  it("gives the same answer whatever the process's time zone, across both clock changes", () => {
    const original = process.env.TZ;
    try {
      const answers = ['UTC', 'Europe/London', 'America/New_York', 'Pacific/Auckland'].map((zone) => {
        process.env.TZ = zone;
        // 25 October 2026 and 28 March 2027 are the UK's clock changes: each month is still its calendar days
        return [priceSpan(service(), '2026-10-20', '2027-03-31'), priceSpan(service(), '2027-03-28', '2027-03-28')];
      });
      // October 20–31 is 12/31 of £300 = £116.129 → £116.13, then five whole months: £1,616.13; 28 March alone is 1/31 = £9.68
      expect(answers[0]![0]).toMatchObject({ amount: 161_613n, liveDays: 163, periodDays: 163 });
      expect(answers[0]![1]).toMatchObject({ amount: 968n, liveDays: 1, periodDays: 1 });
      for (const answer of answers) expect(answer).toEqual(answers[0]);
    } finally {
      process.env.TZ = original;
    }
  });

  it('gives exactly the one-month answer for a span inside one month, and nothing for an empty span', () => {
    const ceased = service({ ceaseDate: '2026-11-17' });
    expect(expectedRental(ceased, '2026-11-01', '2026-11-30')).toEqual({ amount: 16_000n, liveDays: 16, periodDays: 30 });
    expect(priceSpan(ceased, '2026-11-01', '2026-11-30')).toMatchObject({ amount: 16_000n, liveDays: 16, periodDays: 30 });
    expect(priceSpan(service(), '2026-11-02', '2026-11-01')).toEqual({ amount: 0n, liveDays: 0, periodDays: 0, months: [] });
  });
});

describe("monthlyChargeIn: the charge a month's credits are a percentage of", () => {
  it("reads the month's charge from the history, not today's", () => {
    expect(monthlyChargeIn(changed, '2026-10')).toBe(30_000n); // today's is £450
    expect(monthlyChargeIn(changed, '2026-12')).toBe(45_000n);
    // the month of the change: 9 days at £300 and 21 at £450 = £405
    expect(monthlyChargeIn(changed, '2026-11')).toBe(40_500n);
    // no history: the charge has always been today's
    expect(monthlyChargeIn(service(), '2026-11')).toBe(30_000n);
  });

  it("is the whole month's charge whatever the install and cease dates", () => {
    expect(monthlyChargeIn({ ...changed, installDate: '2026-11-20', ceaseDate: '2026-11-25' }, '2026-11')).toBe(40_500n);
  });

  it('weighs a change in a leap February by its 29 days', () => {
    // £290 for 19 days and £580 for 10: (£5,510 + £5,800) / 29 = £390.00
    const leap = service({
      monthlyCharge: 58_000n,
      chargePeriods: [
        { from: null, monthlyCharge: 29_000n },
        { from: '2028-02-20', monthlyCharge: 58_000n },
      ],
    });
    expect(monthlyChargeIn(leap, '2028-02')).toBe(39_000n);
  });
});
