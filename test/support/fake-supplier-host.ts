import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
}

export interface FakeSupplierHost {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** 127.0.0.1:<port>, as FEED_PULL_ALLOWED_HOSTS names it */
  readonly hostAndPort: string;
  /** every request, in order */
  readonly requests: ReceivedRequest[];
  stop(): Promise<void>;
}

/** Where a hostile answer starts: a test looks for it in what the server stores. */
export const MARKER = 'MARKER-7f3a9c';

/**
 * About 700 KB of what a reader should never be shown: C0 and C1 controls, ANSI escapes, bidi
 * overrides and isolates, zero-width characters. One line, under FEED_MAX_RECORD_BYTES (1 MiB),
 * so that the document is read and its run fails quoting it.
 */
export const JUNK = `${MARKER}\u0000\u0007\u001b[2J\u001b[31m\u0085\u009b\u202e\u2066\u200b\u200d\u2060\ufeff<script>,`.repeat(12_000);

/**
 * A supplier's feed host on loopback, as an attacker would run it: it records every request
 * and echoes the headers it was sent. Paths:
 * - `/performance.csv`: 200, a performance CSV with a header and no rows;
 * - `/echo.csv`: 500, the request's headers as its body;
 * - `/hostile-status`: 500 with control, C1 and bidi bytes in its status text, then JUNK;
 * - `/hostile.csv`, `/hostile.json`: 200 with JUNK as the document (one line: its header);
 * - `/redirect`: 302 to `/performance.csv`.
 */
export async function startFakeSupplierHost(): Promise<FakeSupplierHost> {
  const requests: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push({ path, headers: req.headers });
    switch (path) {
      case '/performance.csv':
        res.writeHead(200, { 'content-type': 'text/csv' }).end('service_reference,interval_start,interval,availability_seconds\n');
        return;
      case '/echo.csv':
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify(req.headers));
        return;
      case '/hostile-status': {
        // Node's own response object refuses such a status line: write it by hand
        const status = Buffer.from(`HTTP/1.1 500 ${MARKER}\u001b[31m\u0085\u202e\u2066 pwned\r\n`, 'utf8');
        const body = Buffer.from(JUNK, 'utf8');
        req.socket.end(
          Buffer.concat([
            status,
            Buffer.from(`content-type: text/plain\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n`),
            body,
          ]),
        );
        return;
      }
      case '/hostile.csv':
        res.writeHead(200, { 'content-type': 'text/csv' }).end(JUNK);
        return;
      case '/hostile.json':
        res.writeHead(200, { 'content-type': 'application/json' }).end(JUNK);
        return;
      case '/redirect':
        res.writeHead(302, { location: '/performance.csv' }).end();
        return;
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hostAndPort: `127.0.0.1:${port}`,
    requests,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
