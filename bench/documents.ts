import 'reflect-metadata';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { Role } from '../src/auth/roles';
import { DEFAULT_MAX_HEAP_MB } from '../src/config/config';
import { createServices } from '../src/services';
import { createInventory } from './ingest.bench';
import { spawnServer, type SpawnedServer } from './scenario';
import { benchContext, freshBenchDatabase, round } from './support';

const USAGE =
  `Usage: npm run bench:documents [-- --quick] [--heap MB] [--only TEXT]
  Posts the hostile documents of issue #16 (a 100 MB [[],[],…], a 200 MB single-line CSV, 100,000
  nested brackets, a 100 MB string value, and 100 items just under FEED_MAX_ITEM_BYTES) and the
  largest legitimate documents the limits let through (a performance feed of FEED_MAX_ROWS rows as
  CSV, and a quarter as many TMF628 measurements; an invoice document of FEED_MAX_INVOICE_BYTES as
  CSV and as TMF678 with separately listed rates), each to a fresh server: src/main.ts compiled,
  production mode, a process of its own as \`npm start\` runs it, on MySQL/MariaDB
  (DOCUMENTS_DATABASE_URL, default mysql://root@127.0.0.1:3306/hscn_documents; dropped and created
  again). Reads each server's peak resident set (VmHWM in /proc/<pid>/status) after its answer.
  --quick: the legitimate documents at a tenth of their size. --heap MB: the servers' V8 old space
  (MAX_HEAP_MB; default 256, as npm start runs it). --only TEXT: the documents whose name holds TEXT. Writes ` +
  `bench/results/documents[-quick][-heap-MB].json; exits 1 when a
  document is answered otherwise than expected or any one's peak reaches 300 MB.`;

const DATABASE_URL = process.env.DOCUMENTS_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/hscn_documents';
const RSS_CEILING_MB = 300;
const MB = 1024 * 1024;

interface Case {
  name: string;
  /** from the issue, or built to weigh as much as the limits allow; its peak is held to the ceiling */
  hostile: boolean;
  path: string;
  contentType: string;
  /** the document, generated as it is sent */
  pieces: () => Generator<Buffer>;
  expect: number;
}

/** `count` copies of `piece`, in slices of about 64 KB. */
function* repeated(piece: string, count: number): Generator<Buffer> {
  const perSlice = Math.max(1, Math.floor(65_536 / piece.length));
  for (let sent = 0; sent < count; sent += perSlice) yield Buffer.from(piece.repeat(Math.min(perSlice, count - sent)));
}

function* concat(...parts: (string | Iterable<Buffer>)[]): Generator<Buffer> {
  for (const part of parts) {
    if (typeof part === 'string') yield Buffer.from(part);
    else yield* part;
  }
}

/** Lines in slices of about 64 KB. */
function* sliced(lines: Iterable<string>): Generator<Buffer> {
  let slice = '';
  for (const line of lines) {
    slice += line;
    if (slice.length >= 65_536) {
      yield Buffer.from(slice);
      slice = '';
    }
  }
  if (slice) yield Buffer.from(slice);
}

/** Five-minute samples, `rows` of them spread over the services, ending at the last whole hour. */
function* samples(references: readonly string[], rows: number): Generator<{ reference: string; start: Date; index: number }> {
  const perService = Math.ceil(rows / references.length);
  const end = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  let index = 0;
  for (const reference of references) {
    for (let i = 0; i < perService && index < rows; i += 1, index += 1)
      yield { reference, start: new Date(end - (perService - i) * 300_000), index };
  }
}

function* performanceCsv(references: readonly string[], rows: number): Generator<string> {
  yield 'service_reference,interval_start,interval,availability_seconds,latency_ms,packet_loss_pct,utilisation_in_pct\n';
  for (const { reference, start, index } of samples(references, rows))
    yield `${reference},${start.toISOString()},5m,${index % 997 ? 300 : 120},${(8 + (index % 7) * 0.5).toFixed(1)},0.01,${20 + (index % 60)}\n`;
}

function* performanceTmf(references: readonly string[], rows: number): Generator<string> {
  yield '{"performanceMeasurement": [';
  for (const { reference, start, index } of samples(references, rows)) {
    yield (
      `${index ? ',' : ''}\n{"id": "pm-${index}", "serviceId": "${reference}", "observationTime": "${start.toISOString()}", "granularity": ` +
      `"g_5mn", "indicators": [{"name": "availability", "value": ${index % 997 ? 100 : 40}, "unit": "%"}, {"name": "roundTripDelay", ` +
      `"value": ${8 + (index % 7) * 0.5}, "unit": "ms"}, {"name": "inboundUtilisation", "value": ${20 + (index % 60)}, "unit": "%"}]}`
    );
  }
  yield ']}';
}

const LINES_PER_INVOICE = 100;

/** Invoices of 100 lines each, their totals right, until the document is about `bytes` long. */
function* invoiceCsv(references: readonly string[], bytes: number): Generator<string> {
  const header =
    'invoice_number,invoice_date,period_start,period_end,service_reference,charge_type,description,quantity,unit_price,net_amount,vat_rate,' +
    'vat_amount,invoice_net_total,invoice_vat_total,invoice_gross_total\n';
  yield header;
  let written = header.length;
  // a line is never longer than the header and a little more: whole invoices, within `bytes`
  const lineBytes = header.length + 40;
  for (let invoice = 0; written + LINES_PER_INVOICE * lineBytes < bytes; invoice += 1) {
    for (let line = 0; line < LINES_PER_INVOICE; line += 1) {
      const row =
        `BENCH-INV-${invoice},2026-11-01,2026-10-01,2026-10-31,${references[(invoice + line) % references.length]},RECURRING,HSCN access ` +
        `rental ` +
        `line ${line},1,100.00,100.00,20,20.00,${LINES_PER_INVOICE * 100}.00,${LINES_PER_INVOICE * 20}.00,${LINES_PER_INVOICE * 120}.00\n`;
      written += row.length;
      yield row;
    }
  }
}

/**
 * The most an invoice document can make the server hold: the shortest rows the template
 * takes, each its own invoice (each a map entry besides its row), up to `bytes`. Their
 * totals are off by a penny, so that all are read and held but none is written.
 */
function* shortestInvoiceRows(bytes: number): Generator<string> {
  const header =
    'invoice_number,invoice_date,period_start,period_end,charge_type,unit_price,net_amount,vat_rate,vat_amount,invoice_net_total,' +
    'invoice_vat_total,invoice_gross_total\n';
  yield header;
  let written = header.length;
  for (let invoice = 0; ; invoice += 1) {
    const row = `I${invoice},2026-11-01,2026-10-01,2026-10-31,USAGE,1,1,0,0,1,0,1.01\n`;
    if (written + row.length > bytes) return;
    written += row.length;
    yield row;
  }
}

/** `{ customerBill: [...], appliedCustomerBillingRate: [...] }`: the rates listed apart from their bills, after them. */
function* invoiceTmf(references: readonly string[], bytes: number): Generator<string> {
  const money = (value: number) => `{"unit": "GBP", "value": ${value}}`;
  const rate = (invoice: number, line: number) =>
    `{"id": "R-${invoice}-${line}", "bill": {"id": "CB-${invoice}"}, "type": "Rental", "name": "HSCN access rental line ${line}", ` +
    `"characteristic": [{"name": "serviceReference", "value": "${references[(invoice + line) % references.length]}"}], "periodCoverage": ` +
    `{"startDateTime": "2026-10-01T00:00:00Z", "endDateTime": "2026-10-31T23:59:59Z"}, "taxExcludedAmount": ${money(100)}, "appliedTax": ` +
    `[{"taxCategory": "VAT", "taxRate": 0.2, "taxAmount": ${money(20)}}]}`;
  // the longest rate and bill, with their separators, so that the document stays within `bytes`
  const perInvoice = LINES_PER_INVOICE * (rate(99_999, 99).length + 2) + 400;
  const invoices = Math.max(1, Math.floor((bytes - 100) / perInvoice));
  yield '{"customerBill": [';
  for (let invoice = 0; invoice < invoices; invoice += 1) {
    yield (
      `${invoice ? ',' : ''}{"id": "CB-${invoice}", "billNo": "BENCH-TMF-${invoice}", "billDate": "2026-11-01", "billingPeriod": ` +
      `{"startDateTime": "2026-10-01T00:00:00Z", "endDateTime": "2026-10-31T23:59:59Z"}, ` +
      `"taxExcludedAmount": ${money(LINES_PER_INVOICE * 100)}, "taxIncludedAmount": ${money(LINES_PER_INVOICE * 120)}}`
    );
  }
  yield '], "appliedCustomerBillingRate": [';
  for (let invoice = 0; invoice < invoices; invoice += 1) {
    for (let line = 0; line < LINES_PER_INVOICE; line += 1) yield `${invoice || line ? ',' : ''}\n${rate(invoice, line)}`;
  }
  yield ']}';
}

/** Posts a document as it is generated; stops sending once the server has answered. */
function post(
  url: string,
  apiKey: string,
  contentType: string,
  pieces: Iterable<Buffer>,
): Promise<{ status: number; body: string; bytesSent: number }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    let bytesSent = 0;
    const req = request(
      url,
      { method: 'POST', headers: { 'content-type': contentType, 'x-api-key': apiKey, 'transfer-encoding': 'chunked' } },
      (res) => {
        answered = true;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (text: string) => (body += text));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body, bytesSent });
          req.destroy();
        });
      },
    );
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const iterator = pieces[Symbol.iterator]();
    const pump = () => {
      while (!answered && !req.destroyed) {
        const next = iterator.next();
        if (next.done) return void req.end();
        bytesSent += next.value.length;
        if (!req.write(next.value)) return void req.once('drain', pump);
      }
    };
    pump();
  });
}

const memoryOf = (pid: number, field: 'VmHWM' | 'VmRSS') =>
  Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(USAGE);
    return;
  }
  const quick = process.argv.includes('--quick');
  const heapAt = process.argv.indexOf('--heap');
  const heap = heapAt < 0 ? null : Number(process.argv[heapAt + 1]);
  if (heap !== null && !(Number.isInteger(heap) && heap >= 64)) throw new Error(`--heap takes a size in MB, at least 64\n${USAGE}`);
  const { config, dataSource } = await freshBenchDatabase(DATABASE_URL);
  const { organisationId, supplierId, references } = await createInventory(dataSource, 240);
  const { secret: apiKey } = await createServices(config).apiKeys.issue(
    benchContext(dataSource, config, organisationId),
    'documents bench',
    [Role.SUPPLIER_FEED],
    supplierId,
  );
  await dataSource.destroy();

  const rows = quick ? 200_000 : config.feeds.limits.maxRows;
  const invoiceBytes = (quick ? 0.1 : 1) * config.feeds.maxInvoiceBytes;
  const cases: Case[] = [
    {
      name: '100 MB of [[],[],…]',
      hostile: true,
      path: '/feeds/incidents',
      contentType: 'application/json',
      pieces: () => concat('[', repeated('[],', 35_000_000), '[]]'),
      expect: 413,
    },
    {
      name: '200 MB single-line CSV',
      hostile: true,
      path: '/feeds/performance',
      contentType: 'text/csv',
      pieces: () => concat('service_reference,interval_start,interval,availability_seconds\n', repeated('x', 200 * MB), '\n'),
      expect: 413,
    },
    {
      name: '100,000 nested brackets',
      hostile: true,
      path: '/feeds/incidents',
      contentType: 'application/json',
      pieces: () => concat('['.repeat(100_000), ']'.repeat(100_000)),
      expect: 422,
    },
    {
      name: '100 MB string value',
      hostile: true,
      path: '/feeds/incidents',
      contentType: 'application/json',
      pieces: () => concat('[{"id": "T-1", "description": "', repeated('x', 100 * MB), '"}]'),
      expect: 413,
    },
    {
      name: '100 items just under FEED_MAX_ITEM_BYTES',
      hostile: true,
      path: '/feeds/incidents',
      contentType: 'application/json',
      pieces: () =>
        concat(
          '[',
          ...Array.from({ length: 100 }, (_, i) =>
            concat(`${i ? ',' : ''}{"id": "T-${i}", "description": "`, repeated('y', config.feeds.limits.maxItemBytes - 64), '"}'),
          ),
          ']',
        ),
      // every item is read and refused (it is no trouble ticket): the run is REJECTED
      expect: 422,
    },
    {
      name: 'invoice CSV of FEED_MAX_INVOICE_BYTES, shortest rows',
      hostile: true,
      path: '/feeds/invoices',
      contentType: 'text/csv',
      pieces: () => sliced(shortestInvoiceRows(config.feeds.maxInvoiceBytes)),
      // every invoice is read and refused for its totals: the run is REJECTED
      expect: 422,
    },
    {
      name: `performance CSV, ${rows} rows`,
      hostile: false,
      path: '/feeds/performance',
      contentType: 'text/csv',
      pieces: () => sliced(performanceCsv(references, rows)),
      expect: 200,
    },
    {
      name: `performance TMF628, ${rows / 4} measurements`,
      hostile: false,
      path: '/feeds/performance',
      contentType: 'application/json',
      pieces: () => sliced(performanceTmf(references, rows / 4)),
      expect: 200,
    },
    {
      name: `invoice CSV, ${round(invoiceBytes / MB, 1)} MB`,
      hostile: false,
      path: '/feeds/invoices',
      contentType: 'text/csv',
      pieces: () => sliced(invoiceCsv(references, invoiceBytes)),
      expect: 200,
    },
    {
      name: `invoice TMF678 with separate rates, ${round(invoiceBytes / MB, 1)} MB`,
      hostile: false,
      path: '/feeds/invoices',
      contentType: 'application/json',
      pieces: () => sliced(invoiceTmf(references, invoiceBytes)),
      expect: 200,
    },
  ];

  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt < 0 ? null : (process.argv[onlyAt + 1] ?? '');
  const results = [];
  for (const entry of cases.filter((candidate) => only === null || candidate.name.includes(only))) {
    // a server of its own for each document, so that each peak is that document's
    const server: SpawnedServer = await spawnServer(DATABASE_URL, heap ? { MAX_HEAP_MB: String(heap) } : {});
    try {
      const pid = server.child.pid!;
      const startedMb = memoryOf(pid, 'VmRSS');
      const started = process.hrtime.bigint();
      const answer = await post(`${server.url}${entry.path}`, apiKey, entry.contentType, entry.pieces());
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const body = JSON.parse(answer.body) as {
        run?: { status: string; rowsRead: number; rowsAccepted: number; rowsRejected: number };
        errors?: { extensions: { reason?: string; code: string } }[];
      };
      const result = {
        document: entry.name,
        status: answer.status,
        answer: body.run
          ? { run: body.run.status, rowsRead: body.run.rowsRead, rowsAccepted: body.run.rowsAccepted, rowsRejected: body.run.rowsRejected }
          : (body.errors?.[0]?.extensions.reason ?? body.errors?.[0]?.extensions.code),
        sentMb: round(answer.bytesSent / MB, 1),
        seconds: round(seconds, 1),
        rssAtStartMb: round(startedMb),
        peakRssMb: round(memoryOf(pid, 'VmHWM')),
      };
      console.error(JSON.stringify(result));
      results.push({ ...result, hostile: entry.hostile, ok: answer.status === entry.expect && result.peakRssMb < RSS_CEILING_MB });
    } finally {
      await server.stop();
    }
  }
  const figures = { quick, heapMb: heap ?? DEFAULT_MAX_HEAP_MB, ceilingMb: RSS_CEILING_MB, documents: results };
  const json = JSON.stringify(figures, null, 2);
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(
    join(__dirname, 'results', `documents${quick ? '-quick' : ''}${heap ? `-heap-${heap}` : ''}${only === null ? '' : '-only'}.json`),
    `${json}\n`,
  );
  console.log(json);
  if (results.some((result) => !result.ok)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
