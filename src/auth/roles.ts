import { registerEnumType } from 'type-graphql';
import { Role } from '../request/viewer';

/** Role is declared beside Viewer (request/viewer.ts), which RequestContext carries; what each role may do is decided here. */
export { Role };

registerEnumType(Role, { name: 'Role' });

export const ALL_ROLES: readonly Role[] = Object.values(Role);

/** Roles that read the organisation's inventory, contracts and contacts. */
export const READ_INVENTORY: readonly Role[] = [Role.VIEWER, Role.CONTRACT_MANAGER, Role.FINANCE_APPROVER, Role.ADMIN, Role.REPORTING];

/** Roles that change contracts, sites, services and contacts. */
export const MANAGE_INVENTORY: readonly Role[] = [Role.CONTRACT_MANAGER, Role.ADMIN];

/** Roles that an API key may carry; a key never holds a human's approval or admin powers. */
export const API_KEY_ROLES: readonly Role[] = [Role.VIEWER, Role.REPORTING, Role.SUPPLIER_FEED];

/**
 * Roles that reach beyond one tenant, held by NHS England's staff. They are honoured only for a
 * viewer whose own organisation is the national body (NATIONAL_ODS_CODE): a token that gives one
 * to anybody else (a tenant's identity provider misconfigured, or a claim a tenant controls)
 * is read without it. An API key never carries one (API_KEY_ROLES).
 */
export const NATIONAL_ROLES: readonly Role[] = [Role.SERVICE_COORDINATOR, Role.CATALOGUE_ADMIN];

/** The roles a viewer of this organisation actually holds, of those its credentials name. */
export function honouredRoles(roles: readonly Role[], national: boolean): Role[] {
  return national ? [...roles] : roles.filter((role) => !NATIONAL_ROLES.includes(role));
}

export function parseRole(value: unknown): Role | undefined {
  return typeof value === 'string' && (ALL_ROLES as string[]).includes(value) ? (value as Role) : undefined;
}

/** Roles that maintain the national supplier catalogue: NHS England's operator, never a tenant. */
export const MANAGE_SUPPLIERS: readonly Role[] = [Role.CATALOGUE_ADMIN];

/** Roles that read the supplier catalogue: every reader of the inventory, and the catalogue's operator. */
export const READ_SUPPLIERS: readonly Role[] = [...READ_INVENTORY, Role.CATALOGUE_ADMIN];

/** Roles that manage the organisation's API keys. */
export const MANAGE_API_KEYS: readonly Role[] = [Role.ADMIN];

/** Roles that send supplier documents: a consumer's managers, or the supplier's own integration. */
export const INGEST_FEEDS: readonly Role[] = [Role.CONTRACT_MANAGER, Role.ADMIN, Role.SUPPLIER_FEED];

/** Roles that read feed runs: every reader of the inventory, and the supplier's integration (its own runs). */
export const READ_FEEDS: readonly Role[] = [...READ_INVENTORY, Role.SUPPLIER_FEED];

/** Roles that reconcile suppliers' invoices. */
export const RECONCILE_INVOICES: readonly Role[] = [Role.CONTRACT_MANAGER, Role.FINANCE_APPROVER, Role.ADMIN];

/** Roles that approve invoices for payment and record payments: finance only, never the reconciler's role alone. */
export const APPROVE_INVOICES: readonly Role[] = [Role.FINANCE_APPROVER];

/** Roles that set an organisation's approval threshold and cost centre. */
export const MANAGE_BILLING_POLICY: readonly Role[] = [Role.ADMIN];
/** Roles that read incidents: the organisation's readers, and NHS England's Service Co-ordinator (Severity 1 and 2, nationally). */
export const READ_INCIDENTS: readonly Role[] = [...READ_INVENTORY, Role.SERVICE_COORDINATOR];

/** Roles that log incidents, record escalations and complaints, and record service reviews. */
export const MANAGE_SERVICE_DESK: readonly Role[] = [Role.CONTRACT_MANAGER, Role.ADMIN];

/** Roles that may delete records past their retention period. */
export const MANAGE_RETENTION: readonly Role[] = [Role.ADMIN];

/** Roles that read the audit trail. */
export const MANAGE_AUDIT: readonly Role[] = [Role.ADMIN];

/** Roles that register webhooks for reporting integrations and read their delivery log. */
export const MANAGE_WEBHOOKS: readonly Role[] = [Role.ADMIN];
