import { applyChanges, ifGiven } from '../common/changes';
import { conflict } from '../common/errors';
import { normalisePostcode, optionalText, requiredText } from '../common/text';
import { assertInScope, findVisible, withinScope } from '../auth/tenancy';
import { saveUnique } from '../db/errors';
import { applySearch, paginate, type Connection, type PageArgs } from '../request/paging';
import type { RequestContext } from '../request/context';
import { Site } from './site.entity';
import type { CreateSiteInput, SiteFilter, UpdateSiteInput } from './site.input';
import { ErrorReason } from '../common/error-reasons';

export interface SiteListFilter extends Omit<SiteFilter, 'organisationId'> {
  organisationId?: number;
}

export class SiteService {
  list(ctx: RequestContext, filter: SiteListFilter, page: PageArgs): Promise<Connection<Site>> {
    const query = withinScope(ctx, ctx.repository(Site).createQueryBuilder('site'));
    if (filter.organisationId !== undefined)
      query.andWhere('site.organisationId = :organisationId', { organisationId: filter.organisationId });
    const postcode = filter.postcode?.trim().toUpperCase().replace(/\s+/g, ' ');
    if (postcode) {
      // an outward code ("LS1") matches "LS1 4AP" but not "LS14 …"
      query.andWhere('(site.postcode = :postcode OR site.postcode LIKE :outward)', {
        postcode,
        outward: `${postcode.replace(/[!%_]/g, '')} %`,
      });
    }
    applySearch(query, ['site.name', 'site.odsCode', 'site.town'], filter.search);
    return paginate(query, page, {
      maxPageSize: ctx.config.graphql.maxPageSize,
      sort: { column: 'site.name', valueOf: (row) => row.name },
    });
  }

  get(ctx: RequestContext, id: number): Promise<Site> {
    return findVisible(ctx, Site, id, Site.typename);
  }

  create(ctx: RequestContext, input: CreateSiteInput, organisationId?: number): Promise<Site> {
    const ownerId = organisationId ?? ctx.requireViewer.organisationId;
    assertInScope(ctx, ownerId);
    const site = ctx.repository(Site).create({
      organisationId: ownerId,
      odsCode: input.odsCode,
      name: requiredText(input.name, 'input.name'),
      addressLine1: requiredText(input.addressLine1, 'input.addressLine1'),
      addressLine2: optionalText(input.addressLine2) ?? null,
      town: requiredText(input.town, 'input.town'),
      postcode: normalisePostcode(input.postcode, 'input.postcode'),
    });
    return this.save(ctx, site);
  }

  async update(ctx: RequestContext, id: number, input: Omit<UpdateSiteInput, 'id'>): Promise<Site> {
    return ctx.transaction(async (tx) => {
      const site = await this.get(tx, id);
      applyChanges(site, {
        odsCode: input.odsCode,
        name: ifGiven(input.name, (name) => requiredText(name, 'input.name')),
        addressLine1: ifGiven(input.addressLine1, (line) => requiredText(line, 'input.addressLine1')),
        addressLine2: optionalText(input.addressLine2),
        town: ifGiven(input.town, (town) => requiredText(town, 'input.town')),
        postcode: ifGiven(input.postcode, (postcode) => normalisePostcode(postcode, 'input.postcode')),
      });
      return this.save(tx, site);
    });
  }

  private save(ctx: RequestContext, site: Site): Promise<Site> {
    return saveUnique(ctx.repository(Site), site, () =>
      conflict(`The organisation already has a site with ODS code ${site.odsCode}`, {
        field: 'input.odsCode',
        reason: ErrorReason.DUPLICATE_ODS_CODE,
      }),
    );
  }
}
