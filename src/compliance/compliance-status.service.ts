import { IsNull } from 'typeorm';
import { badInput } from '../common/errors';
import { todayInLondon } from '../common/dates';
import { assertInScope } from '../auth/tenancy';
import type { RequestContext } from '../graphql/context';
import { toGlobalId } from '../graphql/global-id';
import { ActsFor, ActsForBasis } from '../organisations/acts-for.entity';
import { Organisation } from '../organisations/organisation.entity';
import { Site } from '../sites/site.entity';
import { AccessRequestStatus, ApplicationAccessRequest } from './application-access.entity';
import { assessCompliance, ComplianceCategory } from './compliance-rules';
import { ComplianceIssue, ComplianceReport } from './compliance.types';
import { IpAllocation } from './ip-allocation.entity';
import { IpamDelegate } from './ipam-delegate.entity';
import type { IpamService } from './ipam.service';
import type { RegisterService } from './register.service';

export const DEFAULT_DSPT_REMINDER_DAYS = 60;
export const DEFAULT_ACCESS_REQUEST_OVERDUE_DAYS = 30;

function days(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 730) throw badInput(field, `${field}: a whole number of days from 0 to 730`, 'OUT_OF_RANGE');
  return value;
}

/** One organisation's compliance register, read as a list of what needs doing. */
export class ComplianceStatusService {
  constructor(
    private readonly register: RegisterService,
    private readonly ipam: IpamService,
  ) {}

  async report(ctx: RequestContext, organisationId: number, options: { dsptReminderDays: number; accessRequestOverdueDays: number }): Promise<ComplianceReport> {
    assertInScope(ctx, organisationId);
    const dsptReminderDays = days(options.dsptReminderDays, 'dsptReminderDays');
    const accessRequestOverdueDays = days(options.accessRequestOverdueDays, 'accessRequestOverdueDays');
    const today = todayInLondon();

    const [dspt, agreement, represented, sites, allocatedSites, delegates, pending, overlaps] = await Promise.all([
      this.register.currentDspt(ctx, organisationId),
      this.register.currentAgreement(ctx, organisationId),
      ctx.repository(ActsFor).find({ where: { managerId: organisationId, basis: ActsForBasis.REPRESENTING_CUSTOMERS } }),
      ctx.repository(Site).find({ select: { id: true, name: true, odsCode: true }, where: { organisationId }, order: { odsCode: 'ASC' } }),
      ctx.repository(IpAllocation).createQueryBuilder('allocation').select('DISTINCT allocation.siteId', 'siteId')
        .where('allocation.organisationId = :organisationId AND allocation.releasedOn IS NULL', { organisationId }).getRawMany<{ siteId: number }>(),
      ctx.repository(IpamDelegate).count({ where: { organisationId, revokedOn: IsNull() } }),
      ctx.repository(ApplicationAccessRequest).find({ where: { organisationId, status: AccessRequestStatus.REQUESTED }, order: { requestedOn: 'ASC', id: 'ASC' } }),
      this.ipam.overlaps(ctx, organisationId),
    ]);
    const representedCodes = represented.length
      ? (await ctx.repository(Organisation).findBy(represented.map((r) => ({ id: r.managedId })))).map((o) => o.odsCode).sort()
      : [];
    const withAllocation = new Set(allocatedSites.map((row) => Number(row.siteId)));
    const siteNames = new Map(sites.map((site) => [site.id, `${site.name} (${site.odsCode})`]));

    const findings = assessCompliance({
      today,
      dsptReminderDays,
      accessRequestOverdueDays,
      dspt,
      agreement,
      represents: representedCodes,
      sitesWithoutAllocation: sites.filter((site) => !withAllocation.has(site.id)),
      activeIpamDelegates: delegates,
      pendingAccessRequests: pending,
      overlaps: overlaps
        .filter((overlap) => !overlap.accepted)
        .map((overlap) => ({
          id: overlap.overlapsWith.id,
          cidr: overlap.overlapsWith.cidr,
          site: siteNames.get(overlap.overlapsWith.siteId) ?? 'a site',
          otherId: overlap.allocation.id,
          otherCidr: overlap.allocation.cidr,
          otherSite: siteNames.get(overlap.allocation.siteId) ?? 'a site',
        })),
    });

    const issues = findings.map((finding) => {
      const issue = new ComplianceIssue();
      issue.code = finding.code;
      issue.category = finding.category;
      issue.severity = finding.severity;
      issue.message = finding.message;
      issue.subjectId = finding.subject ? toGlobalId(finding.subject.typename, finding.subject.id) : null;
      return issue;
    });
    const report = new ComplianceReport();
    report.organisationId = organisationId;
    report.asOf = today;
    report.dsptReminderDays = dsptReminderDays;
    report.accessRequestOverdueDays = accessRequestOverdueDays;
    report.dspt = dspt;
    report.connectionAgreement = agreement;
    report.missing = issues.filter((i) => i.category === ComplianceCategory.MISSING);
    report.expiring = issues.filter((i) => i.category === ComplianceCategory.EXPIRING);
    report.overdue = issues.filter((i) => i.category === ComplianceCategory.OVERDUE);
    report.conflicting = issues.filter((i) => i.category === ComplianceCategory.CONFLICTING);
    report.compliant = issues.length === 0;
    return report;
  }
}
