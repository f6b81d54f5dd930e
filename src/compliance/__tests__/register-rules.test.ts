import fc from 'fast-check';
import { addDays, daysBetween } from '../../common/dates';
import { compareAgreementVersions, isAgreementVersion } from '../agreement-version';
import { assessCompliance, ComplianceIssueCode, type ComplianceFacts } from '../compliance-rules';
import { dsptExpiryOf, dsptStanding, dsptYearOf } from '../dspt';
import { DsptStatus } from '../dspt-assessment.entity';

describe('DSPT years and expiry', () => {
  it.each([
    ['2025-07-01', '2025-26', '2026-06-30'],
    ['2025-11-25', '2025-26', '2026-06-30'],
    ['2026-06-29', '2025-26', '2026-06-30'],
    ['2026-06-30', '2025-26', '2026-06-30'],
    ['2024-02-29', '2023-24', '2024-06-30'],
    ['1999-12-31', '1999-00', '2000-06-30'],
  ])('a publication on %s belongs to %s and expires on %s', (publishedOn, year, expiry) => {
    expect(dsptYearOf(publishedOn)).toBe(year);
    expect(dsptExpiryOf(publishedOn)).toBe(expiry);
  });

  it('expires on the first 30 June on or after publication, within a year (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 30 }), (offset) => {
        const publishedOn = addDays('2018-04-01', offset);
        const expiry = dsptExpiryOf(publishedOn);
        expect(expiry.slice(5)).toBe('06-30');
        expect(expiry >= publishedOn).toBe(true);
        expect(daysBetween(publishedOn, expiry)).toBeLessThan(366);
        expect(dsptYearOf(publishedOn)).toBe(`${Number(expiry.slice(0, 4)) - 1}-${expiry.slice(2, 4)}`);
      }),
    );
  });

  it('stands CURRENT, EXPIRING within the reminder window (the last day included), then EXPIRED', () => {
    expect(dsptStanding('2026-06-30', '2026-04-30', 60)).toBe('CURRENT');
    expect(dsptStanding('2026-06-30', '2026-05-01', 60)).toBe('EXPIRING');
    expect(dsptStanding('2026-06-30', '2026-06-30', 0)).toBe('EXPIRING');
    expect(dsptStanding('2026-06-30', '2026-07-01', 60)).toBe('EXPIRED');
  });
});

describe('Connection Agreement versions', () => {
  it('accepts dotted numbers only', () => {
    for (const version of ['1', '2.0', '3.1.4', '10.0']) expect(isAgreementVersion(version)).toBe(true);
    for (const version of ['', 'v2', '2.', '.2', '2..1', '02', '1.2.3.4.5', '2.0-draft']) expect(isAgreementVersion(version)).toBe(false);
  });

  it('compares numerically, part by part', () => {
    expect(compareAgreementVersions('3.10', '3.9')).toBe(1);
    expect(compareAgreementVersions('2', '2.0')).toBe(0);
    expect(compareAgreementVersions('2.0.1', '2')).toBe(1);
    expect(compareAgreementVersions('1.9', '2')).toBe(-1);
  });
});

describe('assessCompliance', () => {
  const healthy: ComplianceFacts = {
    today: '2026-11-25',
    dsptReminderDays: 60,
    accessRequestOverdueDays: 30,
    dspt: { id: 1, status: DsptStatus.STANDARDS_MET, assessmentYear: '2026-27', expiresOn: '2027-06-30' },
    agreement: { id: 2, version: '3.1', representingCustomers: false },
    represents: [],
    sitesWithoutAllocation: [],
    activeIpamDelegates: 1,
    pendingAccessRequests: [{ id: 3, application: 'GP Connect', requestedOn: '2026-10-26' }],
    overlaps: [],
  };
  const codes = (facts: Partial<ComplianceFacts>) => assessCompliance({ ...healthy, ...facts }).map((f) => f.code);

  it('finds nothing in a healthy register (a request 30 days old is not yet overdue)', () => {
    expect(assessCompliance(healthy)).toEqual([]);
  });

  it('reports each gap with its category and severity', () => {
    const findings = assessCompliance({
      ...healthy,
      dspt: null,
      agreement: null,
      sitesWithoutAllocation: [{ id: 7, name: 'Elmstead Clinic', odsCode: 'RX203' }],
      activeIpamDelegates: 0,
      pendingAccessRequests: [{ id: 3, application: 'GP Connect', requestedOn: '2026-10-25' }],
      overlaps: [
        {
          id: 8,
          cidr: '10.52.8.0/24',
          site: 'Elmstead Clinic',
          otherId: 9,
          otherCidr: '10.52.0.0/16',
          otherSite: 'Southvale Health Centre',
        },
      ],
    });
    expect(findings.map((f) => [f.code, f.category, f.severity])).toEqual([
      ['NO_DSPT', 'MISSING', 'HIGH'],
      ['NO_CONNECTION_AGREEMENT', 'MISSING', 'HIGH'],
      ['SITE_WITHOUT_IP_ALLOCATION', 'MISSING', 'MEDIUM'],
      ['NO_IPAM_DELEGATE', 'MISSING', 'MEDIUM'],
      ['ACCESS_REQUEST_OVERDUE', 'OVERDUE', 'LOW'],
      ['IP_OVERLAP', 'CONFLICTING', 'HIGH'],
    ]);
    expect(findings[2]).toMatchObject({
      message: 'Elmstead Clinic (RX203) has no IP allocation recorded.',
      subject: { typename: 'Site', id: 7 },
    });
    expect(findings[4]!.message).toBe('The request for access to GP Connect has waited 31 days since 25 October 2026 (more than 30).');
    expect(findings[5]!.message).toBe('10.52.8.0/24 at Elmstead Clinic overlaps 10.52.0.0/16 at Southvale Health Centre.');
  });

  it('reminds before the DSPT expires and says when, then calls it overdue', () => {
    const expiring = assessCompliance({ ...healthy, today: '2027-06-01', pendingAccessRequests: [] });
    expect(expiring).toEqual([
      expect.objectContaining({
        code: ComplianceIssueCode.DSPT_EXPIRING,
        category: 'EXPIRING',
        message: 'The 2026-27 DSPT assessment expires on 30 June 2027, in 29 days.',
      }),
    ]);
    expect(assessCompliance({ ...healthy, today: '2027-06-30' })[0]!.message).toMatch(/, today\.$/);
    expect(codes({ today: '2027-07-01', agreement: null })).toEqual(['NO_CONNECTION_AGREEMENT', 'DSPT_EXPIRED', 'ACCESS_REQUEST_OVERDUE']);
    expect(codes({ today: '2027-07-01' })).toEqual(['DSPT_EXPIRED', 'ACCESS_REQUEST_OVERDUE']);
    expect(codes({ today: '2027-06-01', dsptReminderDays: 28 })).toEqual(['ACCESS_REQUEST_OVERDUE']);
  });

  it('flags a DSPT that does not meet the standards', () => {
    expect(codes({ dspt: { ...healthy.dspt!, status: DsptStatus.STANDARDS_NOT_MET } })).toEqual(['DSPT_STANDARDS_NOT_MET']);
    expect(codes({ dspt: { ...healthy.dspt!, status: DsptStatus.APPROACHING_STANDARDS } })).toEqual(['DSPT_APPROACHING_STANDARDS']);
    expect(codes({ dspt: { ...healthy.dspt!, status: DsptStatus.STANDARDS_EXCEEDED } })).toEqual([]);
  });

  it('asks for the Representing Customers variation from an organisation that represents others', () => {
    expect(codes({ represents: ['RX1', 'RX2'] })).toEqual(['REPRESENTING_CUSTOMERS_VARIATION_MISSING']);
    expect(codes({ represents: ['RX1'], agreement: { ...healthy.agreement!, representingCustomers: true } })).toEqual([]);
  });

  it('orders findings missing, expiring, overdue, conflicting whatever the facts (property)', () => {
    const rank = { MISSING: 0, EXPIRING: 1, OVERDUE: 2, CONFLICTING: 3 };
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 3 }),
        (dspt, agreement, offset, delegates) => {
          const findings = assessCompliance({
            ...healthy,
            today: addDays('2026-11-25', offset),
            dspt: dspt ? healthy.dspt : null,
            agreement: agreement ? healthy.agreement : null,
            activeIpamDelegates: delegates,
          });
          const ranks = findings.map((f) => rank[f.category]);
          expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
        },
      ),
    );
  });
});
