import { Ctx, FieldResolver, Query, Resolver, Root, Authorized } from 'type-graphql';
import type { RequestContext } from '../request/context';
import { Organisation } from '../organisations/organisation.entity';
import { Supplier } from '../suppliers/supplier.entity';
import { ALL_ROLES } from '../auth/roles';
import { Me } from '../auth/viewer.types';

/** `me`: in the API layer, not auth/, since it answers with organisations and suppliers, which rank above auth. */
@Resolver(() => Me)
export class ViewerResolver {
  @Authorized(ALL_ROLES)
  @Query(() => Me)
  me(@Ctx() ctx: RequestContext): Me {
    const viewer = ctx.requireViewer;
    return Object.assign(new Me(), { subject: viewer.subject, roles: [...viewer.roles], authMethod: viewer.via, viewer });
  }

  @FieldResolver(() => Organisation, { description: 'The organisation the caller belongs to.' })
  async organisation(@Root() me: Me, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Organisation).load(me.viewer.organisationId);
  }

  @FieldResolver(() => [Organisation], { description: 'Every organisation whose records the caller can see.' })
  async organisations(@Root() me: Me, @Ctx() ctx: RequestContext) {
    const rows = await ctx.loaders.byId(Organisation).loadMany([...me.viewer.organisationIds]);
    return rows.filter((row) => row instanceof Organisation);
  }

  @FieldResolver(() => Supplier, { nullable: true, description: 'For a SUPPLIER_FEED caller: the supplier it speaks for.' })
  supplier(@Root() me: Me, @Ctx() ctx: RequestContext) {
    return me.viewer.supplierId === null ? null : ctx.loaders.byId(Supplier).load(me.viewer.supplierId);
  }
}
