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
export function upsertStatement(dialect: Dialect, table: string, columns: readonly string[], key: readonly string[], update: readonly string[], rows: number): string {
  const q = (name: string) => quote(dialect, name);
  const insert = insertStatement(dialect, table, columns, rows);
  return dialect === 'mysql'
    ? `${insert} ON DUPLICATE KEY UPDATE ${update.map((c) => `${q(c)} = VALUES(${q(c)})`).join(', ')}`
    : `${insert} ON CONFLICT (${key.map(q).join(', ')}) DO UPDATE SET ${update.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')}`;
}

/** A column name quoted for the dialect. */
export const column = quote;
