import { STATUS_CODES } from 'node:http';

/**
 * How an outgoing request to a host we do not control went wrong, in words that host cannot
 * choose. Its status text, body and certificate names are its own to write, so none of them
 * is repeated: an HTTP status is named with Node's reason phrase, and a failure to connect
 * by the error code Node or undici gave it.
 */

/** `HTTP 500 Internal Server Error`: the status and its standard phrase, never the host's own text. */
export function statusLineOf(status: number): string {
  const phrase = STATUS_CODES[status];
  return phrase ? `HTTP ${status} ${phrase}` : `HTTP ${status}`;
}

/** What a refused redirect adds to the status: the request is never sent on to where the host points. */
export const redirectNote = (status: number): string => (status >= 300 && status < 400 ? ' (redirects are not followed)' : '');

/** Codes such as ECONNREFUSED, ENOTFOUND, UND_ERR_SOCKET, CERT_HAS_EXPIRED, HPE_INVALID_CONSTANT. */
const CODE = /^[A-Z][A-Z0-9_]{1,63}$/;

/** Whether a request was stopped by its time limit. */
export function isTimeout(error: unknown): boolean {
  // fetch rejects with a DOMException, which need not be an Error of this realm
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

/** Why fetch rejected: a timeout, or a failed connection with the cause's code when it has one. */
export function fetchFailureOf(error: unknown, timeoutMs: number): string {
  if (isTimeout(error)) return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  const code = typeof cause?.code === 'string' && CODE.test(cause.code) ? cause.code : null;
  return code ? `the connection failed (${code})` : 'the connection failed';
}
