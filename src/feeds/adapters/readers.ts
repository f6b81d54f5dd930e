import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { DEFAULT_FEED_LIMITS, recordTooLarge, type FeedLimits } from '../limits';
import { FeedFormatError, type ParsedItem } from '../feed-adapter';
import { FieldError, squash } from './values';

/** Header names match ignoring case, spaces, _, -, brackets and units' slashes: "Bandwidth (Mbps)" is bandwidth_mbps. */
const headerKey = (name: string) => squash(name).replace(/[()/]/g, '');

export interface CsvRow {
  /** 1-based line number of the record's first line in the file, header included */
  line: number;
  /** the record as it stood in the file */
  raw: string;
  /** values by canonical column name (as listed in the template), blank cells as '' */
  values: Record<string, string>;
}

/**
 * Streams a CSV template's rows. Header names match the template ignoring case, spaces,
 * hyphens and underscores; a missing required column or an unknown column fails the whole
 * document (a FeedFormatError), since no row of it could be read with confidence. Rows with
 * the wrong number of cells are yielded with `cellsMismatch` for the adapter to reject.
 */
export async function* readCsv(
  input: AsyncIterable<Buffer | string>,
  template: { required: readonly string[]; optional: readonly string[] },
  limits: FeedLimits = DEFAULT_FEED_LIMITS,
): AsyncGenerator<CsvRow & { cellsMismatch?: string }> {
  const known = new Map([...template.required, ...template.optional].map((name) => [headerKey(name), name]));
  const parser = Readable.from(input).pipe(
    parse({
      bom: true,
      raw: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      max_record_size: limits.maxRecordBytes,
    }),
  );
  let header: (string | undefined)[] | undefined;
  try {
    for await (const { record, raw: rawWithSkipped, info } of parser as AsyncIterable<{
      record: string[];
      raw: string;
      info: { lines: number };
    }>) {
      // csv-parse prefixes a record's raw text with the blank lines it skipped before it
      const raw = rawWithSkipped.replace(/^[\r\n]+/, '');
      const line = info.lines - (raw.match(/\n/g)?.length ?? 0) + (raw.endsWith('\n') ? 1 : 0);
      if (!header) {
        header = record.map((name) => known.get(headerKey(name)));
        const unknown = record.filter((name) => !known.has(headerKey(name)));
        const present = new Set(header.filter(Boolean));
        const missing = template.required.filter((name) => !present.has(name));
        if (missing.length || unknown.length) {
          throw new FeedFormatError(
            [
              missing.length ? `missing column(s) ${missing.join(', ')}` : '',
              unknown.length ? `unknown column(s) ${unknown.join(', ')}` : '',
            ]
              .filter(Boolean)
              .join('; ') +
              `. Expected: ${template.required.join(', ')}` +
              (template.optional.length ? `, and optionally ${template.optional.join(', ')}` : ''),
            'line 1',
          );
        }
        continue;
      }
      const values: Record<string, string> = {};
      header.forEach((name, index) => {
        if (name) values[name] = record[index] ?? '';
      });
      const cellsMismatch =
        record.length !== header.length ? `has ${record.length} cells where the header has ${header.length}` : undefined;
      yield { line, raw: raw.replace(/\r?\n$/, '').replace(/\r$/, ''), values, cellsMismatch };
    }
  } catch (error) {
    if (error instanceof FeedFormatError) throw error;
    if ((error as { code?: string }).code === 'CSV_MAX_RECORD_SIZE')
      throw recordTooLarge(limits, `line ${(error as { lines?: number }).lines ?? '?'}`);
    const message = error instanceof Error ? error.message : String(error);
    throw new FeedFormatError(`The CSV cannot be read: ${message}`);
  }
  if (!header) throw new FeedFormatError('The CSV is empty: expected a header row and data rows', 'line 1');
}

/** The first of several property names that is present (real feeds say `status` where TMF says `state`). */
export function pick(object: Record<string, unknown>, ...names: string[]): unknown {
  for (const name of names) {
    if (object[name] !== undefined && object[name] !== null) return object[name];
  }
  return undefined;
}

/** Short raw text of a JSON item, for rejected-row records. */
export const rawJson = (item: unknown) => {
  const text = JSON.stringify(item) ?? String(item);
  return text.length > 4000 ? `${text.slice(0, 4000)}…` : text;
};

/**
 * Reads one row or item into a record, or into a rejection naming the field at fault when
 * a value cannot be read. `explain` may put the message in context (e.g. name the service).
 */
export function readItem<T>(
  location: string,
  raw: string,
  read: () => T,
  explain: (message: string) => string = (message) => message,
): ParsedItem<T> {
  try {
    return { ok: true, location, raw, record: read() };
  } catch (error) {
    if (error instanceof FieldError) return { ok: false, location, raw, reason: explain(error.message), field: error.field };
    throw error;
  }
}
