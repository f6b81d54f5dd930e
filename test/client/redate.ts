/**
 * The feed fixtures were written around November 2026; the demo estate is built around
 * today, and a dispute can only be sent inside its window. So the flow moves a fixture's
 * dates by whole months (`2026-11-02` → `<month>-02`): a month's last day stays its last
 * day, and times of day are kept. The demo contract has 24/7 service hours, so an incident's
 * clock does not depend on which weekday its dates land on.
 */
export function moveMonths(document: string, months: number): string {
  const move = (year: string, month: string, day: string) => {
    const index = Number(year) * 12 + Number(month) - 1 + months;
    const y = Math.floor(index / 12);
    const m = (index % 12) + 1;
    const last = daysIn(y, m);
    const d = Number(day) === daysIn(Number(year), Number(month)) ? last : Math.min(Number(day), last);
    return { y: String(y), m: String(m).padStart(2, '0'), d: String(d).padStart(2, '0') };
  };
  return document
    .replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (_, year, month, day) => {
      const { y, m, d } = move(year, month, day);
      return `${y}-${m}-${d}`;
    })
    .replace(/\b(\d{2})\/(\d{2})\/(\d{4})\b/g, (_, day, month, year) => {
      const { y, m, d } = move(year, month, day);
      return `${d}/${m}/${y}`;
    });
}

/** Whole months from `from` to `to`, both `YYYY-MM`. */
export function monthsBetween(from: string, to: string): number {
  const index = (period: string) => Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7));
  return index(to) - index(from);
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
