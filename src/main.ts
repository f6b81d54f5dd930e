import 'reflect-metadata';
import { createApp } from './app';
import { createLogger } from './common/logger';
import { ConfigError, loadConfig } from './config/config';
import { openDatabase } from './db/database';
import { Instance } from './db/instance';
import { removeOwnSpoolFiles } from './feeds/spool';
import { StatementCounter } from './db/statement-counter';
import { Organisation } from './organisations/organisation.entity';
import { seedDemo } from './seed/demo';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config);
  const statements = new StatementCounter(log);
  // a MySQL database that does not exist yet is created, as `npm run migrate` does
  const dataSource = await openDatabase(config.database, { logger: statements }, { createIfMissing: true });
  log.info({ dialect: config.database.dialect }, 'database ready, migrations applied');
  // the owner of the feed runs this process starts, the first-start seed's included
  const instance = await Instance.claim(dataSource, log);

  if (config.seedDemoOnStart && (await dataSource.getRepository(Organisation).count()) === 0) {
    const { estate, ...rest } = await seedDemo(dataSource, config);
    log.info({ ...estate, ...rest }, 'first start: demo data seeded');
  }

  const app = await createApp(config, dataSource, statements, log);
  const port = await app.listen();
  await app.startBackgroundWork();
  if (config.metrics.port !== null) log.info({ port: app.metricsPort() }, 'serving /metrics on its own port');
  else if (!config.metrics.onMainPort) log.warn('/metrics is not served: in production it needs METRICS_PORT (a port of its own) or METRICS_TOKEN');
  const url = `http://${['0.0.0.0', '127.0.0.1'].includes(config.host) ? 'localhost' : config.host}:${port}/graphql`;
  log.info({ url }, 'listening');
  if (config.env !== 'production') {
    process.stderr.write(
      `\n  hscn-supplier-api is serving ${url}\n` +
        `  Get a token:   npm run -s token                       (CONTRACT_MANAGER at RX1)\n` +
        `                 npm run -s token -- --org 0CX --role VIEWER\n` +
        `  Then:          curl -s ${url} -H "Authorization: Bearer $(npm run -s token)" \\\n` +
        `                   -H 'content-type: application/json' -d '{"query":"{ contracts { totalCount edges { node { reference title } } } }"}'\n\n`,
    );
  }

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
}

main().catch((error) => {
  process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `Failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
