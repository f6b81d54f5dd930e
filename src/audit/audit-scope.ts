import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is changing things, and through which entry point: set around each mutation, feed post, CLI run and scheduled pull. */
export interface AuditScope {
  actor: string;
  actorOrganisationId: number | null;
  via: string;
  entryPoint: string;
  requestId: string | null;
}

const storage = new AsyncLocalStorage<AuditScope>();

/** Runs `work` with every change it makes audited under `scope`. */
export function withAuditScope<T>(scope: AuditScope, work: () => T): T {
  return storage.run(scope, work);
}

export function currentAuditScope(): AuditScope | undefined {
  return storage.getStore();
}

/** The scope for a viewer acting through an entry point. */
export function auditScopeOf(
  viewer: { subject: string; organisationId: number; via: string } | null,
  entryPoint: string,
  requestId: string | null,
): AuditScope {
  return {
    actor: viewer?.subject ?? 'anonymous',
    actorOrganisationId: viewer?.organisationId ?? null,
    via: viewer?.via ?? 'NONE',
    entryPoint,
    requestId,
  };
}
