/** What a viewer may be allowed to do; auth/roles.ts says which roles each operation needs and registers the GraphQL enum. */
export enum Role {
  VIEWER = 'VIEWER',
  CONTRACT_MANAGER = 'CONTRACT_MANAGER',
  FINANCE_APPROVER = 'FINANCE_APPROVER',
  ADMIN = 'ADMIN',
  /** NHS England's national Service Co-ordinator: reads Severity 1 and 2 incidents only */
  SERVICE_COORDINATOR = 'SERVICE_COORDINATOR',
  /** a CN-SP's integration account: sends its own supplier's feeds */
  SUPPLIER_FEED = 'SUPPLIER_FEED',
  /** a read-only reporting integration */
  REPORTING = 'REPORTING',
  /** NHS England's operator of the national supplier catalogue: adds and corrects suppliers */
  CATALOGUE_ADMIN = 'CATALOGUE_ADMIN',
}

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
