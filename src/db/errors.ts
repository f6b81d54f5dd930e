import type { EntityMetadata, ObjectLiteral, Repository } from 'typeorm';
import type { DomainError } from '../common/errors';

/** True for a unique-key violation on either dialect, so a lost race still answers CONFLICT. */
export function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const code = candidate.driverError?.code ?? candidate.code;
  const errno = candidate.driverError?.errno ?? candidate.errno;
  return code === 'ER_DUP_ENTRY' || errno === 1062 || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * True when the transaction lost to another writer and may simply run again: MySQL chose it as
 * a deadlock victim or it waited too long for a lock; or SQLite, shared by two processes (the
 * server and `npm run ingest`), found the database written since the transaction first read it
 * (SQLITE_BUSY_SNAPSHOT, which WAL answers at once rather than wait) or still locked after
 * busy_timeout.
 */
function isRetryableLockError(error: unknown): boolean {
  const candidate = error as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const code = candidate.driverError?.code ?? candidate.code;
  const errno = candidate.driverError?.errno ?? candidate.errno;
  return (
    code === 'ER_LOCK_DEADLOCK' ||
    errno === 1213 ||
    code === 'ER_LOCK_WAIT_TIMEOUT' ||
    errno === 1205 ||
    code === 'SQLITE_BUSY' ||
    code === 'SQLITE_BUSY_SNAPSHOT'
  );
}

/**
 * Runs a whole transaction again when it lost a deadlock, a few times with a random pause,
 * as MySQL advises: concurrent writers of the same rows (two feed documents rebuilding the
 * same service-days' rollups) otherwise fail one of them. Only for a transaction of its own:
 * a deadlock inside an outer transaction has rolled that one back too.
 */
export async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isRetryableLockError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 10 * 2 ** attempt) + Math.random() * 50));
    }
  }
}

/** Saves a record whose natural key must be unique; a duplicate becomes the caller's CONFLICT. */
export async function saveUnique<T extends ObjectLiteral>(
  repository: Repository<T>,
  record: T,
  onDuplicate: (error: unknown) => DomainError,
): Promise<T> {
  try {
    return await repository.save(record);
  } catch (error) {
    if (isUniqueViolation(error)) throw onDuplicate(error);
    throw error;
  }
}

/**
 * The properties of the unique index a unique violation names, for a table with more than one
 * natural key: SQLite names the columns ("UNIQUE constraint failed: supplier.cnspId"), MySQL
 * and MariaDB the index ("Duplicate entry … for key 'IDX_…'"). Empty when it names none of them.
 */
export function violatedUniqueKey(error: unknown, metadata: EntityMetadata): string[] {
  const candidate = error as { message?: string; driverError?: { message?: string; sqlMessage?: string } };
  const message = candidate.driverError?.sqlMessage ?? candidate.driverError?.message ?? candidate.message ?? '';
  const sqliteColumns = /UNIQUE constraint failed: (.+)$/m
    .exec(message)?.[1]
    ?.split(/,\s*/)
    .map((column) => column.split('.').pop());
  for (const index of metadata.indices.filter((each) => each.isUnique)) {
    const columns = index.columns.map((column) => column.databaseName);
    const named = sqliteColumns
      ? sqliteColumns.length === columns.length && columns.every((column) => sqliteColumns.includes(column))
      : new RegExp(`key '(?:[^']*\\.)?${index.name}'`).test(message);
    if (named) return index.columns.map((column) => column.propertyName);
  }
  return [];
}

/** Driver codes for a connection lost or refused. */
const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'PROTOCOL_CONNECTION_LOST', 'EPIPE', 'POOL_CLOSED']);

/** True when an error came from losing the database, which a client should retry. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const candidate = error as { code?: string; driverError?: { code?: string }; message?: string } | undefined;
  const message = candidate?.message ?? '';
  // graphql-js replaces a thrown non-Error (the driver's bare connect failure) by "Unexpected error value: { … code: "X" … }"
  const code = candidate?.driverError?.code ?? candidate?.code ?? /^Unexpected error value: .*\bcode: "([A-Z_]+)"/s.exec(message)?.[1];
  return (
    (code !== undefined && CONNECTION_ERRORS.has(code)) ||
    /Pool is closed|connect ETIMEDOUT|acquire.*timeout|connection is in closed state/i.test(message)
  );
}
