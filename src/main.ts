import 'reflect-metadata';
import { getHeapStatistics } from 'node:v8';
import { createApp } from './app';
import { createLogger } from './common/logger';
import { ConfigError, loadConfig } from './config/config';
import { openDatabase } from './db/database';
import { Instance } from './db/instance';
import { removeOwnSpoolFiles } from './feeds/spool';
import { StatementCounter } from './db/statement-counter';
import { Organisation } from './organisations/organisation.entity';
import { seedDemo } from './seed/demo';
import { model as dataModel } from './entities';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config);
  const statements = new StatementCounter(log);
  // a MySQL database that does not exist yet is created, as `npm run migrate` does
  const dataSource = await openDatabase(config.database, dataModel, { logger: statements }, { createIfMissing: true, log });
  log.info({ dialect: config.database.dialect }, 'database ready, migrations applied');
  // the owner of the feed runs this process starts, the first-start seed's included
  const instance = await Instance.claim(dataSource, log);

  if (config.seedDemoOnStart && (await dataSource.getRepository(Organisation).count()) === 0) {
    const started = Date.now();
    log.info('first start: seeding the demo data');
    await seedDemo(dataSource, config, undefined, ({ summary, ...step }) => log.info({ ...step, ...summary }, 'demo data seeded'));
    log.info({ ms: Date.now() - started }, 'first start: demo data seeded');
  }

  const app = await createApp(config, dataSource, statements, log);
  const port = await app.listen();
  await app.startBackgroundWork();
  // before anything says the server is up: whoever acts on 'listening' may stop it at once, and a
  // SIGTERM that finds no handler ends the process by the signal, unclean
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    app
      .stop()
      .then(async ({ cutOff }) => {
        // documents of runs cut off: nothing will read them again
        await removeOwnSpoolFiles(config.feeds.spoolDir);
        await instance.release();
        if (cutOff > 0) {
          log.error({ cutOff }, 'shut down, cutting off requests that outran the grace period');
          process.exit(1);
        }
        log.info('shut down cleanly');
        process.exit(0);
      })
      .catch((error) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  if (config.metrics.port !== null) log.info({ port: app.metricsPort() }, 'serving /metrics on its own port');
  else if (!config.metrics.onMainPort)
    log.warn('/metrics is not served: in production it needs METRICS_PORT (a port of its own) or METRICS_TOKEN');
  const url = `http://${['0.0.0.0', '127.0.0.1'].includes(config.host) ? 'localhost' : config.host}:${port}/graphql`;
  warnIfHeapUncapped(config.maxHeapMb, log);
  log.info({ url }, 'listening');
  if (config.env !== 'production') {
    process.stderr.write(
      `\n  hscn-supplier-api is serving ${url}\n` +
        `  Get a token:   npm run -s token                       (CONTRACT_MANAGER at RX1)\n` +
        `                 npm run -s token -- --org 0CX --role VIEWER\n` +
        `  Then:          curl -s ${url} -H "Authorization: Bearer $(npm run -s token)" \\\n` +
        `                   -H 'content-type: application/json' -d '{"query":"{ contracts { totalCount edges { node { reference title } } } }"}'\n` +
        (config.graphql.introspection ? `  Or explore:    open ${url} in a browser (GraphiQL; paste the token at the top)\n\n` : '\n'),
    );
  }
}

/**
 * node takes its heap size on its command line, before any of our code runs: `npm start` gives
 * it MAX_HEAP_MB. A server started some other way (node dist/src/main.js under a process
 * manager) runs with V8's own size, and a large feed's garbage then grows it well past 300 MB.
 */
function warnIfHeapUncapped(maxHeapMb: number, log: ReturnType<typeof createLogger>): void {
  const limitMb = Math.round(getHeapStatistics().heap_size_limit / 1024 ** 2);
  // the limit adds the young generation (about 50 MB at 256) to the old space asked for
  if (limitMb > maxHeapMb * 1.5 + 64) {
    log.warn(
      { heapLimitMb: limitMb, maxHeapMb },
      `the V8 heap is not capped at MAX_HEAP_MB: start the server with \`node --max-old-space-size=${maxHeapMb}\` (npm start does)`,
    );
  } else {
    log.info({ heapLimitMb: limitMb, maxHeapMb }, 'heap capped');
  }
}

main().catch((error) => {
  process.stderr.write(
    error instanceof ConfigError ? `${error.message}\n` : `Failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
