import { STATUS_CODES, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';

/**
 * The HTTP server's own timers, from REQUEST_TIMEOUT_SECONDS: the whole request (headers
 * and body, a feed document included) must arrive within it, the headers within a minute
 * or within it if less. Node checks them every 30 s; with a short limit, more often, so a
 * slow client is cut off close to the limit. Only receiving the request is timed: a feed
 * run that goes on after its upload is complete is not cut off.
 */
export function serverTimeouts(requestTimeoutMs: number) {
  return {
    requestTimeout: requestTimeoutMs,
    headersTimeout: Math.min(60_000, requestTimeoutMs),
    connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(requestTimeoutMs / 4))),
  };
}

/**
 * Node answers a request it gives up on — too slow (REQUEST_TIMEOUT_SECONDS) or not HTTP
 * it can parse — with a bare status line and no body. Clients get the documented JSON
 * error instead, as for every other refusal; a connection whose answer has already begun,
 * or that the client has dropped, is just closed.
 */
export function answerClientErrors(server: Server, requestTimeoutMs: number, log: Logger): void {
  const answering = new WeakMap<Socket, ServerResponse>();
  server.on('request', (req, res) => {
    answering.set(req.socket, res);
    res.once('finish', () => answering.delete(req.socket));
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || answering.get(socket)?.headersSent || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const { status, code, message } = refusalOf(error, requestTimeoutMs);
    log.info({ code: error.code, status }, 'request refused by the HTTP server');
    const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; ` +
        `charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
}

function refusalOf(error: NodeJS.ErrnoException, requestTimeoutMs: number): { status: number; code: string; message: string } {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return {
      status: 408,
      code: 'REQUEST_TIMEOUT',
      message: `The request was not received within ${requestTimeoutMs / 1000} seconds (REQUEST_TIMEOUT_SECONDS); send it faster, or in smaller parts`,
    };
  }
  if (error.code === 'HPE_HEADER_OVERFLOW') return { status: 431, code: 'BAD_REQUEST', message: 'The request headers are too large' };
  return { status: 400, code: 'BAD_REQUEST', message: 'The request is not well-formed HTTP' };
}
