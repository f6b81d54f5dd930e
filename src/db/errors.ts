/** True for a unique-key violation on either dialect, so a lost race still answers CONFLICT. */
export function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const code = candidate.driverError?.code ?? candidate.code;
  const errno = candidate.driverError?.errno ?? candidate.errno;
  return code === 'ER_DUP_ENTRY' || errno === 1062 || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
