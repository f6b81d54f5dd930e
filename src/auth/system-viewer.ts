import type { OrganisationScope } from './directories';
import { Role } from './roles';
import type { Viewer } from '../request/viewer';

/**
 * The viewer for work the system does on an organisation's behalf (scheduled pulls, the
 * CLI): the organisation's own scope — itself and those it acts for — and nothing wider.
 * organisations/system-viewer.ts reads the scope.
 */
export function systemViewerOf(scope: OrganisationScope, subject: string): Viewer {
  return {
    subject,
    organisationId: scope.organisationId,
    odsCode: scope.odsCode,
    roles: [Role.ADMIN],
    organisationIds: [...scope.organisationIds],
    supplierId: null,
    via: 'JWT',
    apiKeyId: null,
  };
}
