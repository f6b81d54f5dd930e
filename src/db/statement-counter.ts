import type { Logger as TypeOrmLogger, QueryRunner } from 'typeorm';
import type { Logger } from 'pino';

/**
 * TypeORM logger that counts every SQL statement sent (the N+1 tests and benchmarks read
 * the count) and reports failed and slow statements through the application log.
 */
export class StatementCounter implements TypeOrmLogger {
  private count = 0;

  constructor(private readonly appLog?: Logger) {}

  get statements(): number {
    return this.count;
  }

  logQuery(query: string, _parameters?: unknown[], _runner?: QueryRunner): void {
    this.count += 1;
    this.recording?.push(query);
  }

  /** the statements sent while `recordStatements` runs (tests that say which reads a query makes) */
  private recording: string[] | undefined;

  /** Runs `work` and answers the SQL of every statement sent meanwhile, in order. One at a time. */
  async recordStatements(work: () => Promise<unknown>): Promise<string[]> {
    if (this.recording) throw new Error('StatementCounter: already recording');
    const sql: string[] = [];
    this.recording = sql;
    try {
      await work();
    } finally {
      this.recording = undefined;
    }
    return sql;
  }

  logQueryError(error: string | Error, query: string): void {
    this.appLog?.warn({ err: error, sql: truncate(query) }, 'SQL statement failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.appLog?.warn({ durationMs: time, sql: truncate(query) }, 'slow SQL statement');
  }

  logSchemaBuild(message: string): void {
    this.appLog?.debug(message);
  }

  logMigration(message: string): void {
    this.appLog?.info(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.appLog?.warn(String(message));
    else this.appLog?.debug(String(message));
  }
}

const truncate = (sql: string) => (sql.length > 500 ? `${sql.slice(0, 500)}…` : sql);
