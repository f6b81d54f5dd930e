import { connect } from 'node:net';
import { Role } from '../../src/auth/roles';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * A supplier's system that hangs up part way through an upload: before the server has
 * authenticated it, while the run is being set up, or mid-document. Each is a client's right
 * (a cancelled job, a dropped line); none may take the server down for every organisation.
 * The load test found the first: the hang-up reached a stream nobody was reading yet.
 */
describe('feed uploads abandoned part way', () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer();
    token = await server.token('RX1', Role.CONTRACT_MANAGER);
  });
  afterAll(() => server.stop());

  /** Sends the headers and `bodyBytes` of a CSV (all of it for Infinity), lets the server run `turns` times, then hangs up before the answer. */
  async function abandon(bodyBytes: number, turns: number): Promise<void> {
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const body = `service_reference,interval_start,interval,availability_seconds\n${'RX1-SVC-0001,2026-11-01T00:00:00Z,PT5M,300\n'.repeat(5_000)}`;
    socket.write(
      `POST /feeds/performance?supplier=PDN00001 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n` +
        `Content-Type: text/csv\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
    );
    if (bodyBytes > 0) socket.write(body.slice(0, bodyBytes));
    // the whole document sent: the hang-up comes while the run is being read and stored
    if (bodyBytes === Infinity) await new Promise((resolve) => socket.once('drain', resolve).once('close', resolve).write('', resolve));
    for (let turn = 0; turn < turns; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.destroy();
    await closed;
  }

  it('answers everyone else afterwards, wherever the hang-up fell', async () => {
    for (const bodyBytes of [0, 10, 5_000, 100_000, Infinity]) {
      for (const turns of [0, 1, 3, 10, 30, 100]) await abandon(bodyBytes, turns);
    }
    // the server is still up and still takes documents
    const response = await fetch(`${server.url}/feeds/performance?supplier=PDN00001`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: 'service_reference,interval_start,interval,availability_seconds\n',
    });
    expect(response.status).toBeLessThan(500);
    expect((await server.gql('{ me { subject } }', {}, token)).data.me.subject).toBe('test.contract_manager@rx1');
  });
});
