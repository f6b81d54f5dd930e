import 'reflect-metadata';
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { In } from 'typeorm';
import { Role } from '../auth/roles';
import type { Viewer } from '../auth/viewer';
import { loadConfig } from '../config/config';
import { openDatabase } from '../db/database';
import { Instance } from '../db/instance';
import { FeedRejection } from '../feeds/feed-rejection.entity';
import { FeedSource } from '../feeds/feed-run.entity';
import type { FeedProgress } from '../feeds/feed-pipeline';
import { failOrphanedRuns, failStalledRuns } from '../feeds/run-owners';
import { FeedFormat, FeedKind } from '../feeds/records';
import { RequestContext } from '../graphql/context';
import { createServices } from '../graphql/schema';
import { Organisation } from '../organisations/organisation.entity';
import { NetworkService } from '../services/network-service.entity';
import { Supplier } from '../suppliers/supplier.entity';

const USAGE = `Usage: npm run ingest -- --supplier <CN-SP ID or name> --kind <performance|incidents|invoices|inventory> --format <csv|tmf> [--org <ODS>] <file>
  Ingests a supplier's document straight into the database (no server needed) and prints a summary.
  --org names the organisation the document is for; it may be left out when the supplier's services
  belong to one organisation only.`;

const KINDS: Record<string, FeedKind> = {
  performance: FeedKind.PERFORMANCE, incident: FeedKind.INCIDENT, incidents: FeedKind.INCIDENT,
  invoice: FeedKind.INVOICE, invoices: FeedKind.INVOICE, inventory: FeedKind.INVENTORY,
};

class UsageError extends Error {}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { supplier: { type: 'string' }, kind: { type: 'string' }, format: { type: 'string' }, org: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return void console.log(USAGE);
  const kind = KINDS[(values.kind ?? '').toLowerCase()];
  const format = { csv: FeedFormat.CSV, tmf: FeedFormat.TMF, json: FeedFormat.TMF }[(values.format ?? '').toLowerCase()];
  const file = positionals[0];
  if (!values.supplier || !kind || !format || !file || positionals.length !== 1) throw new UsageError(USAGE);

  const config = loadConfig();
  const log = pino({ level: 'warn' });
  const dataSource = await openDatabase(config.database, {}, { createIfMissing: true });
  // the run this process starts is its own: if the process dies, any server sees so at once
  const instance = await Instance.claim(dataSource, log);
  try {
    const supplier = await dataSource.getRepository(Supplier).findOne({
      where: [{ cnspId: values.supplier.toUpperCase() }, { name: values.supplier }],
    });
    if (!supplier) throw new UsageError(`No supplier has the CN-SP ID or name "${values.supplier}"`);
    const organisation = await organisationFor(dataSource.manager, supplier, values.org);
    const viewer: Viewer = {
      subject: `cli:${userInfo().username}`,
      organisationId: organisation.id,
      odsCode: organisation.odsCode,
      roles: [Role.ADMIN],
      organisationIds: [organisation.id],
      supplierId: null,
      via: 'JWT',
      apiKeyId: null,
    };
    const ctx = new RequestContext(`cli-${Date.now()}`, viewer, dataSource.manager, config, log);
    const services = createServices(config);
    await failOrphanedRuns(dataSource.manager);
    await failStalledRuns(dataSource.manager, config.feeds.staleRunMinutes);

    const bar = progressBar(statSync(file).size);
    const started = Date.now();
    const run = await services.feeds.ingest(ctx, {
      supplierId: supplier.id,
      kind,
      format,
      source: FeedSource.CLI,
      sourceName: basename(file),
      input: createReadStream(file),
      onProgress: bar.update,
    });
    bar.done();
    const seconds = (Date.now() - started) / 1000;
    console.log(`\nFeed run ${run.globalId} for ${supplier.name} → ${organisation.odsCode}: ${run.status}`);
    console.log(`  read ${run.rowsRead}  accepted ${run.rowsAccepted}  unchanged ${run.rowsUnchanged}  rejected ${run.rowsRejected}  in ${seconds.toFixed(1)} s (${Math.round(run.rowsRead / Math.max(seconds, 0.001))} rows/s)`);
    if (run.failureReason) console.log(`  failed: ${run.failureReason}`);
    const rejections = await dataSource.getRepository(FeedRejection).find({ where: { feedRunId: run.id }, order: { id: 'ASC' }, take: 20 });
    for (const rejection of rejections) console.log(`  ${rejection.location}: ${rejection.reason}`);
    if (run.rowsRejected > rejections.length) console.log(`  … and ${run.rowsRejected - rejections.length} more (query feedRun(id: "${run.globalId}") { rejectedRows })`);
    process.exitCode = run.status === 'FAILED' || run.status === 'REJECTED' ? 2 : 0;
  } finally {
    await instance.release();
    await dataSource.destroy();
  }
}

/** The organisation named, or the only one holding the supplier's services. */
async function organisationFor(manager: import('typeorm').EntityManager, supplier: Supplier, odsCode: string | undefined): Promise<Organisation> {
  if (odsCode) {
    const named = await manager.getRepository(Organisation).findOneBy({ odsCode: odsCode.toUpperCase() });
    if (!named) throw new UsageError(`No organisation has the ODS code ${odsCode}`);
    return named;
  }
  const owners = await manager.getRepository(NetworkService).createQueryBuilder('service').select('DISTINCT service.organisationId', 'id').where({ supplierId: supplier.id }).getRawMany<{ id: number }>();
  if (owners.length !== 1) {
    const codes = owners.length ? (await manager.getRepository(Organisation).findBy({ id: In(owners.map((o) => Number(o.id))) })).map((o) => o.odsCode) : [];
    throw new UsageError(`${supplier.name}'s services belong to ${codes.length ? codes.join(', ') : 'no organisation'}: name one with --org`);
  }
  return (await manager.getRepository(Organisation).findOneByOrFail({ id: Number(owners[0].id) }));
}

/** A one-line progress bar on a terminal; a line per tenth of the file otherwise. */
function progressBar(totalBytes: number) {
  const tty = process.stderr.isTTY;
  let lastDraw = 0;
  let lastTenth = -1;
  const started = Date.now();
  const render = (progress: FeedProgress) => {
    const share = totalBytes ? Math.min(1, progress.bytesRead / totalBytes) : 1;
    const width = 30;
    const filled = Math.round(share * width);
    const rate = Math.round(progress.rowsRead / Math.max((Date.now() - started) / 1000, 0.001));
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${progress.rowsRead} rows  ${rate} rows/s  (${progress.rowsRejected} rejected)`;
  };
  let latest: FeedProgress | undefined;
  return {
    update: (progress: FeedProgress) => {
      latest = progress;
      const now = Date.now();
      if (tty && now - lastDraw > 100) {
        process.stderr.write(`\r${render(progress)}`);
        lastDraw = now;
      } else if (!tty) {
        const tenth = Math.floor((progress.bytesRead / Math.max(totalBytes, 1)) * 10);
        if (tenth !== lastTenth) process.stderr.write(`${render(progress)}\n`);
        lastTenth = tenth;
      }
    },
    done: () => {
      if (tty && latest) process.stderr.write(`\r${render(latest)}\n`);
    },
  };
}

main().catch((error) => {
  console.error(error instanceof UsageError ? error.message : error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
