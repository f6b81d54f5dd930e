import { daysBetween, type LocalDate } from '../common/dates';
import { DsptStatus } from './dspt-assessment.entity';
import { dsptStanding } from './dspt';

export enum ComplianceCategory {
  MISSING = 'MISSING',
  EXPIRING = 'EXPIRING',
  OVERDUE = 'OVERDUE',
  CONFLICTING = 'CONFLICTING',
}

export enum ComplianceSeverity {
  HIGH = 'HIGH',
  MEDIUM = 'MEDIUM',
  LOW = 'LOW',
}

export enum ComplianceIssueCode {
  NO_DSPT = 'NO_DSPT',
  DSPT_STANDARDS_NOT_MET = 'DSPT_STANDARDS_NOT_MET',
  DSPT_APPROACHING_STANDARDS = 'DSPT_APPROACHING_STANDARDS',
  DSPT_EXPIRING = 'DSPT_EXPIRING',
  DSPT_EXPIRED = 'DSPT_EXPIRED',
  NO_CONNECTION_AGREEMENT = 'NO_CONNECTION_AGREEMENT',
  REPRESENTING_CUSTOMERS_VARIATION_MISSING = 'REPRESENTING_CUSTOMERS_VARIATION_MISSING',
  SITE_WITHOUT_IP_ALLOCATION = 'SITE_WITHOUT_IP_ALLOCATION',
  NO_IPAM_DELEGATE = 'NO_IPAM_DELEGATE',
  ACCESS_REQUEST_OVERDUE = 'ACCESS_REQUEST_OVERDUE',
  IP_OVERLAP = 'IP_OVERLAP',
}

/** A record an issue is about, as its GraphQL type and database id. */
export interface IssueSubject {
  typename: string;
  id: number;
}

export interface ComplianceFinding {
  code: ComplianceIssueCode;
  category: ComplianceCategory;
  severity: ComplianceSeverity;
  message: string;
  subject: IssueSubject | null;
}

/** What the register holds for one organisation, gathered by the service. */
export interface ComplianceFacts {
  today: LocalDate;
  dsptReminderDays: number;
  accessRequestOverdueDays: number;
  dspt: { id: number; status: DsptStatus; assessmentYear: string; expiresOn: LocalDate } | null;
  agreement: { id: number; version: string; representingCustomers: boolean } | null;
  /** ODS codes of the organisations it represents under the Representing Customers variation */
  represents: string[];
  sitesWithoutAllocation: Array<{ id: number; name: string; odsCode: string }>;
  activeIpamDelegates: number;
  pendingAccessRequests: Array<{ id: number; application: string; requestedOn: LocalDate }>;
  /** overlapping pairs with no recorded exception */
  overlaps: Array<{ id: number; cidr: string; site: string; otherId: number; otherCidr: string; otherSite: string }>;
}

const longDate = (date: LocalDate) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Everything missing, expiring, overdue or conflicting in an organisation's register, in that order. */
export function assessCompliance(facts: ComplianceFacts): ComplianceFinding[] {
  const findings: ComplianceFinding[] = [];
  const add = (
    code: ComplianceIssueCode,
    category: ComplianceCategory,
    severity: ComplianceSeverity,
    message: string,
    subject: IssueSubject | null = null,
  ) => findings.push({ code, category, severity, message, subject });
  const { MISSING, EXPIRING, OVERDUE, CONFLICTING } = ComplianceCategory;
  const { HIGH, MEDIUM, LOW } = ComplianceSeverity;

  const { dspt } = facts;
  if (!dspt) {
    add(ComplianceIssueCode.NO_DSPT, MISSING, HIGH, 'No Data Security and Protection Toolkit assessment is recorded.');
  } else {
    const subject = { typename: 'DsptAssessment', id: dspt.id };
    if (dspt.status === DsptStatus.STANDARDS_NOT_MET) {
      add(
        ComplianceIssueCode.DSPT_STANDARDS_NOT_MET,
        MISSING,
        HIGH,
        `The ${dspt.assessmentYear} DSPT assessment did not meet the standards.`,
        subject,
      );
    } else if (dspt.status === DsptStatus.APPROACHING_STANDARDS) {
      add(
        ComplianceIssueCode.DSPT_APPROACHING_STANDARDS,
        MISSING,
        MEDIUM,
        `The ${dspt.assessmentYear} DSPT assessment is approaching the standards but does not yet meet them.`,
        subject,
      );
    }
    const standing = dsptStanding(dspt.expiresOn, facts.today, facts.dsptReminderDays);
    if (standing === 'EXPIRED') {
      add(
        ComplianceIssueCode.DSPT_EXPIRED,
        OVERDUE,
        HIGH,
        `The ${dspt.assessmentYear} DSPT assessment expired on ${longDate(dspt.expiresOn)}; publish a new one.`,
        subject,
      );
    } else if (standing === 'EXPIRING') {
      const days = daysBetween(facts.today, dspt.expiresOn);
      add(
        ComplianceIssueCode.DSPT_EXPIRING,
        EXPIRING,
        MEDIUM,
        `The ${dspt.assessmentYear} DSPT assessment expires on ${longDate(dspt.expiresOn)}, ${days === 0 ? 'today' : `in ${plural(days, 'day')}`}.`,
        subject,
      );
    }
  }

  if (!facts.agreement) {
    add(ComplianceIssueCode.NO_CONNECTION_AGREEMENT, MISSING, HIGH, 'No signed HSCN Connection Agreement is recorded.');
  } else if (facts.represents.length && !facts.agreement.representingCustomers) {
    add(
      ComplianceIssueCode.REPRESENTING_CUSTOMERS_VARIATION_MISSING,
      MISSING,
      MEDIUM,
      `The organisation represents ${facts.represents.join(', ')} but its Connection Agreement (version ${facts.agreement.version}) does ` +
        `not include the Representing Customers variation.`,
      { typename: 'ConnectionAgreement', id: facts.agreement.id },
    );
  }

  for (const site of facts.sitesWithoutAllocation) {
    add(ComplianceIssueCode.SITE_WITHOUT_IP_ALLOCATION, MISSING, MEDIUM, `${site.name} (${site.odsCode}) has no IP allocation recorded.`, {
      typename: 'Site',
      id: site.id,
    });
  }

  if (facts.activeIpamDelegates === 0) {
    add(ComplianceIssueCode.NO_IPAM_DELEGATE, MISSING, MEDIUM, 'Nobody holds IPAM delegate access for the organisation.');
  }

  for (const request of facts.pendingAccessRequests) {
    const age = daysBetween(request.requestedOn, facts.today);
    if (age > facts.accessRequestOverdueDays) {
      add(
        ComplianceIssueCode.ACCESS_REQUEST_OVERDUE,
        OVERDUE,
        LOW,
        `The request for access to ${request.application} has waited ${plural(age, 'day')} since ${longDate(request.requestedOn)} (more ` +
          `than ${facts.accessRequestOverdueDays}).`,
        { typename: 'ApplicationAccessRequest', id: request.id },
      );
    }
  }

  for (const overlap of facts.overlaps) {
    add(
      ComplianceIssueCode.IP_OVERLAP,
      CONFLICTING,
      HIGH,
      `${overlap.cidr} at ${overlap.site} overlaps ${overlap.otherCidr} at ${overlap.otherSite}.`,
      { typename: 'IpAllocation', id: overlap.id },
    );
  }
  const rank = [MISSING, EXPIRING, OVERDUE, CONFLICTING];
  return findings.sort((a, b) => rank.indexOf(a.category) - rank.indexOf(b.category));
}
