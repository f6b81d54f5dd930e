import 'reflect-metadata';
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { In } from 'typeorm';
import { Role } from '../auth/roles';
import type { Viewer } from '../request/viewer';
import { loadConfig } from '../config/config';
import { openDatabase } from '../db/database';
import { Instance } from '../db/instance';
import { FeedRejection } from '../feeds/feed-rejection.entity';
import { FeedSource } from '../feed-records/feed-run.entity';
import type { FeedProgress } from '../feeds/feed-pipeline';
import { failOrphanedRuns, failStalledRuns } from '../feeds/run-owners';
import { FeedFormat, FeedKind } from '../feed-records/records';
import { RequestContext } from '../request/context';
import { createServices } from '../services';
import { Organisation } from '../organisations/organisation.entity';
import { NetworkService } from '../services/network-service.entity';
import { Supplier } from '../suppliers/supplier.entity';
import { model as dataModel } from '../entities';

const USAGE = `Usage: npm run ingest -- --supplier <CN-SP ID or name> --kind <performance|incidents|invoices|inventory> --format <csv|tmf> [--org <ODS>] <file>
  Ingests a supplier's document straight into the database (no server needed) and prints a summary.
  --org names the organisation the document is for; it may be left out when the supplier's services
  belong to one organisation only.`;

const KINDS: Record<string, FeedKind> = {
  performance: FeedKind.PERFORMANCE,
  incident: FeedKind.INCIDENT,
  incidents: FeedKind.INCIDENT,
  invoice: FeedKind.INVOICE,
  invoices: FeedKind.INVOICE,
  inventory: FeedKind.INVENTORY,
};

const FORMATS: Record<string, FeedFormat> = { csv: FeedFormat.CSV, tmf: FeedFormat.TMF, json: FeedFormat.TMF };

class UsageError extends Error {}

/** Every option missing or mistaken, each named, so that one run tells the user all they must fix. */
function usageProblems(values: { supplier?: string; kind?: string; format?: string }, positionals: string[]): string[] {
  const problems: string[] = [];
  if (!values.supplier) problems.push('Missing --supplier <CN-SP ID or name>');
  if (values.kind === undefined) problems.push('Missing --kind <performance|incidents|invoices|inventory>');
  else if (!KINDS[values.kind.toLowerCase()])
    problems.push(`--kind ${values.kind}: not a kind (performance, incidents, invoices or inventory)`);
  if (values.format === undefined) problems.push('Missing --format <csv|tmf>');
  else if (!FORMATS[values.format.toLowerCase()]) problems.push(`--format ${values.format}: not a format (csv or tmf)`);
  if (positionals.length === 0) problems.push('Missing the document to ingest: <file>');
  else if (positionals.length > 1) problems.push(`One document at a time: ${positionals.length} files given (${positionals.join(', ')})`);
  return problems;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      supplier: { type: 'string' },
      kind: { type: 'string' },
      format: { type: 'string' },
      org: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return void console.log(USAGE);
  const kind = KINDS[(values.kind ?? '').toLowerCase()];
  const format = FORMATS[(values.format ?? '').toLowerCase()];
  const file = positionals[0];
  const problems = usageProblems(values, positionals);
  if (problems.length) throw new UsageError(`${problems.join('\n')}\n\n${USAGE}`);
  if (!values.supplier || !kind || !format || !file) throw new UsageError(USAGE);

  const config = loadConfig();
  const log = pino({ level: 'warn' });
  const dataSource = await openDatabase(config.database, dataModel, {}, { createIfMissing: true });
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
    bar.done({ bytesRead: statSync(file).size, rowsRead: run.rowsRead, rowsRejected: run.rowsRejected });
    const seconds = (Date.now() - started) / 1000;
    console.log(`\nFeed run ${run.globalId} for ${supplier.name} → ${organisation.odsCode}: ${run.status}`);
    console.log(
      `  read ${run.rowsRead}  accepted ${run.rowsAccepted}  unchanged ${run.rowsUnchanged}  rejected ${run.rowsRejected}  ` +
        `in ${seconds.toFixed(1)} s (${Math.round(run.rowsRead / Math.max(seconds, 0.001))} rows/s)`,
    );
    if (run.failureReason) console.log(`  failed: ${run.failureReason}`);
    const rejections = await dataSource.getRepository(FeedRejection).find({ where: { feedRunId: run.id }, order: { id: 'ASC' }, take: 20 });
    for (const rejection of rejections) console.log(`  ${rejection.location}: ${rejection.reason}`);
    if (run.rowsRejected > rejections.length)
      console.log(`  … and ${run.rowsRejected - rejections.length} more (query feedRun(id: "${run.globalId}") { rejectedRows })`);
    process.exitCode = run.status === 'FAILED' || run.status === 'REJECTED' ? 2 : 0;
  } finally {
    await instance.release();
    await dataSource.destroy();
  }
}

/** The organisation named, or the only one holding the supplier's services. */
async function organisationFor(
  manager: import('typeorm').EntityManager,
  supplier: Supplier,
  odsCode: string | undefined,
): Promise<Organisation> {
  if (odsCode) {
    const named = await manager.getRepository(Organisation).findOneBy({ odsCode: odsCode.toUpperCase() });
    if (!named) throw new UsageError(`No organisation has the ODS code ${odsCode}`);
    return named;
  }
  const owners = await manager
    .getRepository(NetworkService)
    .createQueryBuilder('service')
    .select('DISTINCT service.organisationId', 'id')
    .where({ supplierId: supplier.id })
    .getRawMany<{ id: number }>();
  if (owners.length !== 1) {
    const codes = owners.length
      ? (await manager.getRepository(Organisation).findBy({ id: In(owners.map((o) => Number(o.id))) })).map((o) => o.odsCode)
      : [];
    throw new UsageError(
      `${supplier.name}'s services belong to ${codes.length ? codes.join(', ') : 'no organisation'}: name one with --org`,
    );
  }
  return await manager.getRepository(Organisation).findOneByOrFail({ id: Number(owners[0].id) });
}

/**
 * A one-line progress bar on a terminal; a line per tenth of the file otherwise. The file is
 * read ahead of the rows stored, so the line at 100 % of the bytes is short of the rows: the
 * last line is the run's own count.
 */
function progressBar(totalBytes: number) {
  const tty = process.stderr.isTTY;
  let lastDraw = 0;
  let lastTenth = -1;
  let lastLine = '';
  const started = Date.now();
  const render = (progress: Shown) => {
    const share = totalBytes ? Math.min(1, progress.bytesRead / totalBytes) : 1;
    const width = 30;
    const filled = Math.round(share * width);
    const rate = Math.round(progress.rowsRead / Math.max((Date.now() - started) / 1000, 0.001));
    return (
      `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${progress.rowsRead} rows  ${rate} ` +
      `rows/s  (${progress.rowsRejected} rejected)`
    );
  };
  const write = (line: string, end: string) => {
    process.stderr.write(`${tty ? '\r' : ''}${line}${end}`);
    lastLine = line;
  };
  return {
    update: (progress: Shown) => {
      const now = Date.now();
      if (tty && now - lastDraw > 100) {
        write(render(progress), '');
        lastDraw = now;
      } else if (!tty) {
        const tenth = Math.floor((progress.bytesRead / Math.max(totalBytes, 1)) * 10);
        if (tenth !== lastTenth) write(render(progress), '\n');
        lastTenth = tenth;
      }
    },
    /** the run's final counts, once it has finished */
    done: (final: Shown) => {
      const line = render(final);
      if (tty) write(line, '\n');
      else if (line.replace(/\d+ rows\/s/, '') !== lastLine.replace(/\d+ rows\/s/, '')) write(line, '\n');
    },
  };
}

type Shown = Pick<FeedProgress, 'bytesRead' | 'rowsRead' | 'rowsRejected'>;

main().catch((error) => {
  console.error(error instanceof UsageError ? error.message : error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
