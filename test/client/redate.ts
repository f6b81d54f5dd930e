/**
 * The feed fixtures were written around November 2026; the demo estate is built around
 * today. So the flow moves a fixture's dates (ISO `2026-11-02` and British `02/11/2026`
 * alike; times of day kept): by whole months for documents that name months (invoices, and
 * incidents for a month's SLA report), a month's last day staying its last day; by days for
 * performance samples, which are kept only for a recent window. The demo contract has 24/7
 * service hours, so an incident's clock does not depend on which weekday its dates land on.
 */
export function moveMonths(document: string, months: number): string {
  return moveDates(document, (year, month, day) => {
    const index = year * 12 + month - 1 + months;
    const y = Math.floor(index / 12);
    const m = (index % 12) + 1;
    const last = daysIn(y, m);
    return [y, m, day === daysIn(year, month) ? last : Math.min(day, last)];
  });
}

export function moveDays(document: string, days: number): string {
  return moveDates(document, (year, month, day) => {
    const moved = new Date(Date.UTC(year, month - 1, day + days));
    return [moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate()];
  });
}

/** Whole months from `from` to `to`, both `YYYY-MM`. */
export function monthsBetween(from: string, to: string): number {
  const index = (period: string) => Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7));
  return index(to) - index(from);
}

/** Whole days from `from` to `to`, both `YYYY-MM-DD`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

type Move = (year: number, month: number, day: number) => [number, number, number];

// digits either side, not word boundaries: `2026-11-02T09:00:00Z` is a date too
function moveDates(document: string, move: Move): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return document
    .replace(/(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/g, (_, year: string, month: string, day: string) => {
      const [y, m, d] = move(Number(year), Number(month), Number(day));
      return `${y}-${two(m)}-${two(d)}`;
    })
    .replace(/(?<!\d)(\d{2})\/(\d{2})\/(\d{4})(?!\d)/g, (_, day: string, month: string, year: string) => {
      const [y, m, d] = move(Number(year), Number(month), Number(day));
      return `${two(d)}/${two(m)}/${y}`;
    });
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
