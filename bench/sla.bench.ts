import type { DataSource } from 'typeorm';
import type { AppConfig } from '../src/config/config';
import { Contract, ContractStatus, ProcurementRoute, ServiceHours, ServiceWrap } from '../src/contracts/contract.entity';
import { createServices } from '../src/services';
import { Organisation, OrganisationType } from '../src/organisations/organisation.entity';
import { rebuildAllRollups } from '../src/performance/rollups-writes';
import { NetworkService, Resilience, ServiceStatus, ServiceType } from '../src/services/network-service.entity';
import { Site } from '../src/sites/site.entity';
import { ComplianceStatus, Supplier, SupplierKind } from '../src/suppliers/supplier.entity';
import { benchContext, round } from './support';

/** June 2026: British Summer Time throughout, so a sample's UK day is its UTC time plus an hour. */
const PERIOD = '2026-06';
const MONTH_START = '2026-05-31 23:00:00';
const HOURS = 30 * 24;
const SERVICES_PER_CONTRACT = 1_000;

/**
 * The monthly SLA report for every contract of an organisation with `services` services,
 * measured with a month of hourly samples and again with five-minute samples: reports read
 * rollups, so the raw density must not change their cost.
 */
export async function slaBenchmark(dataSource: DataSource, config: AppConfig, services: number) {
  const { organisationId, contractIds } = await createOrganisation(dataSource, services);
  const ctx = benchContext(dataSource, config, organisationId);
  const reports = createServices(config).slaReports;
  // every contract's report, five times after a warm-up pass: the median pass (one pass of a
  // small organisation takes a few milliseconds, and a single one was at the machine's mercy)
  const timeReports = async () => {
    for (const id of contractIds) await reports.report(ctx, id, PERIOD);
    const passes: number[] = [];
    let terms = 0;
    for (let pass = 0; pass < 5; pass += 1) {
      const started = process.hrtime.bigint();
      terms = 0;
      for (const id of contractIds) terms += (await reports.report(ctx, id, PERIOD)).terms.length;
      passes.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    return { ms: passes.sort((a, b) => a - b)[2]!, terms };
  };

  await loadSamples(dataSource, organisationId, 3_600);
  const hourly = await timeReports();
  await loadSamples(dataSource, organisationId, 300);
  const fiveMinute = await timeReports();
  if (hourly.terms !== fiveMinute.terms) throw new Error('the two densities gave different reports');
  return {
    slaServices: services,
    slaReportTerms: hourly.terms,
    slaReportHourlyMs: round(hourly.ms),
    slaReport5MinuteMs: round(fiveMinute.ms),
    [`slaReport${services >= 10_000 ? '10k' : `${services}`}ServicesMs`]: round(Math.max(hourly.ms, fiveMinute.ms)),
    slaDensityRatio: round(fiveMinute.ms / hourly.ms, 3),
  };
}

/** An organisation with `count` active services at £500 a month, in contracts of `perContract`. */
export async function createOrganisation(
  dataSource: DataSource,
  count: number,
  options: { odsCode: string; prefix: string; perContract: number } = {
    odsCode: 'RSLA',
    prefix: 'SLA',
    perContract: SERVICES_PER_CONTRACT,
  },
) {
  const { odsCode, prefix, perContract } = options;
  const manager = dataSource.manager;
  const organisation = await manager.save(
    manager.create(Organisation, { odsCode, name: `${prefix} Benchmark Trust`, type: OrganisationType.TRUST }),
  );
  const supplier = await manager.save(
    manager.create(Supplier, {
      name: `${prefix} Bench Networks`,
      kind: SupplierKind.CN_SP,
      cnspId: `${prefix}BENCH`.slice(0, 8).padEnd(8, 'X'),
      complianceStatus: ComplianceStatus.COMPLIANT,
      complianceDate: null,
      notes: null,
    }),
  );
  const site = await manager.save(
    manager.create(Site, {
      organisationId: organisation.id,
      odsCode: `${odsCode}01`,
      name: 'Bench site',
      addressLine1: '1 Bench Road',
      addressLine2: null,
      town: 'Leeds',
      postcode: 'LS1 4AP',
    }),
  );
  const contractIds: number[] = [];
  for (let c = 0; c * perContract < count; c += 1) {
    const contract = await manager.save(
      manager.create(Contract, {
        organisationId: organisation.id,
        supplierId: supplier.id,
        reference: `${prefix}-BENCH-${c}`,
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
    contractIds.push(contract.id);
    const size = Math.min(perContract, count - c * perContract);
    for (let i = 0; i < size; i += 500) {
      await manager.insert(
        NetworkService,
        Array.from({ length: Math.min(500, size - i) }, (_, k) => ({
          organisationId: organisation.id,
          contractId: contract.id,
          supplierId: supplier.id,
          siteId: site.id,
          reference: `${prefix}-${c}-${i + k}`,
          type: ServiceType.ACCESS_CIRCUIT,
          bandwidthMbps: 100,
          resilience: (i + k) % 3 ? Resilience.RESILIENT : Resilience.NON_RESILIENT,
          qosProfile: null,
          status: ServiceStatus.ACTIVE,
          installDate: '2025-01-01',
          ceaseDate: null,
          monthlyCharge: 50_000n,
          oneOffCharge: 0n,
          createdAt: new Date(),
          updatedAt: new Date(),
        })),
      );
    }
  }
  return { organisationId: organisation.id, supplierId: supplier.id, contractIds };
}

/** Replaces the organisation's samples with a month at one density, generated in SQL, and rebuilds the rollups. */
async function loadSamples(dataSource: DataSource, organisationId: number, intervalSeconds: number): Promise<void> {
  const perService = (HOURS * 3_600) / intervalSeconds;
  await dataSource.query('DELETE FROM performance_sample WHERE organisationId = ?', [organisationId]);
  await dataSource.query('DROP TABLE IF EXISTS bench_numbers');
  await dataSource.query('CREATE TABLE bench_numbers (n INT PRIMARY KEY)');
  for (let i = 0; i < perService; i += 1_000) {
    const values = Array.from({ length: Math.min(1_000, perService - i) }, (_, k) => `(${i + k})`).join(',');
    await dataSource.query(`INSERT INTO bench_numbers (n) VALUES ${values}`);
  }
  const ids: { id: number }[] = await dataSource.query('SELECT id FROM service WHERE organisationId = ? ORDER BY id', [organisationId]);
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200).map((row) => row.id);
    await dataSource.query(
      `INSERT INTO performance_sample (serviceId, intervalStart, intervalSeconds, qosClass, organisationId, hourStart, day, upSeconds, ` +
        `latencyUs, jitterUs, packetLossPpm, utilisationInBp, utilisationOutBp, feedRunId)
       SELECT s.id, DATE_ADD(?, INTERVAL n.n * ? SECOND), ?, '', s.organisationId,
              DATE_ADD(?, INTERVAL FLOOR(n.n * ? / 3600) * 3600 SECOND),
              DATE(DATE_ADD(?, INTERVAL n.n * ? + 3600 SECOND)),
              CASE WHEN (s.id * 7 + FLOOR(n.n * ? / 3600)) % 1499 = 0 THEN 0 ELSE ? END,
              8000 + (n.n % 50) * 10, 600, 100, 2000 + (s.id * 13 + n.n) % 6000, 1500 + (s.id * 5 + n.n) % 4000, 0
       FROM service s JOIN bench_numbers n WHERE s.id IN (${chunk.map(() => '?').join(',')})`,
      [
        MONTH_START,
        intervalSeconds,
        intervalSeconds,
        MONTH_START,
        intervalSeconds,
        MONTH_START,
        intervalSeconds,
        intervalSeconds,
        intervalSeconds,
        ...chunk,
      ],
    );
  }
  await dataSource.query('DROP TABLE bench_numbers');
  await rebuildAllRollups(dataSource.manager);
}
