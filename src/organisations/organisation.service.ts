import { notFound } from '../common/errors';
import { applySearch, paginate, type Connection, type PageArgs } from '../request/paging';
import type { RequestContext } from '../request/context';
import { ActsFor } from './acts-for.entity';
import { Organisation } from './organisation.entity';
import type { OrganisationFilter } from './organisation.input';

/** Organisations the viewer can see: their own and those it acts for. */
export class OrganisationService {
  list(ctx: RequestContext, filter: OrganisationFilter, page: PageArgs): Promise<Connection<Organisation>> {
    const query = ctx
      .repository(Organisation)
      .createQueryBuilder('organisation')
      .where('organisation.id IN (:...visible)', { visible: ctx.organisationIds });
    if (filter.type) query.andWhere('organisation.type = :type', { type: filter.type });
    applySearch(query, ['organisation.name', 'organisation.odsCode'], filter.search);
    return paginate(query, page, {
      maxPageSize: ctx.config.graphql.maxPageSize,
      sort: { column: 'organisation.odsCode', valueOf: (row) => row.odsCode },
    });
  }

  async get(ctx: RequestContext, id: number): Promise<Organisation> {
    if (!ctx.organisationIds.includes(id)) throw notFound('Organisation');
    const organisation = await ctx.loaders.byId(Organisation).load(id);
    if (!organisation) throw notFound('Organisation');
    return organisation;
  }

  /** Organisations that `organisationId` acts for. */
  async actsFor(ctx: RequestContext, organisationId: number): Promise<Organisation[]> {
    const links = await ctx.loaders.manyBy(ActsFor, 'managerId').load(organisationId);
    return this.organisations(
      ctx,
      links.map((link) => link.managedId),
    );
  }

  /** Organisations acting for `organisationId` (its CSU or ICB, say). */
  async managedBy(ctx: RequestContext, organisationId: number): Promise<Organisation[]> {
    const links = await ctx.loaders.manyBy(ActsFor, 'managedId').load(organisationId);
    return this.organisations(
      ctx,
      links.map((link) => link.managerId),
    );
  }

  private async organisations(ctx: RequestContext, ids: number[]): Promise<Organisation[]> {
    const rows = await ctx.loaders.byId(Organisation).loadMany(ids);
    return rows.filter((row): row is Organisation => row instanceof Organisation);
  }
}
