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
  const rows = [
    'service_reference,interval_start,interval,availability_seconds,latency_ms,jitter_ms,packet_loss_pct,utilisation_in_pct,utilisation_out_pct',
  ];
  references.forEach((reference, r) => {
    for (let h = hours - 1; h >= 0; h -= 1) {
      const start = new Date(top - h * 3_600_000);
      // a deterministic pattern: one service has a half-hour outage now and then
      const up = r === 0 && start.getUTCHours() === 3 ? 1800 : 3600;
      rows.push(
        `${reference},${start.toISOString()},1h,${up},${(8 + r).toFixed(1)},0.8,0.01,${30 + ((h + r) % 40)},${20 + ((h * 3 + r) % 30)}`,
      );
    }
  });
  return `${rows.join('\n')}\n`;
}

function incidentCsv(references: string[], now: Date): string {
  const opened = new Date(Math.floor(now.getTime() / 86_400_000) * 86_400_000 - 86_400_000 + 9 * 3_600_000);
  const at = (minutes: number) => new Date(opened.getTime() + minutes * 60_000).toISOString();
  return [
    'ticket_reference,service_reference,severity,status,summary,opened_at,acknowledged_at,resolved_at,status_history',
    `SIM-${opened.toISOString().slice(0, 10)}-1,${references[0]},2,Resolved,Packet loss on the primary ` +
      `circuit,${at(0)},${at(12)},${at(185)},${at(12)} IN_PROGRESS | ${at(60)} PENDING (awaiting site access) | ${at(95)} IN_PROGRESS ` +
      `| ${at(185)} RESOLVED`,
  ].join('\n');
}

function inventoryCsv(references: string[]): string {
  return ['service_reference,status', ...references.map((reference) => `${reference},In Service`), 'SIM-PHANTOM-0001,Live'].join('\n');
}

export const USAGE = `Usage: npm run sim:cnsp -- [--port N] [--token T] [--references A,B,…] [--hours N]
  A simulated CN-SP feed endpoint on 127.0.0.1, serving /feeds/performance.csv, /feeds/incidents.csv
  and /feeds/inventory.csv (CSV templates, with ETags) for trying scheduled pulls.
  --port N              port to listen on (default 4010, which a development server may pull from
                        without FEED_PULL_ALLOWED_HOSTS; another port must be listed there)
  --token T             require "Authorization: Bearer T"; give configureFeedEndpoint
                        credential: "Bearer T" (default: no token required)
  --references A,B,…    the service references the documents cover (default
                        PDN-ETH-100037,PDN-ETH-100074, two of the demo's Pennine services at RX1)
  --hours N             hours of hourly performance samples, up to the last whole hour (default 24)
  --help, -h            this text`;

/** The simulator's options from the command line, or a UsageError naming what is wrong. */
export function parseSimulatorArgs(args: string[]): SimulatedCnspOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        port: { type: 'string', default: '4010' },
        token: { type: 'string' },
        references: { type: 'string', default: 'PDN-ETH-100037,PDN-ETH-100074' },
        hours: { type: 'string', default: '24' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    // parseArgs's own message ("Unknown option '--x'…") names the option; the usage says what there is
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port ${values.port}: not a port (0 to 65535)`);
  const hours = Number(values.hours);
  if (!Number.isInteger(hours) || hours < 1 || hours > 24 * 35)
    throw new UsageError(`--hours ${values.hours}: a whole number of hours from 1 to 840 (35 days, the window samples are kept for)`);
  const references = values
    .references!.split(',')
    .map((reference) => reference.trim())
    .filter(Boolean);
  if (!references.length) throw new UsageError('--references: give at least one service reference');
  return { port, token: values.token, references, hours };
}

export class UsageError extends Error {}

if (require.main === module) {
  let options: SimulatedCnspOptions | 'help';
  try {
    options = parseSimulatorArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(1);
  }
  if (options === 'help') {
    console.log(USAGE);
  } else {
    const { token } = options;
    startSimulatedCnsp(options).then((cnsp) => {
      console.log(
        `Simulated CN-SP ` +
          `serving ${cnsp.url}/feeds/{performance,incidents,inventory}.csv${token ? ` (give configureFeedEndpoint credential: "Bearer ${token}")` : ''}`,
      );
      const host = new URL(cnsp.url).host;
      console.log(
        host === '127.0.0.1:4010'
          ? 'A development server (npm start) may pull from it as it is; another needs 127.0.0.1:4010 in FEED_PULL_ALLOWED_HOSTS.'
          : `Start the server with FEED_PULL_ALLOWED_HOSTS=${host} to pull from it.`,
      );
    });
  }
}
