import { ReviewActionStatus } from '../review.entity';
import { combinedHash, sha256 } from '../../common/hashing';
import { MAX_DOCUMENT_BYTES, serialise, type SlaReportSnapshot } from '../review-evidence';
import { periodsBetween } from '../../common/calendar';
import { daysOverdue } from '../review.service';

describe('review rules', () => {
  it('lists the months of a period, across a year end', () => {
    expect(periodsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(periodsBetween('2026-10', '2026-10')).toEqual(['2026-10']);
  });

  it('counts days overdue for open actions only', () => {
    expect(daysOverdue({ status: ReviewActionStatus.OPEN, dueDate: '2026-11-20' }, '2026-11-25')).toBe(5);
    expect(daysOverdue({ status: ReviewActionStatus.OPEN, dueDate: '2026-11-25' }, '2026-11-25')).toBe(0);
    expect(daysOverdue({ status: ReviewActionStatus.DONE, dueDate: '2026-11-01' }, '2026-11-25')).toBe(0);
    // across the clocks going back: still whole days
    expect(daysOverdue({ status: ReviewActionStatus.OPEN, dueDate: '2026-10-24' }, '2026-10-26')).toBe(2);
  });

  it('hashes each document and the list in order', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(combinedHash(['a', 'b'])).not.toBe(combinedHash(['b', 'a']));
  });

  it('keeps a huge SLA report within its column: notes go first, then the last terms, counted', () => {
    const term = {
      kind: 'AVAILABILITY',
      severity: null,
      service: 'PDN-ETH-1',
      target: '99.5%',
      achieved: '99.9%',
      coveragePercent: '100',
      status: 'MET',
      contractual: false,
      note: 'n'.repeat(400),
    };
    const report: SlaReportSnapshot = {
      kind: 'SLA_REPORT',
      contract: 'C-1',
      period: '2026-10',
      generatedAt: '2026-11-01T00:00:00.000Z',
      coverageThresholdPercent: '90',
      totals: { met: 2000, breached: 0, insufficientData: 0, notApplicable: 0, creditsBeforeCap: '0.00', creditsOwed: '0.00', cap: null },
      terms: Array.from({ length: 2000 }, () => ({ ...term })),
      credits: [],
    };
    const text = serialise(report);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_DOCUMENT_BYTES);
    const stored = JSON.parse(text) as SlaReportSnapshot;
    expect(stored.totals.met).toBe(2000);
    expect(stored.terms.every((t) => t.note === null)).toBe(true);
    expect(stored.terms.length + (stored.omitted ?? 0)).toBe(2000);
    const small = { ...report, terms: report.terms.slice(0, 3) };
    expect(serialise(small)).toBe(JSON.stringify(small));
  });
});
