import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ErrorReason } from '../common/error-reasons';
import { ErrorCode } from '../common/errors';
import type { Metrics } from '../common/metrics';
import type { AppConfig } from '../config/config';
import { AuthFailure } from './auth-failure';
import { clientKey, FailureLimiter } from './failure-limiter';

const KNOWN = new Set<string>(Object.values(AuthFailure));

/** `extensions.reason` of the 429 a limited client gets */
const AUTHENTICATION_RATE_LIMITED = ErrorReason.AUTHENTICATION_RATE_LIMITED;

/**
 * Refused credentials are counted in /metrics, logged (client address and reason, never the
 * credential) and limited per client: AUTH_FAILURE_LIMIT refusals within
 * AUTH_FAILURE_WINDOW_SECONDS and the client's every request to /graphql, /feeds and a
 * token-guarded /metrics is refused with 429 for a window, good credentials included.
 * The client is the address TRUST_PROXY yields (express's `req.ip`).
 */
export class FailedAuthentication {
  private readonly limiter: FailureLimiter;

  constructor(
    config: Pick<AppConfig, 'authFailures'>,
    private readonly metrics: Metrics,
    private readonly log: Logger,
  ) {
    this.limiter = new FailureLimiter(config.authFailures.limit, config.authFailures.windowMs);
  }

  /** Answers 429, before the body is read, to a client that is limited. */
  readonly refuseLimitedClients: RequestHandler = (req, res, next) => {
    const retryAfterMs = this.limiter.retryAfterMs(clientKey(req.ip));
    if (retryAfterMs === 0) return next();
    const seconds = Math.ceil(retryAfterMs / 1000);
    this.metrics.authRateLimited.inc();
    res
      .status(429)
      .set('retry-after', String(seconds))
      // the client may still be sending; answer, then stop reading
      .set('connection', 'close')
      .json({
        errors: [
          {
            message: `Too many failed authentication attempts from this address; try again in ${seconds} s`,
            extensions: { code: ErrorCode.TOO_MANY_REQUESTS, reason: AUTHENTICATION_RATE_LIMITED, retryAfterSeconds: seconds },
          },
        ],
      });
  };

  /** Counts one refused credential from this request's client. */
  record(req: Request, reason: string | undefined, requestId?: string): void {
    const label = reason !== undefined && KNOWN.has(reason) ? reason : 'OTHER';
    const client = clientKey(req.ip);
    this.metrics.authFailures.inc({ reason: label });
    const limited = label !== AuthFailure.VERIFIER_UNAVAILABLE && this.limiter.fail(client);
    this.log.warn({ client, address: req.ip, reason: label, path: req.baseUrl + req.path, requestId }, 'authentication failed');
    if (limited) this.log.warn({ client, reason: label }, 'client refused after too many failed authentications');
  }
}
