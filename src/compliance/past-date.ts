import { badInput } from '../common/errors';
import { isLocalDate, type LocalDate } from '../common/dates';
import { todayInLondon } from '../common/calendar';
import { ErrorReason } from '../common/error-reasons';

/** A past or present date, or BAD_USER_INPUT naming the field. */
export function notInFuture(date: LocalDate, field: string, what: string): LocalDate {
  if (!isLocalDate(date)) throw badInput(field, `${field}: "${date}" is not a calendar date (YYYY-MM-DD)`, ErrorReason.INVALID_DATE);
  const today = todayInLondon();
  if (date > today) throw badInput(field, `${field}: ${what} ${date} is in the future (today is ${today})`, ErrorReason.FUTURE_DATE);
  return date;
}
