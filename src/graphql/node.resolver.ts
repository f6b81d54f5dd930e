import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { notFound } from '../common/errors';
import { READ_INCIDENTS, READ_INVENTORY } from '../auth/roles';
import { hasAnyRole } from '../request/viewer';
import { BaseRecord } from '../db/base-record';
import type { RequestContext } from '../request/context';
import { parseGlobalId } from '../common/global-id';
import { badInput } from '../common/errors';
import { ErrorReason } from '../common/error-reasons';

/** Fetches one record of a type by its database id, applying the viewer's scope. */
export type NodeFetcher = (ctx: RequestContext, id: number) => Promise<BaseRecord>;

/** The only types the Service Co-ordinator reads through node(id): incidents (Severity 1 and 2) and their history. */
const COORDINATOR_TYPES: ReadonlySet<string> = new Set(['Incident', 'IncidentStatusChange']);

@Resolver()
export class NodeResolver {
  constructor(private readonly fetchers: Readonly<Record<string, NodeFetcher>>) {}

  @Authorized(READ_INCIDENTS)
  @Query(() => BaseRecord, { description: 'Any object by its global id (Relay).' })
  async node(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<BaseRecord> {
    const parsed = parseGlobalId(id);
    if (!parsed) throw badInput('id', 'id: not a global id issued by this API', ErrorReason.INVALID_ID);
    const fetch = this.fetchers[parsed.typename];
    if (!fetch) throw notFound(parsed.typename);
    // a viewer without an inventory role (the Service Co-ordinator) reads incidents only
    if (!hasAnyRole(ctx.requireViewer, READ_INVENTORY) && !COORDINATOR_TYPES.has(parsed.typename)) throw notFound(parsed.typename);
    return fetch(ctx, parsed.id);
  }
}
