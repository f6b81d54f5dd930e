import { IsNull } from 'typeorm';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { MANAGE_INVENTORY, READ_INVENTORY } from '../auth/roles';
import { Contact } from '../contacts/contact.entity';
import { ConnectionType, PageArgs } from '../graphql-types/connection';
import type { RequestContext } from '../request/context';
import { idOf, optionalIdOf } from '../common/global-id';
import { Organisation } from '../organisations/organisation.entity';
import { Site } from '../sites/site.entity';
import { Supplier } from '../suppliers/supplier.entity';
import { AccessRequestService } from './access-request.service';
import { AccessRequestStatus, ApplicationAccessRequest, ApplicationAccessTransition } from './application-access.entity';
import { ComplianceStatusService, DEFAULT_ACCESS_REQUEST_OVERDUE_DAYS, DEFAULT_DSPT_REMINDER_DAYS } from './compliance-status.service';
import {
  AllocateIpRangeInput,
  GrantIpamDelegateInput,
  MoveApplicationAccessRequestInput,
  RecordConnectionAgreementInput,
  RecordDsptAssessmentInput,
  ReleaseIpRangeInput,
  RequestApplicationAccessInput,
  RevokeIpamDelegateInput,
  UpdateIpAllocationInput,
} from './compliance.input';
import { ComplianceReport, IpOverlap } from './compliance.types';
import { ConnectionAgreement } from './connection-agreement.entity';
import { DsptAssessment } from './dspt-assessment.entity';
import { IpAllocation } from './ip-allocation.entity';
import { IpamDelegate } from './ipam-delegate.entity';
import { IpamService } from './ipam.service';
import { RegisterService } from './register.service';

export const IpAllocationConnection = ConnectionType(IpAllocation, 'IpAllocation');
export const ApplicationAccessRequestConnection = ConnectionType(ApplicationAccessRequest, 'ApplicationAccessRequest');

const organisation = (id: string, field = 'organisationId') => idOf(id, Organisation.typename, field);

/** The compliance register: DSPT, Connection Agreement, IPAM and application access (handbook items 8–10). */
@Resolver()
export class ComplianceResolver {
  constructor(
    private readonly register: RegisterService,
    private readonly ipam: IpamService,
    private readonly accessRequests: AccessRequestService,
    private readonly status: ComplianceStatusService,
  ) {}

  @Authorized(READ_INVENTORY)
  @Query(() => ComplianceReport, {
    description: "What is missing, expiring, overdue or conflicting in an organisation's compliance register.",
  })
  complianceStatus(
    @Ctx() ctx: RequestContext,
    @Arg('organisationId', () => ID) organisationId: string,
    @Arg('dsptReminderDays', () => Int, {
      defaultValue: DEFAULT_DSPT_REMINDER_DAYS,
      description: 'Remind this many days before a DSPT expires.',
    })
    dsptReminderDays: number,
    @Arg('accessRequestOverdueDays', () => Int, {
      defaultValue: DEFAULT_ACCESS_REQUEST_OVERDUE_DAYS,
      description: 'An access request still REQUESTED after this many days is overdue.',
    })
    accessRequestOverdueDays: number,
  ) {
    return this.status.report(ctx, organisation(organisationId), { dsptReminderDays, accessRequestOverdueDays });
  }

  @Authorized(READ_INVENTORY)
  @Query(() => [ComplianceReport], {
    description: 'complianceStatus for every organisation the viewer may see (a CSU: its own and those it acts for), by ODS code.',
  })
  complianceOverview(
    @Ctx() ctx: RequestContext,
    @Arg('dsptReminderDays', () => Int, { defaultValue: DEFAULT_DSPT_REMINDER_DAYS }) dsptReminderDays: number,
    @Arg('accessRequestOverdueDays', () => Int, { defaultValue: DEFAULT_ACCESS_REQUEST_OVERDUE_DAYS }) accessRequestOverdueDays: number,
  ) {
    return this.status.overview(ctx, { dsptReminderDays, accessRequestOverdueDays });
  }

  @Authorized(READ_INVENTORY)
  @Query(() => [DsptAssessment], { description: 'Every DSPT publication of the organisation, newest first.' })
  dsptAssessments(@Ctx() ctx: RequestContext, @Arg('organisationId', () => ID) organisationId: string) {
    return this.register.dsptAssessments(ctx, organisation(organisationId));
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => DsptAssessment, {
    description: 'Records a published DSPT assessment; its year and expiry follow from the publication date.',
  })
  recordDsptAssessment(@Ctx() ctx: RequestContext, @Arg('input') input: RecordDsptAssessmentInput) {
    const { organisationId, ...rest } = input;
    return this.register.recordDspt(ctx, organisation(organisationId, 'input.organisationId'), rest);
  }

  @Authorized(READ_INVENTORY)
  @Query(() => [ConnectionAgreement], { description: 'Every signed HSCN Connection Agreement version, newest first.' })
  connectionAgreements(@Ctx() ctx: RequestContext, @Arg('organisationId', () => ID) organisationId: string) {
    return this.register.connectionAgreements(ctx, organisation(organisationId));
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => ConnectionAgreement, {
    description: 'Records a signed Connection Agreement version; it supersedes the version in force, which must be older.',
  })
  recordConnectionAgreement(@Ctx() ctx: RequestContext, @Arg('input') input: RecordConnectionAgreementInput) {
    const { organisationId, ...rest } = input;
    return this.register.recordAgreement(ctx, organisation(organisationId, 'input.organisationId'), rest);
  }

  @Authorized(READ_INVENTORY)
  @Query(() => IpAllocationConnection, { description: 'IP allocations, oldest first; released ones only when asked.' })
  ipAllocations(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('organisationId', () => ID, { nullable: true }) organisationId?: string,
    @Arg('siteId', () => ID, { nullable: true }) siteId?: string,
    @Arg('supplierId', () => ID, { nullable: true }) supplierId?: string,
    @Arg('includeReleased', { defaultValue: false }) includeReleased?: boolean,
  ) {
    return this.ipam.list(
      ctx,
      {
        organisationId: optionalIdOf(organisationId, Organisation.typename, 'organisationId'),
        siteId: optionalIdOf(siteId, Site.typename, 'siteId'),
        supplierId: optionalIdOf(supplierId, Supplier.typename, 'supplierId'),
        includeReleased,
      },
      page,
    );
  }

  @Authorized(READ_INVENTORY)
  @Query(() => [IpOverlap], {
    description:
      'Pairs of IP ranges in use in the organisation that share addresses (imported overlaps, or overlaps accepted by exception).',
  })
  ipOverlaps(@Ctx() ctx: RequestContext, @Arg('organisationId', () => ID) organisationId: string) {
    return this.ipam.overlaps(ctx, organisation(organisationId));
  }

  @Authorized(READ_INVENTORY)
  @Query(() => [IpAllocation], {
    description: 'The RIPE ranges in use that this CN-SP allocated: they stay with the CN-SP and must be returned when leaving it.',
  })
  ripeRangesToReturn(
    @Ctx() ctx: RequestContext,
    @Arg('organisationId', () => ID) organisationId: string,
    @Arg('supplierId', () => ID) supplierId: string,
  ) {
    return this.ipam.ripeRangesToReturn(ctx, organisation(organisationId), idOf(supplierId, Supplier.typename, 'supplierId'));
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => IpAllocation, {
    description:
      'Allocates an IP range to a site; refused when it overlaps a range in use in the organisation, unless an overlapException is given.',
  })
  allocateIpRange(@Ctx() ctx: RequestContext, @Arg('input') input: AllocateIpRangeInput) {
    return this.ipam.allocate(ctx, {
      siteId: idOf(input.siteId, Site.typename, 'input.siteId'),
      cidr: input.cidr,
      registration: input.registration,
      supplierId: optionalIdOf(input.supplierId, Supplier.typename, 'input.supplierId'),
      description: input.description,
      allocatedOn: input.allocatedOn ?? undefined,
      overlapException: input.overlapException,
    });
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => IpAllocation, {
    description:
      'Corrects an allocation in use: its site (same organisation), allocating CN-SP or description. To change the range, release it and allocate another.',
  })
  updateIpAllocation(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateIpAllocationInput) {
    return this.ipam.update(ctx, idOf(input.id, IpAllocation.typename, 'input.id'), {
      siteId: optionalIdOf(input.siteId, Site.typename, 'input.siteId'),
      supplierId: input.supplierId === null ? null : optionalIdOf(input.supplierId, Supplier.typename, 'input.supplierId'),
      description: input.description,
    });
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => IpAllocation, {
    description: 'Records that a range was released (returned to its CN-SP or given up); it is kept in the history.',
  })
  releaseIpRange(@Ctx() ctx: RequestContext, @Arg('input') input: ReleaseIpRangeInput) {
    return this.ipam.release(ctx, idOf(input.id, IpAllocation.typename, 'input.id'), input.reason, input.releasedOn ?? undefined);
  }

  @Authorized(READ_INVENTORY)
  @Query(() => [IpamDelegate], { description: 'Who holds IPAM delegate access for the organisation, earliest grant first.' })
  ipamDelegates(
    @Ctx() ctx: RequestContext,
    @Arg('organisationId', () => ID) organisationId: string,
    @Arg('includeRevoked', { defaultValue: false }) includeRevoked: boolean,
  ) {
    return this.ipam.delegates(ctx, organisation(organisationId), includeRevoked);
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => IpamDelegate, { description: 'Records that a contact was given IPAM delegate access.' })
  grantIpamDelegateAccess(@Ctx() ctx: RequestContext, @Arg('input') input: GrantIpamDelegateInput) {
    return this.ipam.grantDelegate(ctx, idOf(input.contactId, Contact.typename, 'input.contactId'), input.grantedOn ?? undefined);
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => IpamDelegate, { description: "Records that a person's IPAM delegate access was revoked." })
  revokeIpamDelegateAccess(@Ctx() ctx: RequestContext, @Arg('input') input: RevokeIpamDelegateInput) {
    return this.ipam.revokeDelegate(ctx, idOf(input.id, IpamDelegate.typename, 'input.id'), input.revokedOn ?? undefined, input.reason);
  }

  @Authorized(READ_INVENTORY)
  @Query(() => ApplicationAccessRequestConnection, { description: 'Requests for access to applications, newest first.' })
  applicationAccessRequests(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('organisationId', () => ID, { nullable: true }) organisationId?: string,
    @Arg('status', () => [AccessRequestStatus], { nullable: true }) status?: AccessRequestStatus[],
  ) {
    return this.accessRequests.list(
      ctx,
      { organisationId: optionalIdOf(organisationId, Organisation.typename, 'organisationId'), status },
      page,
    );
  }

  @Authorized(READ_INVENTORY)
  @Query(() => ApplicationAccessRequest)
  applicationAccessRequest(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.accessRequests.get(ctx, idOf(id, ApplicationAccessRequest.typename));
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => ApplicationAccessRequest, { description: 'Records a request for access to an application (REQUESTED).' })
  requestApplicationAccess(@Ctx() ctx: RequestContext, @Arg('input') input: RequestApplicationAccessInput) {
    return this.accessRequests.request(ctx, {
      requestedById: idOf(input.requestedById, Contact.typename, 'input.requestedById'),
      application: input.application,
      requestedOn: input.requestedOn ?? undefined,
      notes: input.notes,
    });
  }

  @Authorized(MANAGE_INVENTORY)
  @Mutation(() => ApplicationAccessRequest, {
    description: 'Moves a REQUESTED request to APPROVED, REJECTED or WITHDRAWN, recording who and why.',
  })
  moveApplicationAccessRequest(@Ctx() ctx: RequestContext, @Arg('input') input: MoveApplicationAccessRequestInput) {
    return this.accessRequests.move(ctx, idOf(input.id, ApplicationAccessRequest.typename, 'input.id'), input.status, input.reason);
  }
}

@Resolver(() => ComplianceReport)
export class ComplianceReportResolver {
  @FieldResolver(() => Organisation)
  organisation(@Root() report: ComplianceReport, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Organisation).load(report.organisationId);
  }
}

@Resolver(() => DsptAssessment)
export class DsptAssessmentResolver {
  @FieldResolver(() => Organisation)
  organisation(@Root() assessment: DsptAssessment, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Organisation).load(assessment.organisationId);
  }
}

@Resolver(() => ConnectionAgreement)
export class ConnectionAgreementResolver {
  @FieldResolver(() => Organisation)
  organisation(@Root() agreement: ConnectionAgreement, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Organisation).load(agreement.organisationId);
  }

  @FieldResolver(() => ConnectionAgreement, { nullable: true, description: 'The newer version that superseded it.' })
  supersededBy(@Root() agreement: ConnectionAgreement, @Ctx() ctx: RequestContext) {
    return agreement.supersededById === null ? null : ctx.loaders.byId(ConnectionAgreement).load(agreement.supersededById);
  }
}

@Resolver(() => IpAllocation)
export class IpAllocationResolver {
  @FieldResolver(() => Site)
  site(@Root() allocation: IpAllocation, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Site).load(allocation.siteId);
  }

  @FieldResolver(() => Supplier, { nullable: true, description: 'The CN-SP that allocated it.' })
  supplier(@Root() allocation: IpAllocation, @Ctx() ctx: RequestContext) {
    return allocation.supplierId === null ? null : ctx.loaders.byId(Supplier).load(allocation.supplierId);
  }

  @FieldResolver(() => Organisation)
  organisation(@Root() allocation: IpAllocation, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Organisation).load(allocation.organisationId);
  }
}

@Resolver(() => Site)
export class SiteIpAllocationsResolver {
  @FieldResolver(() => [IpAllocation], { description: 'The IP ranges in use at the site.' })
  ipAllocations(@Root() site: Site, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(IpAllocation, 'siteId', { releasedOn: IsNull() }).load(site.id);
  }
}

@Resolver(() => IpamDelegate)
export class IpamDelegateResolver {
  @FieldResolver(() => Contact, { nullable: true, description: 'The person; null if the contact has since been deleted.' })
  contact(@Root() delegate: IpamDelegate, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Contact).load(delegate.contactId);
  }
}

@Resolver(() => ApplicationAccessRequest)
export class ApplicationAccessRequestResolver {
  @FieldResolver(() => Contact, { nullable: true, description: 'Who asked for it; null if the contact has since been deleted.' })
  requestedBy(@Root() request: ApplicationAccessRequest, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Contact).load(request.requestedById);
  }

  @FieldResolver(() => Organisation)
  organisation(@Root() request: ApplicationAccessRequest, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Organisation).load(request.organisationId);
  }

  @FieldResolver(() => [ApplicationAccessTransition], { description: 'Every move, oldest first.' })
  history(@Root() request: ApplicationAccessRequest, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(ApplicationAccessTransition, 'requestId', {}, { createdAt: 'ASC' }).load(request.id);
  }
}
