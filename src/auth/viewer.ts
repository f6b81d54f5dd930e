import type { Role } from './roles';

export type AuthMethod = 'JWT' | 'API_KEY';

/** Who is calling, resolved once per request from a verified token or API key. */
export interface Viewer {
  readonly subject: string;
  readonly organisationId: number;
  readonly odsCode: string;
  readonly roles: readonly Role[];
  /**
   * Organisations whose records the viewer may see: their own and those it acts for.
   * Every service filters by this; nothing reads tenant data without it.
   */
  readonly organisationIds: readonly number[];
  /** set for SUPPLIER_FEED credentials: the one supplier they speak for */
  readonly supplierId: number | null;
  readonly via: AuthMethod;
  readonly apiKeyId: number | null;
}

export const hasAnyRole = (viewer: Viewer, roles: readonly Role[]) => viewer.roles.some((role) => roles.includes(role));
