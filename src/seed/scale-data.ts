import { Readable } from 'node:stream';
import { DateTime } from 'luxon';
import { UK_ZONE } from '../common/calendar';
import pino from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { systemViewer } from '../organisations/system-viewer';
import type { AppConfig } from '../config/config';
import { Contract, ContractStatus, ProcurementRoute, ServiceHours, ServiceWrap } from '../contracts/contract.entity';
import { FeedSource } from '../feed-records/feed-run.entity';
import { FeedFormat, FeedKind } from '../feed-records/records';
import { RequestContext } from '../request/context';
import { createServices } from '../services';
import { Organisation } from '../organisations/organisation.entity';
import { NetworkService, Resilience, ServiceStatus, ServiceType } from '../services/network-service.entity';
import { Site } from '../sites/site.entity';
import { Supplier } from '../suppliers/supplier.entity';

export interface ScaleSeedOptions {
  readonly sites: number;
  readonly services: number;
  /** services per contract; the services are spread over as many contracts as this needs */
  readonly servicesPerContract?: number;
  /** the organisation that holds it all (ODS code) */
  readonly organisation?: string;
  /** the CN-SP that supplies it (CN-SP ID) */
  readonly supplier?: string;
  /** contract references start with this; a second batch with another prefix can sit beside the first */
  readonly prefix?: string;
  /** last month's invoice per contract, through the feed pipeline */
  readonly invoices?: boolean;
  /** this month's daily performance rollups so far, so SLA reports have data to read */
  readonly performance?: boolean;
}

export interface ScaleSeedSummary {
  readonly organisation: string;
  readonly sites: number;
  readonly contracts: number;
  readonly services: number;
  readonly invoices: number;
  readonly dailyRollups: number;
  readonly contractIds: readonly number[];
  readonly alreadySeeded: boolean;
}

const CHUNK = 500;

/**
 * A scaled-up estate beside the demo data, for load tests and benchmarks: `sites` sites and
 * `services` services at one organisation, in contracts of `servicesPerContract`, written
 * with multi-row inserts; then last month's invoices through the real feed pipeline and
 * this month's daily performance rollups generated in SQL. Seeding the same prefix again
 * changes nothing.
 */
export async function seedScaleData(dataSource: DataSource, config: AppConfig, options: ScaleSeedOptions): Promise<ScaleSeedSummary> {
  const prefix = options.prefix ?? 'SCALE';
  if (!/^[A-Z0-9]{1,12}$/.test(prefix)) throw new Error('prefix must be 1-12 capital letters or digits');
  if (!Number.isInteger(options.sites) || options.sites < 1) throw new Error('sites must be a whole number of at least 1');
  if (!Number.isInteger(options.services) || options.services < 1) throw new Error('services must be a whole number of at least 1');
  const perContract = options.servicesPerContract ?? 100;
  const manager = dataSource.manager;
  const organisation = await manager.findOneByOrFail(Organisation, { odsCode: options.organisation ?? 'RX1' });
  const supplier = await manager.findOneByOrFail(Supplier, { cnspId: options.supplier ?? 'PDN00001' });

  const existing = await manager
    .createQueryBuilder(Contract, 'c')
    .where('c.organisationId = :org AND c.reference LIKE :prefix', { org: organisation.id, prefix: `${prefix}-%` })
    .orderBy('c.id')
    .getMany();
  if (existing.length > 0) {
    const services = await manager
      .createQueryBuilder(NetworkService, 's')
      .where('s.contractId IN (:...ids)', { ids: existing.map((c) => c.id) })
      .getCount();
    return {
      organisation: organisation.odsCode,
      sites: 0,
      contracts: existing.length,
      services,
      invoices: 0,
      dailyRollups: 0,
      contractIds: existing.map((c) => c.id),
      alreadySeeded: true,
    };
  }

  const today = DateTime.now().setZone(UK_ZONE).startOf('day');
  const startDate = today.minus({ years: 2 }).startOf('month');
  const endDate = startDate.plus({ years: 5 }).minus({ days: 1 });
  const now = new Date();

  const siteIds = await insertSites(manager, organisation.id, prefix, options.sites, now);

  const contractCount = Math.ceil(options.services / perContract);
  const contracts = Array.from({ length: contractCount }, (_, c) => ({
    organisationId: organisation.id,
    supplierId: supplier.id,
    reference: `${prefix}-${String(c + 1).padStart(5, '0')}`,
    title: `HSCN connectivity, lot ${c + 1}`,
    procurementRoute: ProcurementRoute.FRAMEWORK_CALL_OFF,
    procurementVehicle: null,
    status: ContractStatus.ACTIVE,
    startDate: startDate.toISODate()!,
    endDate: endDate.toISODate()!,
    initialTermMonths: 60,
    renewalTermMonths: 12,
    noticePeriodDays: 90,
    noticeDate: endDate.minus({ days: 90 }).toISODate()!,
    serviceWrap: ServiceWrap.ENHANCED,
    serviceHours: ServiceHours.TWENTY_FOUR_SEVEN,
    serviceHoursCalendar: null,
    currency: 'GBP',
    totalContractValue: null,
    disputeWindowDays: 90,
    createdAt: now,
    updatedAt: now,
  }));
  const contractIds: number[] = [];
  for (let i = 0; i < contracts.length; i += CHUNK) {
    const result = await manager.insert(Contract, contracts.slice(i, i + CHUNK));
    contractIds.push(...result.identifiers.map((identifier) => identifier.id as number));
  }

  const services: { reference: string; contract: number; charge: bigint }[] = [];
  for (let i = 0; i < options.services; i += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, options.services - i) }, (_, k) => {
      const n = i + k;
      const contract = Math.floor(n / perContract);
      const charge = BigInt(25_000 + (n % 40) * 1_250);
      services.push({ reference: `${prefix}-${contract + 1}-${n + 1}`, contract, charge });
      return {
        organisationId: organisation.id,
        contractId: contractIds[contract]!,
        supplierId: supplier.id,
        siteId: siteIds[n % siteIds.length]!,
        reference: `${prefix}-${contract + 1}-${n + 1}`,
        type: n % 10 === 0 ? ServiceType.INTERNET_BREAKOUT : ServiceType.ACCESS_CIRCUIT,
        bandwidthMbps: [100, 200, 500, 1000][n % 4]!,
        resilience: n % 3 ? Resilience.RESILIENT : Resilience.NON_RESILIENT,
        qosProfile: null,
        status: ServiceStatus.ACTIVE,
        installDate: startDate.toISODate()!,
        ceaseDate: null,
        monthlyCharge: charge,
        oneOffCharge: 0n,
        createdAt: now,
        updatedAt: now,
      };
    });
    await manager.insert(NetworkService, rows);
  }

  let invoices = 0;
  if (options.invoices !== false) {
    const month = today.startOf('month').minus({ months: 1 });
    const periodStart = month.toISODate()!;
    const periodEnd = month.endOf('month').toISODate()!;
    const invoiceDate = today.startOf('month').toISODate()!;
    const header =
      'invoice_number,invoice_date,period_start,period_end,service_reference,charge_type,quantity,unit_price,net_amount,vat_rate,vat_amount,' +
      'invoice_net_total,invoice_vat_total,invoice_gross_total';
    // a large estate's invoices go in several documents, each within FEED_MAX_INVOICE_BYTES
    const documents: string[][] = [[header]];
    let bytes = header.length;
    for (let c = 0; c < contractIds.length; c += 1) {
      const own = services.filter((service) => service.contract === c);
      const net = own.reduce((sum, service) => sum + service.charge, 0n);
      const vat = own.reduce((sum, service) => sum + service.charge / 5n, 0n);
      const lines = own.map((service) =>
        [
          `${prefix}-INV-${month.toFormat('yyyyMM')}-${c + 1}`,
          invoiceDate,
          periodStart,
          periodEnd,
          service.reference,
          'RECURRING',
          '1',
          pounds(service.charge),
          pounds(service.charge),
          '20',
          pounds(service.charge / 5n),
          pounds(net),
          pounds(vat),
          pounds(net + vat),
        ].join(','),
      );
      const size = lines.reduce((sum, line) => sum + line.length + 1, 0);
      if (bytes + size > config.feeds.maxInvoiceBytes && documents.at(-1)!.length > 1) {
        documents.push([header]);
        bytes = header.length;
      }
      documents.at(-1)!.push(...lines);
      bytes += size;
    }
    const viewer = await systemViewer(manager, organisation.id, 'seed:scale');
    const ctx = new RequestContext('seed-scale', viewer, manager, config, pino({ level: 'silent' }));
    for (const [index, rows] of documents.entries()) {
      const run = await createServices(config).feeds.ingest(ctx, {
        supplierId: supplier.id,
        kind: FeedKind.INVOICE,
        format: FeedFormat.CSV,
        source: FeedSource.CLI,
        sourceName: `${prefix.toLowerCase()}-invoices-${month.toFormat('yyyy-MM')}${documents.length > 1 ? `-${index + 1}` : ''}.csv`,
        input: Readable.from([rows.join('\n')]),
      });
      if (run.rowsRejected > 0 || run.status === 'FAILED')
        throw new Error(`scale invoices: ${run.rowsRejected} rows rejected ${run.failureReason ?? ''}`);
      invoices += run.rowsAccepted;
    }
  }

  let dailyRollups = 0;
  if (options.performance !== false) dailyRollups = await insertDailyRollups(manager, contractIds, today);

  return {
    organisation: organisation.odsCode,
    sites: siteIds.length,
    contracts: contractIds.length,
    services: options.services,
    invoices,
    dailyRollups,
    contractIds,
    alreadySeeded: false,
  };
}

async function insertSites(manager: EntityManager, organisationId: number, prefix: string, count: number, now: Date): Promise<number[]> {
  const towns = ['Leeds', 'Bradford', 'Wakefield', 'Halifax', 'Huddersfield', 'Harrogate', 'York', 'Skipton'];
  const ids: number[] = [];
  for (let i = 0; i < count; i += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, count - i) }, (_, k) => {
      const n = i + k + 1;
      return {
        organisationId,
        odsCode: `${prefix.slice(0, 3)}${String(n).padStart(6, '0')}`.slice(0, 10),
        name: `${towns[n % towns.length]} clinic ${n}`,
        addressLine1: `${n} Infirmary Street`,
        addressLine2: null,
        town: towns[n % towns.length]!,
        postcode: `LS${(n % 28) + 1} ${n % 10}AB`,
        createdAt: now,
        updatedAt: now,
      };
    });
    const result = await manager.insert(Site, rows);
    ids.push(...result.identifiers.map((identifier) => identifier.id as number));
  }
  return ids;
}

/**
 * One daily rollup per service per day of this month so far (UK days before today), written
 * by INSERT … SELECT: nearly always up, with a day of lost hours now and then.
 */
async function insertDailyRollups(manager: EntityManager, contractIds: readonly number[], today: DateTime): Promise<number> {
  const days: string[] = [];
  for (let day = today.startOf('month'); day < today; day = day.plus({ days: 1 })) days.push(day.toISODate()!);
  if (days.length === 0) return 0;
  const dayTable = days.map((day, index) => `SELECT '${day}' AS day, ${index} AS n`).join(' UNION ALL ');
  for (let i = 0; i < contractIds.length; i += 50) {
    const chunk = contractIds.slice(i, i + 50);
    await manager.query(
      `INSERT INTO performance_daily (serviceId, day, qosClass, organisationId, sampleCount, coveredSeconds, upSeconds,
         latencyCount, latencySumUs, latencyMaxUs, jitterCount, jitterSumUs, jitterMaxUs, packetLossCount, packetLossSumPpm, packetLossMaxPpm,
         utilisationInCount, utilisationInSumBp, utilisationInMaxBp, utilisationOutCount, utilisationOutSumBp, utilisationOutMaxBp, ` +
        `utilisationInP95Bp, utilisationOutP95Bp)
       SELECT s.id, d.day, '', s.organisationId, 24, 86400, CASE WHEN (s.id + d.n) % 97 = 0 THEN 79200 ELSE 86400 END,
         24, 24 * (8000 + (s.id % 50) * 100), 12000, 24, 14400, 900, 24, 2400, 300,
         24, 24 * (2000 + (s.id * 13 + d.n) % 5000), 8000, 24, 24 * 1500, 6000, 7000, 5000
       FROM service s CROSS JOIN (${dayTable}) d
       WHERE s.contractId IN (${chunk.map(() => '?').join(',')})`,
      chunk,
    );
  }
  return manager
    .createQueryBuilder()
    .from('performance_daily', 'd')
    .innerJoin('service', 's', 's.id = d.serviceId')
    .where('s.contractId IN (:...ids)', { ids: contractIds })
    .getCount();
}

const pounds = (pence: bigint) => `${pence / 100n}.${String(pence % 100n).padStart(2, '0')}`;
