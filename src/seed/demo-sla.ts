import { Readable } from 'node:stream';
import { DateTime } from 'luxon';
import { UK_ZONE } from '../common/calendar';
import pino from 'pino';
import { In, type DataSource } from 'typeorm';
import { systemViewer } from '../organisations/system-viewer';
import type { AppConfig } from '../config/config';
import { Contract } from '../contracts/contract.entity';
import { FeedSource } from '../feed-records/feed-run.entity';
import { FeedFormat, FeedKind } from '../feed-records/records';
import { RequestContext } from '../request/context';
import { createServices } from '../services';
import { NetworkService, ServiceStatus } from '../services/network-service.entity';
import { DEMO_CONTRACT_DUE_FOR_NOTICE } from './demo-data';

export interface DemoSlaSummary {
  period: string;
  samples: number;
  incidents: number;
}

/**
 * Last month's performance and incidents for the demo contract, sent through the real feed
 * pipeline, so that its SLA report shows every status: most services meet 99.5 %, one has
 * a six-hour outage (breached, with a credit), one sent data for half the month only
 * (insufficient data), and a Severity 1 incident was resolved late (another credit).
 * Re-running it changes nothing.
 */
export async function seedDemoSlaData(
  dataSource: DataSource,
  config: AppConfig,
  today = DateTime.now().setZone(UK_ZONE),
): Promise<DemoSlaSummary> {
  const month = today.startOf('month').minus({ months: 1 });
  const period = month.toFormat('yyyy-MM');
  const contract = await dataSource.getRepository(Contract).findOneBy({ reference: DEMO_CONTRACT_DUE_FOR_NOTICE });
  if (!contract) return { period, samples: 0, incidents: 0 };
  const services = (
    await dataSource.getRepository(NetworkService).find({
      where: { contractId: contract.id, status: In([ServiceStatus.ACTIVE, ServiceStatus.CEASE_REQUESTED]) },
      order: { reference: 'ASC' },
    })
  ).filter((service) => service.installDate !== null && service.installDate < month.toISODate()!);
  if (services.length < 3) return { period, samples: 0, incidents: 0 };

  const [outage, gappy] = services;
  const start = month.toUTC().toMillis();
  const end = month.plus({ months: 1 }).toUTC().toMillis();
  const outageStart = month.plus({ days: 11, hours: 9 }).toUTC().toMillis();
  const rows = [
    'service_reference,interval_start,interval,availability_seconds,latency_ms,jitter_ms,packet_loss_pct,utilisation_in_pct,utilisation_out_pct',
  ];
  for (const [index, service] of services.entries()) {
    const until = service === gappy ? start + (end - start) / 2 : end;
    for (let hour = start; hour < until; hour += 3_600_000) {
      const down = service === outage && hour >= outageStart && hour < outageStart + 6 * 3_600_000;
      const busy = 35 + ((hour / 3_600_000 + index * 7) % 24) * 2;
      rows.push(
        `${service.reference},${new Date(hour).toISOString()},1h,${down ? 0 : 3600},${(7 + (index % 5)).toFixed(1)},0.9,0.02,${busy},${Math.round(busy * 0.6)}`,
      );
    }
  }
  const at = (millis: number) => new Date(millis).toISOString();
  const incidents = [
    'ticket_reference,service_reference,severity,status,summary,opened_at,acknowledged_at,resolved_at,sc_notified,sc_notified_at,status_history',
    `DEMO-${period}-1,${outage.reference},1,Resolved,Total loss of service after a fibre ` +
      `cut,${at(outageStart)},${at(outageStart + 12 * 60_000)},${at(outageStart + 6 * 3_600_000)},yes,${at(outageStart + 20 * 60_000)},` +
      `${at(outageStart + 12 * 60_000)} IN_PROGRESS ` +
      `| ${at(outageStart + 6 * 3_600_000)} RESOLVED`,
    `DEMO-${period}-2,${services[2].reference},3,Closed,Intermittent packet loss on ` +
      `AF41,${at(outageStart + 3 * 86_400_000)},${at(outageStart + 3 * 86_400_000 + 45 * 60_000)},${at(outageStart + 3 * 86_400_000 + 5 * 3_600_000)},,,`,
  ];

  // last month reaches back further than the raw-sample window; the seed writes it all
  const seedConfig: AppConfig = { ...config, feeds: { ...config.feeds, retentionDays: 400 } };
  const viewer = await systemViewer(dataSource.manager, contract.organisationId, 'seed:demo');
  const ctx = new RequestContext('seed-demo-sla', viewer, dataSource.manager, seedConfig, pino({ level: 'silent' }));
  const pipeline = createServices(seedConfig).feeds;
  const send = (kind: FeedKind, document: string[], name: string) =>
    pipeline.ingest(ctx, {
      supplierId: contract.supplierId,
      kind,
      format: FeedFormat.CSV,
      source: FeedSource.CLI,
      sourceName: name,
      input: Readable.from([document.join('\n')]),
    });
  const performance = await send(FeedKind.PERFORMANCE, rows, `demo-performance-${period}.csv`);
  const tickets = await send(FeedKind.INCIDENT, incidents, `demo-incidents-${period}.csv`);
  return { period, samples: performance.rowsAccepted + performance.rowsUnchanged, incidents: tickets.rowsAccepted + tickets.rowsUnchanged };
}
