import type { DataSource, EntityManager } from 'typeorm';
import type { OrganisationDirectory, OrganisationScope } from '../auth/directories';
import { ActsFor } from './acts-for.entity';
import { Organisation } from './organisation.entity';

/**
 * Organisation scopes by ODS code (or by id, for an API key's owner), remembered for `ttlMs` after a
 * request reads them, so that authenticating a request costs no SQL when its organisation signed in
 * recently. Organisations and acts-for links change only through the seed, the CLI or the database
 * itself — never through the API — so expiry is the whole invalidation: an acts-for link added
 * or removed applies within `ttlMs` (AUTH_SCOPE_CACHE_SECONDS). Unknown organisations are never
 * remembered: a newly registered organisation can sign in at once, and made-up codes cannot
 * fill the memory. Concurrent requests for one organisation share one read.
 *
 * This is how auth reads organisations (its OrganisationDirectory): services.ts hands it to the Authenticator.
 */
export class OrganisationScopes implements OrganisationDirectory {
  private readonly entries = new Map<string, { readonly scope: Promise<OrganisationScope | null>; readonly expiresAt: number }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** the scope of the organisation with this ODS code, or null when none is registered */
  get(odsCode: string): Promise<OrganisationScope | null> {
    return this.remembered(`ods:${odsCode}`, () => this.dataSource.getRepository(Organisation).findOneBy({ odsCode }));
  }

  /** the scope of the organisation with this id, or null when none is registered */
  getById(organisationId: number): Promise<OrganisationScope | null> {
    return this.remembered(`id:${organisationId}`, () => this.dataSource.getRepository(Organisation).findOneBy({ id: organisationId }));
  }

  private remembered(key: string, find: () => Promise<Organisation | null>): Promise<OrganisationScope | null> {
    const read = async () => {
      const organisation = await find();
      return organisation && scopeOf(this.dataSource.manager, organisation);
    };
    if (this.ttlMs <= 0) return read();
    const now = this.now();
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > now) return cached.scope;
    const scope = read();
    this.entries.set(key, { scope, expiresAt: now + this.ttlMs });
    const forget = () => {
      if (this.entries.get(key)?.scope === scope) this.entries.delete(key);
    };
    scope.then((found) => found ?? forget(), forget);
    return scope;
  }
}

/** An organisation's scope: itself, then the organisations it acts for (one read of its acts-for links). */
export async function scopeOf(manager: EntityManager, organisation: Organisation): Promise<OrganisationScope> {
  const managed = await manager.getRepository(ActsFor).find({ select: { managedId: true }, where: { managerId: organisation.id } });
  return Object.freeze({
    organisationId: organisation.id,
    odsCode: organisation.odsCode,
    organisationIds: Object.freeze([organisation.id, ...managed.map((row) => row.managedId)]),
  });
}
