import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { Contract } from '../contracts/contract.entity';
import type { ContractQueryPreload } from '../contracts/contract.resolver';
import { PageArgs } from '../graphql-types/connection';
import { selects } from '../graphql-types/selection';
import type { RequestContext } from '../request/context';
import { NetworkService, ServiceStatus } from './network-service.entity';
import { ServiceConnection } from './network-service.resolver';

/**
 * The `contract` query, asked for its services' sites, reads them with the services: from the
 * query itself, before anything else in it loads the services (the SLA report's read of every
 * service is then the one the services' page is cut from). Given to ContractResolver in the
 * schema wiring.
 */
export const includeServiceSites: ContractQueryPreload = (ctx, info) => {
  if (selects(info, ['services', 'edges', 'node', 'site'])) ctx.loaders.include(NetworkService, 'site');
};

/** `Contract.services`: the services domain extends the contract with its own field. */
@Resolver(() => Contract)
export class ContractServicesResolver {
  @FieldResolver(() => ServiceConnection, {
    description:
      "Services under the contract, optionally of one status, by reference. Under a list of contracts every contract's page is read " +
      'together: the statements do not grow with the list.',
  })
  services(
    @Root() contract: Contract,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Args() page: PageArgs,
    @Arg('status', () => ServiceStatus, { nullable: true }) status?: ServiceStatus | null,
  ) {
    // the services' sites, when asked for, are read with the services rather than after them
    return ctx.loaders
      .pageBy(NetworkService, 'contractId', status ? { status } : {}, page, {
        maxPageSize: ctx.config.graphql.maxPageSize,
        sort: { property: 'reference', valueOf: (service) => service.reference },
        include: selects(info, ['edges', 'node', 'site']) ? ['site'] : [],
      })
      .load(contract.id);
  }
}
