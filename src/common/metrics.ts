import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';

/**
 * The server's Prometheus metrics: GraphQL operations by name and outcome with their
 * latency, feed runs by kind and status, refused credentials, and the database pool. One registry per app, so
 * tests can run several servers in one process.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly operations = new Counter({
    name: 'hscn_graphql_operations_total',
    help: 'GraphQL operations served, by operation name and outcome (ok, error).',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly operationSeconds = new Histogram({
    name: 'hscn_graphql_operation_seconds',
    help: 'GraphQL operation latency in seconds, by operation name.',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly feedRuns = new Counter({
    name: 'hscn_feed_runs_total',
    help: 'Supplier feed runs finished, by kind and status.',
    labelNames: ['kind', 'status'] as const,
    registers: [this.registry],
  });

  readonly authFailures = new Counter({
    name: 'hscn_auth_failures_total',
    help: 'Credentials refused (API keys, bearer tokens, the metrics token), by reason: a fixed set, never the credential.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly authRateLimited = new Counter({
    name: 'hscn_auth_rate_limited_total',
    help: 'Requests refused with 429 because their client had too many failed authentications.',
    registers: [this.registry],
  });

  constructor(dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry, prefix: 'hscn_' });
    new Gauge({
      name: 'hscn_db_pool_connections',
      help: 'Database pool connections, by state (MySQL; SQLite has one connection).',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const pool = (
          dataSource.driver as unknown as { pool?: { _allConnections?: { length: number }; _freeConnections?: { length: number } } }
        ).pool;
        const all = pool?._allConnections?.length ?? (dataSource.isInitialized ? 1 : 0);
        const free = pool?._freeConnections?.length ?? 0;
        this.set({ state: 'open' }, all);
        this.set({ state: 'busy' }, all - free);
      },
    });
  }

  private readonly seenOperations = new Set<string>();

  /** A bounded label: operation names come from clients, so only sane ones, and the first 200 of them, are kept. */
  operationLabel(name: string | null | undefined): string {
    if (!name || !/^[A-Za-z_][A-Za-z0-9_]{0,60}$/.test(name)) return 'anonymous';
    if (this.seenOperations.has(name)) return name;
    if (this.seenOperations.size >= 200) return 'other';
    this.seenOperations.add(name);
    return name;
  }
}
