import { type LocalDate } from '../common/dates';
import { todayInLondon } from '../common/calendar';
import { optionalText, requiredText } from '../common/text';
import { findVisible, withinScope } from '../auth/tenancy';
import { Contact } from '../contacts/contact.entity';
import { recordTransition } from '../db/transitions';
import { paginate, type Connection, type PageArgs } from '../request/paging';
import type { RequestContext } from '../request/context';
import { accessRequestLifecycle } from './access-request-lifecycle';
import { AccessRequestStatus, ApplicationAccessRequest, ApplicationAccessTransition } from './application-access.entity';
import { notInFuture } from './past-date';

export interface AccessRequestFilter {
  organisationId?: number;
  status?: AccessRequestStatus[];
}

/** Requests for access to applications (handbook item 9), every move recorded with who and why. */
export class AccessRequestService {
  list(ctx: RequestContext, filter: AccessRequestFilter, page: PageArgs): Promise<Connection<ApplicationAccessRequest>> {
    const query = withinScope(ctx, ctx.repository(ApplicationAccessRequest).createQueryBuilder('request'));
    if (filter.organisationId !== undefined)
      query.andWhere('request.organisationId = :organisationId', { organisationId: filter.organisationId });
    if (filter.status?.length) query.andWhere('request.status IN (:...statuses)', { statuses: filter.status });
    return paginate(query, page, { maxPageSize: ctx.config.graphql.maxPageSize, direction: 'DESC' });
  }

  get(ctx: RequestContext, id: number): Promise<ApplicationAccessRequest> {
    return findVisible(ctx, ApplicationAccessRequest, id, ApplicationAccessRequest.typename);
  }

  async request(
    ctx: RequestContext,
    input: { requestedById: number; application: string; requestedOn?: LocalDate; notes?: string | null },
  ): Promise<ApplicationAccessRequest> {
    const application = requiredText(input.application, 'input.application');
    const requestedOn = notInFuture(input.requestedOn ?? todayInLondon(), 'input.requestedOn', 'the request date');
    return ctx.transaction(async (tx) => {
      const contact = await findVisible(tx, Contact, input.requestedById, Contact.typename);
      const request = await tx.repository(ApplicationAccessRequest).save(
        tx.repository(ApplicationAccessRequest).create({
          organisationId: contact.organisationId,
          application,
          requestedById: contact.id,
          requestedOn,
          status: AccessRequestStatus.REQUESTED,
          decidedOn: null,
          notes: optionalText(input.notes) ?? null,
        }),
      );
      await this.record(tx, request, null, `Requested by ${contact.name}`);
      return request;
    });
  }

  async move(ctx: RequestContext, id: number, to: AccessRequestStatus, reason: string): Promise<ApplicationAccessRequest> {
    const why = requiredText(reason, 'input.reason');
    return ctx.transaction(async (tx) => {
      const request = await this.get(tx, id);
      accessRequestLifecycle.assertMove(request.status, to, { field: 'input.status' });
      const from = request.status;
      request.status = to;
      request.decidedOn = todayInLondon();
      const saved = await tx.repository(ApplicationAccessRequest).save(request);
      await this.record(tx, saved, from, why);
      return saved;
    });
  }

  private record(ctx: RequestContext, request: ApplicationAccessRequest, from: AccessRequestStatus | null, reason: string) {
    return recordTransition(ctx, ApplicationAccessTransition, { subject: request, from, to: request.status, reason });
  }
}
