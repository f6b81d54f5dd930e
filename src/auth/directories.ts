import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../request/context';

/** An organisation and the organisations it acts for: the tenancy scope of everyone who signs in as it. */
export interface OrganisationScope {
  readonly organisationId: number;
  readonly odsCode: string;
  /** its own id first, then those it acts for */
  readonly organisationIds: readonly number[];
}

/**
 * What authentication reads about organisations, in auth's own words. organisations/ implements it
 * (`OrganisationScopes`, which remembers scopes for AUTH_SCOPE_CACHE_SECONDS) and the composition root
 * (services.ts) hands it to the Authenticator: auth never reads the organisations' tables itself.
 */
export interface OrganisationDirectory {
  /** the scope of the organisation with this ODS code (a token's organisation claim), or null when none is registered */
  get(odsCode: string): Promise<OrganisationScope | null>;
  /** the scope of the organisation with this id (an API key's owner), or null when none is registered */
  getById(organisationId: number): Promise<OrganisationScope | null>;
}

/** A supplier as authentication needs it: which one holds a CN-SP ID, and since when. */
export interface CnspIdHolder {
  readonly id: number;
  /** when the supplier was given the ID; null when it has held it since before IDs were dated */
  readonly cnspIdAssignedAt: Date | null;
}

/**
 * What auth reads about suppliers, in auth's own words. suppliers/ implements it (`SupplierService`) and the
 * composition root hands it to the Authenticator and the ApiKeyService.
 */
export interface SupplierDirectory {
  /** the supplier holding this CN-SP ID now, or null */
  holderOfCnspId(manager: EntityManager, cnspId: string): Promise<CnspIdHolder | null>;
  /** the supplier with this id; NOT_FOUND when there is none */
  get(ctx: RequestContext, id: number): Promise<unknown>;
}
