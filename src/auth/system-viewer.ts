import type { EntityManager } from 'typeorm';
import { ActsFor } from '../organisations/acts-for.entity';
import { Organisation } from '../organisations/organisation.entity';
import { Role } from './roles';
import type { Viewer } from '../request/viewer';

/**
 * The viewer for work the system does on an organisation's behalf (scheduled pulls, the
 * CLI): the organisation's own scope — itself and those it acts for — and nothing wider.
 */
export async function systemViewer(manager: EntityManager, organisationId: number, subject: string): Promise<Viewer> {
  const organisation = await manager.getRepository(Organisation).findOneByOrFail({ id: organisationId });
  const managed = await manager.getRepository(ActsFor).find({ select: { managedId: true }, where: { managerId: organisation.id } });
  return {
    subject,
    organisationId: organisation.id,
    odsCode: organisation.odsCode,
    roles: [Role.ADMIN],
    organisationIds: [organisation.id, ...managed.map((link) => link.managedId)],
    supplierId: null,
    via: 'JWT',
    apiKeyId: null,
  };
}
