import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { parseArgs } from 'node:util';

/**
 * A stand-in for a CN-SP's feed endpoint, for tests and demos of scheduled pulls. It serves
 * a performance CSV (the last `hours` hours of hourly samples for the given references),
 * an incident CSV and an inventory CSV, behind a bearer token, with ETags so that an
 * unchanged document answers 304. Loopback only.
 */
export interface SimulatedCnspOptions {
  port?: number;
  token?: string;
  references: string[];
  hours?: number;
  now?: () => Date;
}

export interface SimulatedCnsp {
  url: string;
  /** requests served, by path, for assertions */
  hits: Map<string, number>;
  /** replaces a document's body (e.g. to simulate a supplier correcting its data) */
  override(path: string, body: string): void;
  stop(): Promise<void>;
}

export async function startSimulatedCnsp(options: SimulatedCnspOptions): Promise<SimulatedCnsp> {
  const hits = new Map<string, number>();
  const overrides = new Map<string, string>();
  const now = options.now ?? (() => new Date());
  const documents: Record<string, () => string> = {
    '/feeds/performance.csv': () => performanceCsv(options.references, options.hours ?? 24, now()),
    '/feeds/incidents.csv': () => incidentCsv(options.references, now()),
    '/feeds/inventory.csv': () => inventoryCsv(options.references),
  };

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (options.token && req.headers.authorization !== `Bearer ${options.token}`) {
      res.writeHead(401, { 'content-type': 'text/plain' }).end('unauthorised');
      return;
    }
    const body = overrides.get(path) ?? documents[path]?.();
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no such feed');
      return;
    }
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/csv', etag }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    override: (path, body) => overrides.set(path, body),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function performanceCsv(references: string[], hours: number, now: Date): string {
  const top = Math.floor(now.getTime() / 3_600_000) * 3_600_000 - 3_600_000;
  const rows = ['service_reference,interval_start,interval,availability_seconds,latency_ms,jitter_ms,packet_loss_pct,utilisation_in_pct,utilisation_out_pct'];
  references.forEach((reference, r) => {
    for (let h = hours - 1; h >= 0; h -= 1) {
      const start = new Date(top - h * 3_600_000);
      // a deterministic pattern: one service has a half-hour outage now and then
      const up = r === 0 && start.getUTCHours() === 3 ? 1800 : 3600;
      rows.push(`${reference},${start.toISOString()},1h,${up},${(8 + r).toFixed(1)},0.8,0.01,${30 + ((h + r) % 40)},${20 + ((h * 3 + r) % 30)}`);
    }
  });
  return `${rows.join('\n')}\n`;
}

function incidentCsv(references: string[], now: Date): string {
  const opened = new Date(Math.floor(now.getTime() / 86_400_000) * 86_400_000 - 86_400_000 + 9 * 3_600_000);
  const at = (minutes: number) => new Date(opened.getTime() + minutes * 60_000).toISOString();
  return [
    'ticket_reference,service_reference,severity,status,summary,opened_at,acknowledged_at,resolved_at,status_history',
    `SIM-${opened.toISOString().slice(0, 10)}-1,${references[0]},2,Resolved,Packet loss on the primary circuit,${at(0)},${at(12)},${at(185)},${at(12)} IN_PROGRESS | ${at(60)} PENDING (awaiting site access) | ${at(95)} IN_PROGRESS | ${at(185)} RESOLVED`,
  ].join('\n');
}

function inventoryCsv(references: string[]): string {
  return ['service_reference,status', ...references.map((reference) => `${reference},In Service`), 'SIM-PHANTOM-0001,Live'].join('\n');
}

if (require.main === module) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '4010' }, token: { type: 'string' }, references: { type: 'string', default: 'PDN-ETH-100037,PDN-ETH-100074' } } });
  startSimulatedCnsp({ port: Number(values.port), token: values.token, references: values.references!.split(',') }).then((cnsp) => {
    console.log(`Simulated CN-SP serving ${cnsp.url}/feeds/{performance,incidents,inventory}.csv${values.token ? ` (give configureFeedEndpoint credential: "Bearer ${values.token}")` : ''}`);
    console.log(`Start the server with FEED_PULL_ALLOWED_HOSTS=${new URL(cnsp.url).host} to pull from it.`);
  });
}
