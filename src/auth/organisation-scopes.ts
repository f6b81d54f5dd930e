import type { DataSource } from 'typeorm';
import { ActsFor } from '../organisations/acts-for.entity';
import { Organisation } from '../organisations/organisation.entity';

/** An organisation and the organisations it acts for: the tenancy scope of everyone who signs in as it. */
export interface OrganisationScope {
  readonly organisationId: number;
  readonly odsCode: string;
  /** its own id first, then those it acts for */
  readonly organisationIds: readonly number[];
}

/**
 * Organisation scopes by ODS code, remembered for `ttlMs` after a request reads them, so that
 * authenticating a request costs no SQL when its organisation signed in recently.
 * Organisations and acts-for links change only through the seed, the CLI or the database
 * itself — never through the API — so expiry is the whole invalidation: an acts-for link added
 * or removed applies within `ttlMs` (AUTH_SCOPE_CACHE_SECONDS). Unknown codes are never
 * remembered: a newly registered organisation can sign in at once, and made-up codes cannot
 * fill the memory. Concurrent requests for one code share one read.
 */
export class OrganisationScopes {
  private readonly entries = new Map<string, { readonly scope: Promise<OrganisationScope | null>; readonly expiresAt: number }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** the scope of the organisation with this ODS code, or null when none is registered */
  get(odsCode: string): Promise<OrganisationScope | null> {
    if (this.ttlMs <= 0) return this.read(odsCode);
    const now = this.now();
    const cached = this.entries.get(odsCode);
    if (cached && cached.expiresAt > now) return cached.scope;
    const scope = this.read(odsCode);
    this.entries.set(odsCode, { scope, expiresAt: now + this.ttlMs });
    const forget = () => {
      if (this.entries.get(odsCode)?.scope === scope) this.entries.delete(odsCode);
    };
    scope.then((found) => found ?? forget(), forget);
    return scope;
  }

  private async read(odsCode: string): Promise<OrganisationScope | null> {
    const organisation = await this.dataSource.getRepository(Organisation).findOneBy({ odsCode });
    if (!organisation) return null;
    const managed = await this.dataSource
      .getRepository(ActsFor)
      .find({ select: { managedId: true }, where: { managerId: organisation.id } });
    return Object.freeze({
      organisationId: organisation.id,
      odsCode: organisation.odsCode,
      organisationIds: Object.freeze([organisation.id, ...managed.map((row) => row.managedId)]),
    });
  }
}
