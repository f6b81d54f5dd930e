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

  logQuery(_query: string, _parameters?: unknown[], _runner?: QueryRunner): void {
    this.count += 1;
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
