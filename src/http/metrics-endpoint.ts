import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import express, { type RequestHandler } from 'express';
import { AuthFailure } from '../auth/auth-failure';
import type { FailedAuthentication } from '../auth/failed-authentication';
import { ErrorCode } from '../common/errors';
import type { Metrics } from '../common/metrics';
import type { AppConfig } from '../config/config';

/**
 * GET /metrics: on the main port (outside production, or behind METRICS_TOKEN), or on a port
 * of its own (METRICS_PORT) that the operator keeps off the public network. With
 * METRICS_TOKEN set, every read needs `Authorization: Bearer <METRICS_TOKEN>`, on either
 * port; a wrong token counts as a failed authentication.
 */
export function metricsEndpoint(config: AppConfig, metrics: Metrics, failures: FailedAuthentication): RequestHandler[] {
  const expected = config.metrics.token === null ? null : digest(config.metrics.token);
  const serve: RequestHandler = async (req, res) => {
    if (expected !== null) {
      const presented = /^bearer\s+(\S+)\s*$/i.exec(req.header('authorization') ?? '')?.[1];
      if (presented === undefined || !timingSafeEqual(digest(presented), expected)) {
        // no credential at all is a scraper left unconfigured, not a guess
        if (presented !== undefined) failures.record(req, AuthFailure.METRICS_TOKEN);
        res
          .status(401)
          .set('www-authenticate', 'Bearer realm="metrics"')
          .json({
            errors: [
              {
                message: 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>',
                extensions: { code: ErrorCode.UNAUTHENTICATED, reason: AuthFailure.METRICS_TOKEN },
              },
            ],
          });
        return;
      }
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
  return [failures.refuseLimitedClients, serve];
}

/** The server of METRICS_PORT: /metrics and nothing else. */
export function metricsServer(config: AppConfig, handlers: RequestHandler[]): Server {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('etag', false);
  app.get('/metrics', ...handlers);
  return createServer(app);
}

/** Equal-length digests, so the comparison takes the same time whatever was presented. */
const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
