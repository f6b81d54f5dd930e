import { addDays, daysBetween, isLocalDate, type LocalDate } from '../common/dates';

/**
 * The Data Security and Protection Toolkit runs in years ending on 30 June: an assessment
 * published between 1 July and the following 30 June belongs to that year ("2025-26") and
 * stands until the year's 30 June, by which the organisation must publish again.
 */

/** The DSPT year a publication date falls in, e.g. 2025-11-25 → "2025-26", 2026-06-30 → "2025-26". */
export function dsptYearOf(publishedOn: LocalDate): string {
  const start = firstYearOf(publishedOn);
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** The next 30 June on or after the publication: when the assessment expires unless NHS England sets another date. */
export function dsptExpiryOf(publishedOn: LocalDate): LocalDate {
  return `${firstYearOf(publishedOn) + 1}-06-30`;
}

/** The calendar year in which the publication's DSPT year starts (1 July). */
function firstYearOf(date: LocalDate): number {
  if (!isLocalDate(date)) throw new RangeError(`${date} is not a calendar date (YYYY-MM-DD)`);
  const year = Number(date.slice(0, 4));
  return date.slice(5) >= '07-01' ? year : year - 1;
}

export type DsptStanding = 'CURRENT' | 'EXPIRING' | 'EXPIRED';

/** Where an assessment stands on `today` given a reminder window of `reminderDays` days. */
export function dsptStanding(expiresOn: LocalDate, today: LocalDate, reminderDays: number): DsptStanding {
  if (today > expiresOn) return 'EXPIRED';
  return daysBetween(today, expiresOn) <= reminderDays ? 'EXPIRING' : 'CURRENT';
}

/** The latest date a recorded expiry may take: a year after the usual one (a deadline extended by NHS England). */
export const latestExpiryFor = (publishedOn: LocalDate) => addDays(dsptExpiryOf(publishedOn), 366);
