import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../src/config/config';
import { Contract, ContractStatus, ProcurementRoute, ServiceHours, ServiceWrap } from '../src/contracts/contract.entity';
import { FeedSource } from '../src/feed-records/feed-run.entity';
import { FeedFormat, FeedKind } from '../src/feed-records/records';
import { createServices } from '../src/services';
import { Organisation, OrganisationType } from '../src/organisations/organisation.entity';
import { NetworkService, Resilience, ServiceStatus, ServiceType } from '../src/services/network-service.entity';
import { Site } from '../src/sites/site.entity';
import { Supplier, SupplierKind, ComplianceStatus } from '../src/suppliers/supplier.entity';
import { benchContext, round } from './support';

const HEADER =
  'service_reference,interval_start,interval,availability_seconds,latency_ms,jitter_ms,packet_loss_pct,utilisation_in_pct,utilisation_out_pct';

/**
 * Performance-feed ingest through the real pipeline (adapter, batches, upserts, rollups)
 * against MySQL's LOAD DATA LOCAL INFILE of the same rows into a plain table, in one run.
 */
export async function ingestBenchmark(dataSource: DataSource, config: AppConfig, rows: number) {
  const services = Math.max(1, Math.ceil(rows / (30 * 288)));
  const perService = Math.ceil(rows / services);
  const { organisationId, supplierId, references } = await createInventory(dataSource, services);
  const file = join(tmpdir(), `hscn-bench-${process.pid}.csv`);
  const written = await writeSamples(file, references, perService, rows);

  const ctx = benchContext(dataSource, config, organisationId);
  const pipeline = createServices(config).feeds;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const started = process.hrtime.bigint();
  const run = await pipeline.ingest(ctx, {
    supplierId,
    kind: FeedKind.PERFORMANCE,
    format: FeedFormat.CSV,
    source: FeedSource.CLI,
    sourceName: 'bench.csv',
    input: createReadStream(file),
  });
  const ingestSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  if (run.rowsAccepted !== written)
    throw new Error(`ingest accepted ${run.rowsAccepted} of ${written} rows (${run.status}: ${run.failureReason ?? ''})`);

  const fileBytes = statSync(file).size;
  const loadSeconds = await loadData(dataSource, file);
  await rm(file, { force: true });
  const ingestRowsPerSec = written / ingestSeconds;
  const loadDataRowsPerSec = written / loadSeconds;
  return {
    ingestRows: written,
    ingestFileMb: round(fileBytes / 1024 ** 2, 1),
    ingestPeakRssMb: round(peakRss / 1024 ** 2),
    ingestRowsPerSec: round(ingestRowsPerSec),
    loadDataRowsPerSec: round(loadDataRowsPerSec),
    ingestVsLoadDataRatio: round(ingestRowsPerSec / loadDataRowsPerSec, 3),
  };
}

/** An organisation, a CN-SP, a contract between them and `count` active services: the estate a feed speaks about. */
export async function createInventory(dataSource: DataSource, count: number) {
  const manager = dataSource.manager;
  const organisation = await manager.save(
    manager.create(Organisation, { odsCode: 'RBENCH', name: 'Benchmark Trust', type: OrganisationType.TRUST }),
  );
  const supplier = await manager.save(
    manager.create(Supplier, {
      name: 'Bench Networks',
      kind: SupplierKind.CN_SP,
      cnspId: 'BENCH001',
      complianceStatus: ComplianceStatus.COMPLIANT,
      complianceDate: null,
      notes: null,
    }),
  );
  const contract = await manager.save(
    manager.create(Contract, {
      organisationId: organisation.id,
      supplierId: supplier.id,
      reference: 'BENCH-1',
      title: 'Benchmark',
      procurementRoute: ProcurementRoute.DIRECT_AWARD,
      procurementVehicle: null,
      status: ContractStatus.ACTIVE,
      startDate: '2025-01-01',
      endDate: '2029-12-31',
      initialTermMonths: 60,
      renewalTermMonths: null,
      noticePeriodDays: 90,
      noticeDate: '2029-10-02',
      serviceWrap: ServiceWrap.MINIMUM,
      serviceHours: ServiceHours.TWENTY_FOUR_SEVEN,
      serviceHoursCalendar: null,
      currency: 'GBP',
      totalContractValue: null,
    }),
  );
  const site = await manager.save(
    manager.create(Site, {
      organisationId: organisation.id,
      odsCode: 'RBENCH01',
      name: 'Bench site',
      addressLine1: '1 Bench Road',
      addressLine2: null,
      town: 'Leeds',
      postcode: 'LS1 4AP',
    }),
  );
  const references = Array.from({ length: count }, (_, i) => `BENCH-${String(i).padStart(6, '0')}`);
  for (let i = 0; i < references.length; i += 500) {
    await manager.insert(
      NetworkService,
      references.slice(i, i + 500).map((reference) => ({
        organisationId: organisation.id,
        contractId: contract.id,
        supplierId: supplier.id,
        siteId: site.id,
        reference,
        type: ServiceType.ACCESS_CIRCUIT,
        bandwidthMbps: 100,
        resilience: Resilience.RESILIENT,
        qosProfile: null,
        status: ServiceStatus.ACTIVE,
        installDate: '2025-01-01',
        ceaseDate: null,
        monthlyCharge: 10000n,
        oneOffCharge: 0n,
        createdAt: new Date(),
        updatedAt: new Date(),
      })),
    );
  }
  return { organisationId: organisation.id, supplierId: supplier.id, references };
}

/** Five-minute samples for each service, ending at the last whole hour (inside the retention window). */
async function writeSamples(file: string, references: string[], perService: number, total: number): Promise<number> {
  const out = createWriteStream(file);
  const end = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  const start = end - perService * 300_000;
  let written = 0;
  const write = (line: string) =>
    out.write(line) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
  await write(`${HEADER}\n`);
  for (const [r, reference] of references.entries()) {
    let chunk = '';
    for (let i = 0; i < perService && written < total; i += 1, written += 1) {
      const t = start + i * 300_000;
      const up = (i + r) % 997 === 0 ? 120 : 300;
      chunk +=
        `${reference},${new Date(t).toISOString()},5m,${up},${(8 + (i % 7) * 0.5).toFixed(1)},0.6,0.01,${20 + ((i * 7 + r) % 60)},` +
        `${15 + ((i * 3 + r) % 50)}\n`;
      if (chunk.length > 1 << 16) {
        await write(chunk);
        chunk = '';
      }
    }
    await write(chunk);
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return written;
}

/** LOAD DATA LOCAL INFILE of the same file into a plain table with the same columns. */
async function loadData(dataSource: DataSource, file: string): Promise<number> {
  const { createConnection } = await import('mysql2/promise');
  const options = (dataSource.options as { url: string }).url;
  const connection = await createConnection({ uri: options, infileStreamFactory: () => createReadStream(file) } as never);
  try {
    await connection.query('DROP TABLE IF EXISTS bench_load_data');
    await connection.query(`CREATE TABLE bench_load_data (
      service_reference varchar(64) NOT NULL, interval_start varchar(30) NOT NULL, \`interval\` varchar(10) NOT NULL,
      availability_seconds int NULL, latency_ms decimal(10,3) NULL, jitter_ms decimal(10,3) NULL, packet_loss_pct decimal(9,4) NULL,
      utilisation_in_pct decimal(7,2) NULL, utilisation_out_pct decimal(7,2) NULL,
      PRIMARY KEY (service_reference, interval_start, \`interval\`)) ENGINE=InnoDB`);
    const started = process.hrtime.bigint();
    await connection.query({
      sql: `LOAD DATA LOCAL INFILE 'bench.csv' INTO TABLE bench_load_data FIELDS TERMINATED BY ',' LINES TERMINATED BY '\\n' IGNORE 1 LINES`,
      infileStreamFactory: () => createReadStream(file),
    } as never);
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    await connection.query('DROP TABLE IF EXISTS bench_load_data');
    await connection.end();
  }
}
