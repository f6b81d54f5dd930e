/**
 * JSON with every object's keys in code-point order and no spaces, so the same content is
 * always the same bytes and so the same hash: what a snapshot's or an evidence pack's
 * SHA-256 is taken over. An auditor re-serialises a parsed document this way to check it.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (typeof value === 'bigint') throw new TypeError('canonicalJson: format money before serialising (a bigint has no JSON form)');
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) sorted[key] = sortKeys(item);
    }
    return sorted;
  }
  return value;
}
