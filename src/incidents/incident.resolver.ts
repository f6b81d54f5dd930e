import { ArrayMaxSize, Max, Min } from 'class-validator';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Query, Resolver, Root } from 'type-graphql';
import { READ_INVENTORY } from '../auth/roles';
import { IncidentStatus } from '../feeds/records';
import { ConnectionType, PageArgs } from '../graphql/connection';
import type { RequestContext } from '../graphql/context';
import { idOf, optionalIdOf } from '../graphql/global-id';
import { Organisation } from '../organisations/organisation.entity';
import { NetworkService } from '../services/network-service.entity';
import { Supplier } from '../suppliers/supplier.entity';
import { IncidentStatusChange } from './incident-status-change.entity';
import { Incident } from './incident.entity';
import { IncidentService } from './incident.service';

export const IncidentConnection = ConnectionType(Incident, 'Incident');

@InputType()
export class IncidentFilterInput {
  @Field(() => ID, { nullable: true })
  supplierId?: string;

  @Field(() => ID, { nullable: true })
  serviceId?: string;

  @Field(() => [IncidentStatus], { nullable: true })
  @ArrayMaxSize(9)
  status?: IncidentStatus[];

  @Field(() => [Int], { nullable: true })
  @ArrayMaxSize(5)
  @Min(1, { each: true })
  @Max(5, { each: true })
  severity?: number[];
}

@Resolver(() => Incident)
export class IncidentResolver {
  constructor(private readonly incidentService: IncidentService) {}

  @Authorized(READ_INVENTORY)
  @Query(() => IncidentConnection, { description: 'Incidents on the viewer\'s organisations\' services, newest first.' })
  incidents(@Ctx() ctx: RequestContext, @Args() page: PageArgs, @Arg('filter', () => IncidentFilterInput, { nullable: true }) filter?: IncidentFilterInput) {
    return this.incidentService.list(
      ctx,
      {
        status: filter?.status,
        severity: filter?.severity,
        supplierId: optionalIdOf(filter?.supplierId, Supplier.typename, 'filter.supplierId'),
        serviceId: optionalIdOf(filter?.serviceId, NetworkService.typename, 'filter.serviceId'),
      },
      page,
    );
  }

  @Authorized(READ_INVENTORY)
  @Query(() => Incident)
  incident(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.incidentService.get(ctx, idOf(id, Incident.typename));
  }

  @FieldResolver(() => NetworkService)
  service(@Root() incident: Incident, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(NetworkService).load(incident.serviceId);
  }

  @FieldResolver(() => Supplier)
  supplier(@Root() incident: Incident, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Supplier).load(incident.supplierId);
  }

  @FieldResolver(() => Organisation)
  organisation(@Root() incident: Incident, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Organisation).load(incident.organisationId);
  }

  @FieldResolver(() => [IncidentStatusChange], { description: 'Status history, oldest first.' })
  statusHistory(@Root() incident: Incident, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(IncidentStatusChange, 'incidentId', {}, { changedAt: 'ASC' }).load(incident.id);
  }
}
