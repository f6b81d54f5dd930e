import {
  contactStale,
  contractNoticeDue,
  disputeDeadlineNear,
  feedLate,
  fingerprintOf,
  invoiceAwaitingApproval,
  relativeDay,
  span,
} from '../notification-rules';
import { sortKey } from '../notification.service';
import { NotificationKind, NotificationSeverity } from '../notification.types';

const contract = {
  id: 7,
  organisationId: 3,
  reference: 'RX1-HSCN-2023-01',
  title: 'WAN',
  noticeDate: '2026-07-15',
  endDate: '2026-10-13',
  renewalTermMonths: 12,
};

describe('notification rules', () => {
  it('says when in words a person would use', () => {
    expect(relativeDay('2026-06-01', '2026-06-01')).toBe('today');
    expect(relativeDay('2026-06-01', '2026-06-02')).toBe('in 1 day');
    expect(relativeDay('2026-06-10', '2026-06-01')).toBe('9 days ago');
    expect(span(59 * 60_000)).toBe('59 minutes');
    expect(span(47 * 3_600_000)).toBe('47 hours');
    expect(span(50 * 3_600_000)).toBe('2 days');
  });

  it("words a contract's notice date before and after it passes, and ranks the near ones HIGH", () => {
    const ahead = contractNoticeDue(contract, 'Pennine Digital Networks', '2026-05-01');
    expect(ahead.message).toBe(
      'Contract RX1-HSCN-2023-01 (WAN) with Pennine Digital Networks: the last day to give notice is 15 July 2026, in 75 days; the term ' +
        'ends on 13 October 2026 and it renews for 12 months unless notice is given.',
    );
    expect(ahead).toMatchObject({
      kind: NotificationKind.CONTRACT_NOTICE_DUE,
      severity: NotificationSeverity.MEDIUM,
      dueOn: '2026-07-15',
      subjectType: 'Contract',
      organisationId: 3,
    });
    const passed = contractNoticeDue(contract, 'Pennine Digital Networks', '2026-07-20');
    expect(passed.message).toMatch(/the last day to give notice was 15 July 2026, 5 days ago; the term runs to 13 October 2026/);
    expect(passed.severity).toBe(NotificationSeverity.HIGH);
  });

  it("keeps a condition's fingerprint while its facts stand, and changes it when they move on", () => {
    const a = contractNoticeDue(contract, 'PDN', '2026-05-01');
    const b = contractNoticeDue(contract, 'Pennine renamed', '2026-06-01');
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const renewed = contractNoticeDue({ ...contract, noticeDate: '2027-07-15', endDate: '2027-10-13' }, 'PDN', '2026-05-01');
    expect(renewed.fingerprint).not.toBe(a.fingerprint);
    expect(fingerprintOf(NotificationKind.FEED_LATE, 1, 'x', 's')).not.toBe(fingerprintOf(NotificationKind.FEED_LATE, 2, 'x', 's'));
  });

  it('words never-verified and stale contacts', () => {
    const now = new Date('2026-06-01T12:00:00Z');
    expect(contactStale({ id: 1, organisationId: 3, name: 'Jo Bloggs', jobTitle: null, lastVerifiedAt: null }, 365, now).message).toBe(
      'Contact Jo Bloggs has never been verified; confirm their details are right.',
    );
    const stale = contactStale(
      { id: 1, organisationId: 3, name: 'Jo Bloggs', jobTitle: 'Caretaker', lastVerifiedAt: new Date('2025-01-01T09:00:00Z') },
      365,
      now,
    );
    expect(stale.message).toBe(
      'Contact Jo Bloggs (Caretaker) was last verified 516 days ago, on 1 January 2025 (more than 365 days); confirm their details are still right.',
    );
    expect(stale.dueAt).toEqual(new Date('2026-01-01T09:00:00Z'));
  });

  it('words disputes and invoices with exact money', () => {
    const dispute = disputeDeadlineNear(
      { id: 2, organisationId: 3, deadline: '2026-06-05', disputedAmount: 31_836n },
      'PDN-INV-202605',
      'PDN',
      '2026-06-01',
    );
    expect(dispute.message).toBe(
      'The draft dispute on invoice PDN-INV-202605 from PDN (£318.36) must be submitted to the supplier by 5 June 2026, in 4 days.',
    );
    expect(dispute.severity).toBe(NotificationSeverity.HIGH);
    const invoice = { id: 4, organisationId: 3, invoiceNumber: 'MHN-1', grossTotal: 1_234_567n, dueDate: '2026-07-01' };
    const first = invoiceAwaitingApproval(invoice, 'Meridian', 10_001n, null, 1_000_000n, '2026-06-01');
    expect(first.message).toBe(
      'Invoice MHN-1 from Meridian (£12345.67 gross, £100.01 withheld for disputes) is reconciled and awaits approval for payment of ' +
        '£12245.66; payment is due on 1 July 2026.',
    );
    const second = invoiceAwaitingApproval(invoice, 'Meridian', 0n, { approvedBy: 'alice', amount: 1_234_567n }, 1_000_000n, '2026-06-01');
    expect(second.message).toMatch(
      /has a first approval by alice for £12345.67 and needs a second, different finance approver \(above £10000.00\)/,
    );
    expect(second.fingerprint).not.toBe(first.fingerprint);
  });

  it("words late and never-arrived feeds, in England's clock", () => {
    const now = new Date('2026-06-03T12:00:00Z');
    const late = feedLate(
      { organisationId: 3, supplierId: 9, kind: 'PERFORMANCE', lastGoodRunAt: new Date('2026-06-01T08:30:00Z') },
      'PDN',
      24,
      now,
    );
    expect(late.message).toBe(
      'The performance feed from PDN has not arrived for 2 days: the last good run finished at 09:30 on 1 June 2026 (late after 24 hours). ' +
        'Treat it as an incident with the supplier.',
    );
    expect(late).toMatchObject({ subjectType: 'Supplier', dueAt: new Date('2026-06-02T08:30:00Z') });
    expect(feedLate({ organisationId: 3, supplierId: 9, kind: 'INCIDENT', lastGoodRunAt: null }, 'PDN', 24, now).message).toBe(
      'The incident feed from PDN has never arrived; ask the supplier to start sending it.',
    );
  });

  it('orders the most pressing first: severity, then the earliest due', () => {
    const today = '2026-05-01';
    const later = contractNoticeDue({ ...contract, id: 8, noticeDate: '2026-07-20' }, 'PDN', today);
    const sooner = contractNoticeDue(contract, 'PDN', today);
    const high = contractNoticeDue({ ...contract, id: 9, noticeDate: '2026-05-10' }, 'PDN', today);
    expect([later, sooner, high].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1)).map((n) => n.dueOn)).toEqual([
      '2026-05-10',
      '2026-07-15',
      '2026-07-20',
    ]);
  });
});
