import type { ObjectLiteral, Repository } from 'typeorm';
import type { DomainError } from '../common/errors';

/** True for a unique-key violation on either dialect, so a lost race still answers CONFLICT. */
export function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const code = candidate.driverError?.code ?? candidate.code;
  const errno = candidate.driverError?.errno ?? candidate.errno;
  return code === 'ER_DUP_ENTRY' || errno === 1062 || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Saves a record whose natural key must be unique; a duplicate becomes the caller's CONFLICT. */
export async function saveUnique<T extends ObjectLiteral>(repository: Repository<T>, record: T, onDuplicate: () => DomainError): Promise<T> {
  try {
    return await repository.save(record);
  } catch (error) {
    if (isUniqueViolation(error)) throw onDuplicate();
    throw error;
  }
}
