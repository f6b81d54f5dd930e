import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';

/**
 * MySQL's fastest way in: LOAD DATA LOCAL INFILE, fed from memory rather than a file. The
 * driver asks `openInfile` for the stream of the name in the statement; names are random
 * and live only for their statement. Servers that refuse local infile (MySQL 8's default)
 * answer an error, and the caller falls back to INSERT.
 */
const pending = new Map<string, Buffer>();

export function openInfile(name: string): Readable {
  const body = pending.get(name);
  if (!body) throw new Error(`no bulk load named ${name}`);
  return Readable.from([body]);
}

/** Loads rows (already validated, in `columns` order) into `table`, replacing any with the same key. */
export async function loadRows(
  manager: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  const name = `hscn-load-${randomUUID()}`;
  pending.set(name, Buffer.from(rows.map((row) => row.map(field).join('\t')).join('\n'), 'utf8'));
  try {
    await manager.query(
      `LOAD DATA LOCAL INFILE '${name}' REPLACE INTO TABLE \`${table}\` CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' ` +
        `LINES TERMINATED BY '\\n' (${columns.map((c) => `\`${c}\``).join(', ')})`,
    );
  } finally {
    pending.delete(name);
  }
}

/** A value as LOAD DATA reads it: \N for NULL, with tab, newline and backslash escaped. */
function field(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  return String(value).replace(/[\\\t\n\r]/g, (char) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[char]!);
}

/** True for the errors a server gives when local infile is off. */
export function isLocalInfileRefused(error: unknown): boolean {
  const candidate = error as { errno?: number; driverError?: { errno?: number }; message?: string };
  const errno = candidate.driverError?.errno ?? candidate.errno;
  return errno === 1148 || errno === 3948 || errno === 2068 || /local (data|infile).*(disabled|not allowed)/i.test(candidate.message ?? '');
}
