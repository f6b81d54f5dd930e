import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { MANAGE_RETENTION, MANAGE_SERVICE_DESK, READ_INVENTORY } from '../auth/roles';
import { Contract } from '../contracts/contract.entity';
import { PageArgs } from '../graphql-types/connection';
import type { RequestContext } from '../request/context';
import { idOf, optionalIdOf } from '../common/global-id';
import { Incident } from '../incidents/incident.entity';
import { Organisation } from '../organisations/organisation.entity';
import { Supplier } from '../suppliers/supplier.entity';
import { Escalation, EscalationLevelChange, EscalationUpdate } from './escalation.entity';
import {
  CloseEscalationInput,
  EscalateInput,
  EscalationFilterInput,
  RaiseEscalationInput,
  RecordEscalationUpdateInput,
} from './escalation.input';
import { EscalationService, minutesOverdue, retainedUntil } from './escalation.service';
import { EscalationConnection } from './escalation.types';

@Resolver(() => Escalation)
export class EscalationResolver {
  constructor(private readonly escalationService: EscalationService) {}

  @Authorized(READ_INVENTORY)
  @Query(() => EscalationConnection, { description: 'Escalations and complaints raised with suppliers, newest first.' })
  escalations(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => EscalationFilterInput, { nullable: true }) filter?: EscalationFilterInput,
  ) {
    return this.escalationService.list(
      ctx,
      {
        kind: filter?.kind,
        status: filter?.status,
        level: filter?.level,
        supplierId: optionalIdOf(filter?.supplierId, Supplier.typename, 'filter.supplierId'),
        contractId: optionalIdOf(filter?.contractId, Contract.typename, 'filter.contractId'),
        incidentId: optionalIdOf(filter?.incidentId, Incident.typename, 'filter.incidentId'),
      },
      page,
    );
  }

  @Authorized(READ_INVENTORY)
  @Query(() => Escalation)
  escalation(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.escalationService.get(ctx, idOf(id, Escalation.typename));
  }

  @Authorized(READ_INVENTORY)
  @Query(() => [Escalation], {
    description: 'Open escalations and complaints with no update within the agreed interval, most overdue first.',
  })
  escalationsOverdueForUpdate(@Ctx() ctx: RequestContext) {
    return this.escalationService.overdueForUpdate(ctx);
  }

  @Authorized(MANAGE_SERVICE_DESK)
  @Mutation(() => Escalation, { description: 'Raises an escalation or complaint with a supplier; the caller is its raiser.' })
  raiseEscalation(@Ctx() ctx: RequestContext, @Arg('input') input: RaiseEscalationInput) {
    return this.escalationService.raise(ctx, {
      kind: input.kind,
      supplierId: idOf(input.supplierId, Supplier.typename, 'input.supplierId'),
      contractId: optionalIdOf(input.contractId, Contract.typename, 'input.contractId'),
      incidentId: optionalIdOf(input.incidentId, Incident.typename, 'input.incidentId'),
      organisationId: optionalIdOf(input.organisationId, Organisation.typename, 'input.organisationId'),
      summary: input.summary,
      updateIntervalHours: input.updateIntervalHours,
      level: input.level,
    });
  }

  @Authorized(MANAGE_SERVICE_DESK)
  @Mutation(() => Escalation, { description: 'Records an update given to the raiser; the next is due an agreed interval later.' })
  recordEscalationUpdate(@Ctx() ctx: RequestContext, @Arg('input') input: RecordEscalationUpdateInput) {
    return this.escalationService.recordUpdate(ctx, idOf(input.escalationId, Escalation.typename, 'input.escalationId'), {
      givenBy: input.givenBy,
      givenAt: input.givenAt,
      text: input.text,
    });
  }

  @Authorized(MANAGE_SERVICE_DESK)
  @Mutation(() => Escalation, {
    description:
      'Moves it up a level, recording why (CNSP_SERVICE_DESK → CNSP_SERVICE_MANAGER → SERVICE_COORDINATOR, the last for obligation-level failures only).',
  })
  escalate(@Ctx() ctx: RequestContext, @Arg('input') input: EscalateInput) {
    return this.escalationService.escalate(ctx, idOf(input.escalationId, Escalation.typename, 'input.escalationId'), {
      to: input.to,
      reason: input.reason,
      obligation: input.obligation,
    });
  }

  @Authorized(MANAGE_SERVICE_DESK)
  @Mutation(() => Escalation, { description: 'The raiser agrees that it may be closed (CONFLICT NOT_RAISER for anyone else).' })
  agreeEscalationClosure(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.escalationService.agreeClosure(ctx, idOf(id, Escalation.typename));
  }

  @Authorized(MANAGE_SERVICE_DESK)
  @Mutation(() => Escalation, {
    description: 'Closes it: the raiser may; anyone else only after the raiser agreed (else CONFLICT RAISER_AGREEMENT_REQUIRED).',
  })
  closeEscalation(@Ctx() ctx: RequestContext, @Arg('input') input: CloseEscalationInput) {
    return this.escalationService.close(ctx, idOf(input.escalationId, Escalation.typename, 'input.escalationId'), input.resolution);
  }

  @Authorized(MANAGE_RETENTION)
  @Mutation(() => Boolean, {
    description: 'Deletes it with its history once kept two years after closure (CONFLICT RETENTION_PERIOD before).',
  })
  deleteEscalation(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.escalationService.delete(ctx, idOf(id, Escalation.typename));
  }

  @FieldResolver(() => Supplier)
  supplier(@Root() escalation: Escalation, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Supplier).load(escalation.supplierId);
  }

  @FieldResolver(() => Organisation)
  organisation(@Root() escalation: Escalation, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Organisation).load(escalation.organisationId);
  }

  @FieldResolver(() => Contract, { nullable: true })
  contract(@Root() escalation: Escalation, @Ctx() ctx: RequestContext) {
    return escalation.contractId === null ? null : ctx.loaders.byId(Contract).load(escalation.contractId);
  }

  @FieldResolver(() => Incident, { nullable: true })
  incident(@Root() escalation: Escalation, @Ctx() ctx: RequestContext) {
    return escalation.incidentId === null ? null : ctx.loaders.byId(Incident).load(escalation.incidentId);
  }

  @FieldResolver(() => [EscalationUpdate], { description: 'Updates given to the raiser, oldest first.' })
  updates(@Root() escalation: Escalation, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(EscalationUpdate, 'escalationId', {}, { givenAt: 'ASC' }).load(escalation.id);
  }

  @FieldResolver(() => [EscalationLevelChange], { description: 'Every level it has been at, with who moved it and why, oldest first.' })
  levelHistory(@Root() escalation: Escalation, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(EscalationLevelChange, 'escalationId', {}, { changedAt: 'ASC' }).load(escalation.id);
  }

  @FieldResolver(() => Int, { description: 'Minutes past the agreed update time (0 when not overdue or closed).' })
  minutesOverdueForUpdate(@Root() escalation: Escalation) {
    return minutesOverdue(escalation, new Date());
  }

  @FieldResolver(() => Date, {
    description: 'Kept until then: two years after closure (after raising, while open). Deleting before is refused.',
  })
  retainedUntil(@Root() escalation: Escalation) {
    return retainedUntil(escalation);
  }
}
