import type { AuthChecker } from 'type-graphql';
import { forbidden, unauthenticated } from '../common/errors';
import type { RequestContext } from '../request/context';
import { NATIONAL_ROLES, type Role } from './roles';
import { hasAnyRole } from '../request/viewer';

/**
 * Guards every operation marked @Authorized: no viewer is UNAUTHENTICATED, a viewer
 * without one of the listed roles is FORBIDDEN. Tenancy is the services' job, not this.
 */
export const authChecker: AuthChecker<RequestContext, Role> = ({ context }, roles) => {
  const viewer = context.viewer;
  if (!viewer) throw unauthenticated('Authentication required: send "Authorization: Bearer <token>" or an API key');
  if (roles.length > 0 && !hasAnyRole(viewer, roles)) {
    // a tenant whose token names a national role was read without it: say why it does not count
    const national = roles.every((role) => NATIONAL_ROLES.includes(role))
      ? ` (held only by users of the national organisation, ${context.config.auth.nationalOdsCode})`
      : '';
    throw forbidden(`This operation needs one of these roles: ${roles.join(', ')}${national}`);
  }
  return true;
};
