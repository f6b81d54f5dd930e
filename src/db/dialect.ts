import type { EntityManager } from 'typeorm';

export type Dialect = 'sqlite' | 'mysql';

/** The only place where SQL text differs by database. */
export function dialectOf(manager: EntityManager): Dialect {
  const type = manager.connection.options.type;
  return type === 'better-sqlite3' || type === 'sqljs' ? 'sqlite' : 'mysql';
}

const quote = (dialect: Dialect, name: string) => (dialect === 'mysql' ? `\`${name}\`` : `"${name}"`);

/** A multi-row INSERT with `?` placeholders, row by row. */
export function insertStatement(dialect: Dialect, table: string, columns: readonly string[], rows: number): string {
  const q = (name: string) => quote(dialect, name);
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  return `INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`;
}

/**
 * A multi-row INSERT that replaces `update` columns of rows whose `key` already exists:
 * ON DUPLICATE KEY UPDATE on MySQL, ON CONFLICT … DO UPDATE on SQLite.
 */
export function upsertStatement(
  dialect: Dialect,
  table: string,
  columns: readonly string[],
  key: readonly string[],
  update: readonly string[],
  rows: number,
): string {
  const q = (name: string) => quote(dialect, name);
  const insert = insertStatement(dialect, table, columns, rows);
  return dialect === 'mysql'
    ? `${insert} ON DUPLICATE KEY UPDATE ${update.map((c) => `${q(c)} = VALUES(${q(c)})`).join(', ')}`
    : `${insert} ON CONFLICT (${key.map(q).join(', ')}) DO UPDATE SET ${update.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')}`;
}

/** A column name quoted for the dialect. */
export const column = quote;

/** How an upsert folds an incoming value into the row already held. */
export type Merge = 'least' | 'greatest' | 'add' | 'replace';

/**
 * A multi-row INSERT that, for rows whose `key` already exists, folds each `merge` column
 * into the held value (the lesser, the greater, the sum, or the new value): a running span
 * or count kept up to date in one statement per batch, whatever the batch holds.
 */
export function mergeStatement(
  dialect: Dialect,
  table: string,
  columns: readonly string[],
  key: readonly string[],
  merge: Readonly<Record<string, Merge>>,
  rows: number,
): string {
  const q = (name: string) => quote(dialect, name);
  const insert = insertStatement(dialect, table, columns, rows);
  const incoming = (c: string) => (dialect === 'mysql' ? `VALUES(${q(c)})` : `excluded.${q(c)}`);
  const folded = (c: string, how: Merge) =>
    how === 'replace'
      ? incoming(c)
      : how === 'add'
        ? `${q(c)} + ${incoming(c)}`
        : // LEAST and GREATEST on MySQL; SQLite's MIN and MAX of two arguments are the same
          `${dialect === 'mysql' ? how.toUpperCase() : how === 'least' ? 'MIN' : 'MAX'}(${q(c)}, ${incoming(c)})`;
  const sets = Object.entries(merge).map(([c, how]) => `${q(c)} = ${folded(c, how)}`);
  return dialect === 'mysql'
    ? `${insert} ON DUPLICATE KEY UPDATE ${sets.join(', ')}`
    : `${insert} ON CONFLICT (${key.map(q).join(', ')}) DO UPDATE SET ${sets.join(', ')}`;
}
