import { In, IsNull } from 'typeorm';
import { groupBy } from '../common/collections';
import { badInput } from '../common/errors';
import { todayInLondon } from '../common/calendar';
import { assertInScope } from '../auth/tenancy';
import type { RequestContext } from '../request/context';
import { toGlobalId } from '../common/global-id';
import { ActsFor, ActsForBasis } from '../organisations/acts-for.entity';
import { Organisation } from '../organisations/organisation.entity';
import { Site } from '../sites/site.entity';
import { AccessRequestStatus, ApplicationAccessRequest } from './application-access.entity';
import { assessCompliance, ComplianceCategory, type ComplianceFinding } from './compliance-rules';
import { ComplianceIssue, ComplianceReport } from './compliance.types';
import { ConnectionAgreement } from './connection-agreement.entity';
import { DsptAssessment } from './dspt-assessment.entity';
import { IpAllocation } from './ip-allocation.entity';
import { IpamDelegate } from './ipam-delegate.entity';
import { overlapsAmong } from './ipam.service';
import { ErrorReason } from '../common/error-reasons';

export const DEFAULT_DSPT_REMINDER_DAYS = 60;
export const DEFAULT_ACCESS_REQUEST_OVERDUE_DAYS = 30;

export interface ComplianceWindows {
  dsptReminderDays: number;
  accessRequestOverdueDays: number;
}

function days(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 730)
    throw badInput(field, `${field}: a whole number of days from 0 to 730`, ErrorReason.OUT_OF_RANGE);
  return value;
}

/**
 * Organisations' compliance registers read as lists of what needs doing. One organisation
 * or all the viewer may see cost the same statements: each kind of record is read once for
 * every organisation asked about.
 */
export class ComplianceStatusService {
  async report(ctx: RequestContext, organisationId: number, windows: ComplianceWindows): Promise<ComplianceReport> {
    assertInScope(ctx, organisationId);
    const [report] = await this.reports(ctx, [organisationId], windows);
    return report!;
  }

  /** A report for every organisation the viewer may see (a CSU: its own and its trusts'), by ODS code. */
  async overview(ctx: RequestContext, windows: ComplianceWindows): Promise<ComplianceReport[]> {
    const organisations = await ctx
      .repository(Organisation)
      .find({ select: { id: true, odsCode: true }, where: { id: In([...ctx.organisationIds]) }, order: { odsCode: 'ASC' } });
    return this.reports(
      ctx,
      organisations.map((o) => o.id),
      windows,
    );
  }

  private async reports(ctx: RequestContext, organisationIds: number[], windows: ComplianceWindows): Promise<ComplianceReport[]> {
    const dsptReminderDays = days(windows.dsptReminderDays, 'dsptReminderDays');
    const accessRequestOverdueDays = days(windows.accessRequestOverdueDays, 'accessRequestOverdueDays');
    if (organisationIds.length === 0) return [];
    const today = todayInLondon();
    const ids = In(organisationIds);

    const [dspts, agreements, represented, sites, allocations, delegates, pending] = await Promise.all([
      ctx.repository(DsptAssessment).find({ where: { organisationId: ids }, order: { publishedOn: 'DESC', id: 'DESC' } }),
      ctx.repository(ConnectionAgreement).find({ where: { organisationId: ids, supersededById: IsNull() }, order: { id: 'DESC' } }),
      ctx.repository(ActsFor).find({ where: { managerId: ids, basis: ActsForBasis.REPRESENTING_CUSTOMERS } }),
      ctx.repository(Site).find({
        select: { id: true, organisationId: true, name: true, odsCode: true },
        where: { organisationId: ids },
        order: { odsCode: 'ASC' },
      }),
      ctx.repository(IpAllocation).find({ where: { organisationId: ids, releasedOn: IsNull() }, order: { id: 'ASC' } }),
      ctx
        .repository(IpamDelegate)
        .find({ select: { id: true, organisationId: true }, where: { organisationId: ids, revokedOn: IsNull() } }),
      ctx
        .repository(ApplicationAccessRequest)
        .find({ where: { organisationId: ids, status: AccessRequestStatus.REQUESTED }, order: { requestedOn: 'ASC', id: 'ASC' } }),
    ]);
    const representedOrganisations = represented.length
      ? await ctx.repository(Organisation).findBy({ id: In(represented.map((r) => r.managedId)) })
      : [];
    const odsCodeOf = new Map(representedOrganisations.map((o) => [o.id, o.odsCode]));

    const sitesBy = groupBy(sites, (site) => site.organisationId);
    const allocationsBy = groupBy(allocations, (allocation) => allocation.organisationId);
    const pendingBy = groupBy(pending, (request) => request.organisationId);

    return organisationIds.map((organisationId) => {
      const dspt = dspts.find((d) => d.organisationId === organisationId) ?? null;
      const agreement = agreements.find((a) => a.organisationId === organisationId) ?? null;
      const ownSites = sitesBy.get(organisationId) ?? [];
      const inUse = allocationsBy.get(organisationId) ?? [];
      const withAllocation = new Set(inUse.map((allocation) => allocation.siteId));
      const siteName = new Map(ownSites.map((site) => [site.id, `${site.name} (${site.odsCode})`]));
      const findings = assessCompliance({
        today,
        dsptReminderDays,
        accessRequestOverdueDays,
        dspt,
        agreement,
        represents: represented
          .filter((r) => r.managerId === organisationId)
          .map((r) => odsCodeOf.get(r.managedId) ?? String(r.managedId))
          .sort(),
        sitesWithoutAllocation: ownSites.filter((site) => !withAllocation.has(site.id)),
        activeIpamDelegates: delegates.filter((d) => d.organisationId === organisationId).length,
        pendingAccessRequests: pendingBy.get(organisationId) ?? [],
        overlaps: overlapsAmong(inUse)
          .filter((overlap) => !overlap.accepted)
          .map((overlap) => ({
            id: overlap.overlapsWith.id,
            cidr: overlap.overlapsWith.cidr,
            site: siteName.get(overlap.overlapsWith.siteId) ?? 'a site',
            otherId: overlap.allocation.id,
            otherCidr: overlap.allocation.cidr,
            otherSite: siteName.get(overlap.allocation.siteId) ?? 'a site',
          })),
      });
      return toReport(organisationId, today, { dsptReminderDays, accessRequestOverdueDays }, dspt, agreement, findings);
    });
  }
}

function toReport(
  organisationId: number,
  today: string,
  windows: ComplianceWindows,
  dspt: DsptAssessment | null,
  agreement: ConnectionAgreement | null,
  findings: ComplianceFinding[],
): ComplianceReport {
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
  report.dsptReminderDays = windows.dsptReminderDays;
  report.accessRequestOverdueDays = windows.accessRequestOverdueDays;
  report.dspt = dspt;
  report.connectionAgreement = agreement;
  report.missing = issues.filter((i) => i.category === ComplianceCategory.MISSING);
  report.expiring = issues.filter((i) => i.category === ComplianceCategory.EXPIRING);
  report.overdue = issues.filter((i) => i.category === ComplianceCategory.OVERDUE);
  report.conflicting = issues.filter((i) => i.category === ComplianceCategory.CONFLICTING);
  report.compliant = issues.length === 0;
  return report;
}
