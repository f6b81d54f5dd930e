/**
 * Line breaks and other separators: each becomes a space, so a stored message stays on one
 * line in a log, a table cell or a CSV.
 */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;

/**
 * What a reader cannot see or that changes what they see: control characters (C0, DEL, C1),
 * format characters (bidi overrides and isolates, zero-width spaces and joiners, the BOM,
 * soft hyphens, tags), lone surrogates, private-use and unassigned code points.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/gu;

/**
 * Text that came from outside — a supplier's document, a remote host's answer — made fit to
 * store and show: one line, nothing invisible, at most `max` UTF-16 units (a cut one ends
 * in "…", never inside a surrogate pair). Only a prefix is examined, so a document-sized
 * message costs no more than a short one.
 */
export function displayText(text: string, max: number): string {
  const prefix = text.length > max * 4 ? text.slice(0, max * 4) : text;
  const clean = prefix.replace(BREAKS, ' ').replace(INVISIBLE, '').replace(/ {2,}/g, ' ').trim();
  if (clean.length <= max && prefix.length === text.length) return clean;
  if (clean.length < max) return `${clean}…`;
  let cut = clean.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}
