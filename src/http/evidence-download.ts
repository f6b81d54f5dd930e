import express, { type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { READ_INVENTORY } from '../auth/roles';
import { hasAnyRole } from '../request/viewer';
import { DomainError, ErrorCode, forbidden, httpStatusOf } from '../common/errors';
import { evidencePack } from '../billing/evidence-pack';
import { Dispute } from '../billing/dispute.entity';
import type { RequestContext } from '../request/context';
import { isDatabaseUnavailable } from '../graphql/errors';
import { idOf } from '../common/global-id';

const FORMATS = {
  json: { type: 'application/json; charset=utf-8', body: (pack: { json: string }) => pack.json },
  csv: { type: 'text/csv; charset=utf-8', body: (pack: { csv: string }) => pack.csv },
} as const;

/**
 * GET /disputes/{id}/evidence.json and /disputes/{id}/evidence.csv — a dispute's evidence pack
 * as a file to hand an auditor or attach to the dispute, under the API's own authentication
 * (a bearer token or an API key, as for /graphql). A dispute the caller does not see is
 * NOT_FOUND, as in GraphQL. The pack's hash is in the X-Evidence-Pack-SHA256 header.
 */
export function evidenceDownload(contextFor: (req: Request, res: Response) => Promise<RequestContext>, log: Logger) {
  const router = express.Router();
  for (const format of ['json', 'csv'] as const) {
    router.get(`/disputes/:id/evidence.${format}`, async (req, res) => {
      try {
        const ctx = await contextFor(req, res);
        if (!hasAnyRole(ctx.requireViewer, READ_INVENTORY))
          throw forbidden(`Evidence packs need one of these roles: ${READ_INVENTORY.join(', ')}`);
        const id = String(req.params.id);
        const pack = await evidencePack(ctx, idOf(id, Dispute.typename));
        res
          .status(200)
          .set('content-type', FORMATS[format].type)
          .set('content-disposition', `attachment; filename="dispute-${id}-evidence.${format}"`)
          .set('cache-control', 'no-store')
          .set('x-evidence-pack-sha256', pack.sha256)
          .send(FORMATS[format].body(pack));
      } catch (error) {
        const { status, body } = failure(error, log);
        res.status(status).json(body);
      }
    });
  }
  return router;
}

/** The error as GraphQL would answer it: a code, a reason where there is one, never internals. */
function failure(error: unknown, log: Logger): { status: number; body: object } {
  const body = (code: string, message: string, extra: object = {}) => ({ errors: [{ message, extensions: { code, ...extra } }] });
  if (error instanceof DomainError) return { status: httpStatusOf(error.code), body: body(error.code, error.message, error.details) };
  if (error instanceof GraphQLError) {
    // raised while authenticating: it already carries its code and HTTP status
    const { http, ...extensions } = error.extensions as { http?: { status?: number }; code?: string };
    return { status: http?.status ?? 500, body: { errors: [{ message: error.message, extensions }] } };
  }
  if (isDatabaseUnavailable(error))
    return { status: 503, body: body(ErrorCode.SERVICE_UNAVAILABLE, 'The database is unavailable; retry shortly') };
  log.error({ err: error }, 'evidence pack download failed');
  return { status: 500, body: body('INTERNAL_SERVER_ERROR', 'Internal server error') };
}
