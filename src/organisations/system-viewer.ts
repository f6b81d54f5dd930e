import type { EntityManager } from 'typeorm';
import { systemViewerOf } from '../auth/system-viewer';
import type { Viewer } from '../request/viewer';
import { Organisation } from './organisation.entity';
import { scopeOf } from './organisation-scopes';

/**
 * The viewer for work the system does on an organisation's behalf (scheduled pulls, webhooks,
 * the ledger, the CLI and seeds): ADMIN within the organisation's own scope, read now (not
 * remembered), in `manager`'s transaction. Fails when there is no such organisation.
 */
export async function systemViewer(manager: EntityManager, organisationId: number, subject: string): Promise<Viewer> {
  const organisation = await manager.getRepository(Organisation).findOneByOrFail({ id: organisationId });
  return systemViewerOf(await scopeOf(manager, organisation), subject);
}
