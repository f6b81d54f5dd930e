import { connect } from 'node:net';
import { Readable } from 'node:stream';
import { Role } from '../../src/auth/roles';
import { PerformanceSample } from '../../src/performance/performance-sample.entity';
import { ingest, recentHours, supplierId } from '../support/feeds';
import { startTestServer, type ErrorBody, type TestServer } from '../support/test-server';

/**
 * Hostile documents from issue #16, at a few megabytes, generated as they are sent (never
 * held whole by the test): each is refused with a status and a body naming the limit, nothing
 * of it is stored, and the server goes on answering.
 */
const MB = 1024 * 1024;

/** `count` copies of `piece`, yielded in slices of about 64 KB. */
function* repeated(piece: string, count: number): Generator<string> {
  const perSlice = Math.max(1, Math.floor(65_536 / piece.length));
  for (let sent = 0; sent < count; sent += perSlice) yield piece.repeat(Math.min(perSlice, count - sent));
}

const streamOf = (...parts: (string | Iterable<string>)[]) =>
  Readable.toWeb(
    Readable.from(
      (function* () {
        for (const part of parts) {
          if (typeof part === 'string') yield Buffer.from(part);
          else for (const piece of part) yield Buffer.from(piece);
        }
      })(),
    ),
  ) as ReadableStream<Uint8Array>;

describe('hostile feed documents (issue #16, hole 2)', () => {
  let server: TestServer;
  let feedKey: string;
  let manager: string;
  let pdn: string;
  let references: string[];

  beforeAll(async () => {
    // a GraphQL body large enough to carry a document past the item limit; few enough rows that a flood is refused quickly
    server = await startTestServer({ env: { REQUEST_BODY_LIMIT: '4mb', FEED_MAX_ROWS: '100000' } });
    const admin = await server.token('RX1', Role.ADMIN);
    manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    pdn = await supplierId(server, admin, 'PDN00001');
    const key = await server.gql(
      'mutation($s: ID!) { createApiKey(input: { name: "PDN systems", roles: [SUPPLIER_FEED], supplierId: $s }) { secret } }',
      { s: pdn },
      admin,
    );
    feedKey = key.data.createApiKey.secret;
    const services = await server.gql(
      'query($s: ID!) { services(first: 10, filter: { supplierId: $s, status: [ACTIVE] }) { edges { node { reference } } } }',
      { s: pdn },
      manager,
    );
    references = services.data.services.edges.map((e: { node: { reference: unknown } }) => e.node.reference);
  });

  afterAll(() => server.stop());

  const post = (kind: string, contentType: string, body: ReadableStream<Uint8Array> | string) =>
    fetch(`${server.url}/feeds/${kind}`, {
      method: 'POST',
      headers: { 'content-type': contentType, 'x-api-key': feedKey },
      body,
      duplex: 'half',
    } as RequestInit);

  const runCount = async () => (await server.gql('{ feedRuns { totalCount } }', {}, manager)).data.feedRuns.totalCount as number;

  async function expectStillServing(): Promise<void> {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const good = await post(
      'incidents',
      'application/json',
      JSON.stringify([
        {
          id: `T-${Math.random()}`,
          severity: 3,
          status: 'new',
          creationDate: '2026-11-02T09:00:00Z',
          relatedEntity: [{ id: references[0], role: 'affectedService' }],
        },
      ]),
    );
    expect(good.status).toBe(200);
  }

  it('refuses an item larger than FEED_MAX_ITEM_BYTES (a 3 MB string value) with 413 naming the limit, storing nothing', async () => {
    const before = await runCount();
    const response = await post('incidents', 'application/json', streamOf('[{"id": "T-1", "description": "', repeated('x', 3 * MB), '"}]'));
    expect(response.status).toBe(413);
    const body = (await response.json()) as ErrorBody;
    expect(body.errors[0].extensions).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      reason: 'FEED_ITEM_TOO_LARGE',
      limit: MB,
      setting: 'FEED_MAX_ITEM_BYTES',
    });
    expect(body.errors[0].message).toBe(`A JSON item is larger than ${MB} bytes (FEED_MAX_ITEM_BYTES = ${MB}): $[0], from byte 1`);
    expect(await runCount()).toBe(before);
    await expectStillServing();
  });

  it('refuses 100,000 nested brackets with 422 naming FEED_MAX_DEPTH, over HTTP and through ingestFeed', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const before = await runCount();
    const response = await post('incidents', 'application/json', deep);
    expect(response.status).toBe(422);
    expect(((await response.json()) as ErrorBody).errors[0]).toMatchObject({
      message: 'The JSON document nests objects and arrays more than 64 deep (FEED_MAX_DEPTH = 64): $[0], at byte 64',
      extensions: { code: 'BAD_USER_INPUT', reason: 'FEED_NESTING_TOO_DEEP', limit: 64, setting: 'FEED_MAX_DEPTH' },
    });

    const viaGraphql = await ingest(server, manager, { supplierId: pdn, kind: 'INCIDENT', format: 'TMF', document: deep });
    expect(viaGraphql.status).toBe(200);
    expect(viaGraphql.errors?.[0]).toMatchObject({
      message: expect.stringContaining('FEED_MAX_DEPTH = 64'),
      extensions: { code: 'BAD_USER_INPUT', field: 'input.document', reason: 'FEED_NESTING_TOO_DEEP' },
    });
    expect(await runCount()).toBe(before);
    await expectStillServing();
  });

  it('refuses a flood of tiny items ([[],[],…]) past FEED_MAX_ROWS as it arrives, with 413', async () => {
    const before = await runCount();
    const response = await post('incidents', 'application/json', streamOf('[', repeated('[],', 2_000_000), '[]]'));
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorBody).errors[0]).toMatchObject({
      message: 'The document holds more than 100000 rows; send it in parts (FEED_MAX_ROWS = 100000): $[100000]',
      extensions: { code: 'PAYLOAD_TOO_LARGE', reason: 'FEED_TOO_MANY_ROWS' },
    });
    expect(await runCount()).toBe(before);
    await expectStillServing();
  });

  it('refuses a single-line CSV past FEED_MAX_RECORD_BYTES with 413 naming the limit', async () => {
    const response = await post(
      'performance',
      'text/csv',
      streamOf('service_reference,interval_start,interval,availability_seconds\n', repeated('x', 3 * MB), '\n'),
    );
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorBody).errors[0]).toMatchObject({
      message: `A CSV record is larger than ${MB} bytes (FEED_MAX_RECORD_BYTES = ${MB}): the record from line 2`,
      extensions: { code: 'PAYLOAD_TOO_LARGE', reason: 'FEED_RECORD_TOO_LARGE', setting: 'FEED_MAX_RECORD_BYTES' },
    });

    const header = 'service_reference,interval_start,interval,availability_seconds';
    const viaGraphql = await ingest(server, manager, {
      supplierId: pdn,
      kind: 'PERFORMANCE',
      format: 'CSV',
      document: `${header}\n${'y'.repeat(MB + 10)}\n`,
    });
    expect(viaGraphql.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.document',
      reason: 'FEED_RECORD_TOO_LARGE',
    });
    await expectStillServing();
  });

  it('stores nothing of a document whose good rows come before the item past the limit', async () => {
    const samples = async () => server.db.dataSource.getRepository(PerformanceSample).count();
    const before = { runs: await runCount(), samples: await samples() };
    const measurement = (hour: Date) =>
      JSON.stringify({
        serviceId: references[0],
        observationTime: hour.toISOString(),
        granularity: '1h',
        indicators: [{ name: 'availability', value: 100, unit: '%' }],
      });
    const good = recentHours(5).map(measurement).join(',');
    const response = await post('performance', 'application/json', streamOf(`[${good}, {"serviceId": "`, repeated('z', 2 * MB), '"}]'));
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorBody).errors[0].message).toMatch(/FEED_MAX_ITEM_BYTES.*\$\[5\]/);
    expect({ runs: await runCount(), samples: await samples() }).toEqual(before);
  });
});

describe('a slow upload (issue #16, hole 2)', () => {
  let server: TestServer;
  let manager: string;

  beforeAll(async () => {
    server = await startTestServer({ env: { REQUEST_TIMEOUT_SECONDS: '1' } });
    manager = await server.token('RX1', Role.CONTRACT_MANAGER);
  });

  afterAll(() => server.stop());

  /** Sends the headers and then a byte at a time, until the server answers; resolves with what it said. */
  function sendSlowly(path: string, headers: Record<string, string>): Promise<{ status: number; headers: string; body: string }> {
    return new Promise((resolve, reject) => {
      const { port } = new URL(server.url);
      const socket = connect(Number(port), '127.0.0.1');
      let answer = '';
      let timer: NodeJS.Timeout | undefined;
      socket.once('connect', () => {
        socket.write(
          `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 1000000\r\n${Object.entries(headers)
            .map(([name, value]) => `${name}: ${value}\r\n`)
            .join('')}\r\n`,
        );
        // a trickle, never finished: only the server's answer ends it
        timer = setInterval(() => socket.writable && socket.write('a'), 50);
      });
      socket.on('data', (data) => (answer += data.toString('utf8')));
      socket.on('error', reject);
      socket.once('close', () => {
        clearInterval(timer);
        const [head = '', body = ''] = answer.split('\r\n\r\n');
        resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), headers: head, body });
      });
    });
  }

  it('answers a feed upload still arriving after REQUEST_TIMEOUT_SECONDS with 408 and the documented JSON error', async () => {
    const answer = await sendSlowly('/feeds/performance?supplier=PDN00001', {
      'content-type': 'text/csv',
      authorization: `Bearer ${manager}`,
    });
    expect(answer.status).toBe(408);
    expect(answer.headers).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(answer.body)).toEqual({
      errors: [
        {
          message: 'The request was not received within 1 seconds (REQUEST_TIMEOUT_SECONDS); send it faster, or in smaller parts',
          extensions: { code: 'REQUEST_TIMEOUT' },
        },
      ],
    });
    expect((await server.gql('{ feedRuns { totalCount } }', {}, manager)).data.feedRuns.totalCount).toBe(0);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('does the same for a slow GraphQL request', async () => {
    const answer = await sendSlowly('/graphql', { 'content-type': 'application/json' });
    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.body).errors[0].extensions.code).toBe('REQUEST_TIMEOUT');
  });
});
