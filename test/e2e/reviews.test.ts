import { DateTime } from 'luxon';
import { Role } from '../../src/auth/roles';
import { addDays } from '../../src/common/dates';
import { todayInLondon } from '../../src/common/calendar';
import { parseGlobalId } from '../../src/common/global-id';
import { ReviewEvidence } from '../../src/reviews/review.entity';
import { seedDemoSlaData } from '../../src/seed/demo-sla';
import { seedDemoServiceDesk } from '../../src/seed/demo-servicedesk';
import { fixture, ingest, supplierId } from '../support/feeds';
import { errorCode, startTestServer, type GraphqlResponse, type TestServer } from '../support/test-server';

const RECORD =
  `mutation($input: RecordReviewInput!) { recordReview(input: $input) { id heldOn periodFrom periodTo attendees recordedBy evidenceSha256 evidenceIntact
  evidence { id kind label sha256 document slaReport { period met breached insufficientData creditsOwed monthSnapshotRevision ` +
  `monthSnapshotSha256 terms { kind status service } credits { amount } }
    invoice { invoiceNumber grossTotal reconciled agreedAmount differenceTotal findingCount findings { type difference } } }
  actions { id description ownerUser ownerContact { name } dueDate status daysOverdue } } }`;
const REVIEW = RECORD.replace('mutation($input: RecordReviewInput!) { recordReview(input: $input)', 'query($id: ID!) { review(id: $id)');
const SLA =
  'query($c: ID!, $p: String!) { slaReport(contractId: $c, period: $p) { totals { met breached insufficientData creditsOwed } } }';

const reason = (response: GraphqlResponse) => [
  errorCode(response),
  response.errors?.[0]?.extensions?.reason,
  response.errors?.[0]?.extensions?.field,
];

describe('service management reviews', () => {
  let server: TestServer;
  let manager: string;
  let contract: string;
  let contactId: string;
  let base: Record<string, unknown>;

  beforeAll(async () => {
    server = await startTestServer();
    await seedDemoSlaData(server.db.dataSource, server.db.config, DateTime.fromISO('2026-11-25T12:00:00', { zone: 'Europe/London' }));
    manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    contract = (await server.gql('{ contracts(filter: { search: "RX1-HSCN-2023-01" }) { edges { node { id } } } }', {}, manager)).data
      .contracts.edges[0].node.id;
    contactId = (
      await server.gql(
        'mutation { createContact(input: { name: "Asha Patel (PDN service manager)", email: "asha@pdn.example" }) { id } }',
        {},
        manager,
      )
    ).data.createContact.id;
    const pdn = await supplierId(server, manager, 'PDN00001');
    const run = await ingest(server, manager, {
      supplierId: pdn,
      kind: 'INVOICE',
      format: 'CSV',
      document: fixture('invoices/invoices.csv'),
    });
    expect(run.data.ingestFeed.rowsRejected).toBe(0);
    const invoices = (
      await server.gql('{ invoices(first: 100) { edges { node { id periodStart } } } }', {}, manager)
    ).data.invoices.edges.map((e: { node: unknown }) => e.node);
    for (const invoice of invoices.filter((i: { periodStart: string }) => i.periodStart.startsWith('2026-10')))
      await server.gql('mutation($id: ID!) { reconcileInvoice(id: $id) { id } }', { id: invoice.id }, manager);
    base = {
      contractId: contract,
      heldOn: '2026-11-20',
      periodFrom: '2026-10',
      periodTo: '2026-10',
      attendees: ['RX1 contract manager', 'PDN service manager'],
    };
  });

  afterAll(() => server.stop());

  it("captures the month's SLA report and the period's invoice reconciliations, and re-reads them as they were", async () => {
    const live = (await server.gql(SLA, { c: contract, p: '2026-10' }, manager)).data.slaReport.totals;
    const recorded = await server.gql(
      RECORD,
      {
        input: {
          ...base,
          notes: 'Credits expected',
          actions: [{ description: 'Send RCA', ownerContactId: contactId, dueDate: '2026-12-05' }],
        },
      },
      manager,
    );
    expect(recorded.errors).toBeUndefined();
    const review = recorded.data.recordReview;
    expect(review).toMatchObject({
      heldOn: '2026-11-20',
      periodFrom: '2026-10',
      periodTo: '2026-10',
      recordedBy: 'test.contract_manager@rx1',
      evidenceIntact: true,
    });
    const [sla, ...invoices] = review.evidence;
    expect(sla.kind).toBe('SLA_REPORT');
    expect(sla.slaReport).toMatchObject({
      period: '2026-10',
      met: live.met,
      breached: live.breached,
      insufficientData: live.insufficientData,
      creditsOwed: live.creditsOwed,
    });
    expect(sla.slaReport.terms.some((t: { status: unknown }) => t.status === 'BREACHED')).toBe(true);
    // October is closed: the review cites the frozen month disputes cite
    const frozen = (
      await server.gql(
        'query($c: ID!) { slaMonthSnapshot(contractId: $c, period: "2026-10") { revision sha256 } }',
        { c: contract },
        manager,
      )
    ).data.slaMonthSnapshot;
    expect(sla.slaReport).toMatchObject({ monthSnapshotRevision: frozen.revision, monthSnapshotSha256: frozen.sha256 });
    expect(invoices.length).toBeGreaterThan(0);
    expect(
      invoices.every(
        (i: { kind: unknown; invoice: { reconciled: unknown } }) => i.kind === 'INVOICE_RECONCILIATION' && i.invoice.reconciled,
      ),
    ).toBe(true);
    expect(JSON.parse(sla.document).totals.creditsOwed).toBe(live.creditsOwed);
    expect(review.actions).toEqual([
      expect.objectContaining({ description: 'Send RCA', ownerContact: { name: 'Asha Patel (PDN service manager)' }, status: 'OPEN' }),
    ]);

    // the contract's terms change afterwards: the live report moves, the review does not
    await server.gql(
      'mutation($c: ID!) { setSlaTerm(contractId: $c, input: { kind: AVAILABILITY, targetPercent: "50" }) { id } }',
      { c: contract },
      manager,
    );
    const changed = (await server.gql(SLA, { c: contract, p: '2026-10' }, manager)).data.slaReport.totals;
    expect(changed).not.toEqual(live);
    const reread = (await server.gql(REVIEW, { id: review.id }, manager)).data.review;
    expect(reread.evidence).toEqual(review.evidence);
    expect(reread.evidenceSha256).toBe(review.evidenceSha256);
    expect(reread.evidenceIntact).toBe(true);

    // an edit behind the API's back shows
    await server.db.dataSource
      .getRepository(ReviewEvidence)
      .update({ id: parseGlobalId(sla.id)!.id }, { document: sla.document.replace(live.creditsOwed, '0.00') });
    expect((await server.gql(REVIEW, { id: review.id }, manager)).data.review.evidenceIntact).toBe(false);
  });

  it('refuses a review that cannot be right, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ periodFrom: '2026-10', periodTo: '2026-09' }, 'input.periodTo'],
      [{ periodFrom: '2025-01', periodTo: '2026-10' }, 'input.periodTo'],
      [{ periodFrom: '2026-13' }, 'input.periodFrom'],
      [{ heldOn: addDays(todayInLondon(), 2) }, 'input.heldOn'],
      [{ heldOn: '2026-09-30' }, 'input.periodTo'],
      [{ attendees: [] }, 'input.attendees'],
      [{ actions: [{ description: 'x', dueDate: '2026-12-01' }] }, 'input.actions.0.ownerContactId'],
      [
        { actions: [{ description: 'x', ownerUser: 'me', ownerContactId: contactId, dueDate: '2026-12-01' }] },
        'input.actions.0.ownerContactId',
      ],
    ];
    const before = (await server.gql('query($c: ID!) { reviews(contractId: $c) { id } }', { c: contract }, manager)).data.reviews.length;
    for (const [change, fieldName] of cases) {
      const response = await server.gql(RECORD, { input: { ...base, ...change } }, manager);
      expect({ change, code: errorCode(response), field: response.errors?.[0]?.extensions?.field }).toEqual({
        change,
        code: 'BAD_USER_INPUT',
        field: fieldName,
      });
    }
    expect((await server.gql('query($c: ID!) { reviews(contractId: $c) { id } }', { c: contract }, manager)).data.reviews.length).toBe(
      before,
    );
  });

  it('tracks actions to done or cancelled and lists the overdue ones', async () => {
    const today = todayInLondon();
    const review = (
      await server.gql(
        RECORD,
        {
          input: {
            ...base,
            actions: [
              { description: 'Overdue RCA', ownerUser: 'PDN service manager', dueDate: addDays(today, -4) },
              { description: 'Future check', ownerUser: 'RX1 contract manager', dueDate: addDays(today, 10) },
            ],
          },
        },
        manager,
      )
    ).data.recordReview;
    const [late, later] = review.actions;
    const OVERDUE = '{ overdueReviewActions { id description daysOverdue review { id } } }';
    const overdue = (await server.gql(OVERDUE, {}, manager)).data.overdueReviewActions;
    expect(overdue).toContainEqual({ id: late.id, description: 'Overdue RCA', daysOverdue: 4, review: { id: review.id } });
    expect(overdue.map((a: { id: unknown }) => a.id)).not.toContain(later.id);

    const SET =
      'mutation($input: SetReviewActionStatusInput!) { setReviewActionStatus(input: $input) { status statusChangedBy statusNote daysOverdue } }';
    expect(reason(await server.gql(SET, { input: { id: later.id, status: 'CANCELLED' } }, manager))).toEqual([
      'BAD_USER_INPUT',
      'REQUIRED',
      'input.note',
    ]);
    const done = await server.gql(SET, { input: { id: late.id, status: 'DONE', note: 'RCA received' } }, manager);
    expect(done.data.setReviewActionStatus).toEqual({
      status: 'DONE',
      statusChangedBy: 'test.contract_manager@rx1',
      statusNote: 'RCA received',
      daysOverdue: 0,
    });
    expect((await server.gql(OVERDUE, {}, manager)).data.overdueReviewActions.map((a: { id: unknown }) => a.id)).not.toContain(late.id);
    expect(reason(await server.gql(SET, { input: { id: late.id, status: 'CANCELLED', note: 'x' } }, manager)).slice(0, 2)).toEqual([
      'CONFLICT',
      'INVALID_STATUS_TRANSITION',
    ]);

    const added = await server.gql(
      'mutation($r: ID!, $c: ID!) { addReviewAction(input: { reviewId: $r, description: "Chase credit", ownerContactId: $c, dueDate: ' +
        '"2027-01-10" }) { status ownerContact { name } } }',
      { r: review.id, c: contactId },
      manager,
    );
    expect(added.data.addReviewAction).toEqual({ status: 'OPEN', ownerContact: { name: 'Asha Patel (PDN service manager)' } });
    const reviews = (
      await server.gql('query($c: ID!) { reviews(contractId: $c) { id actions { description } } }', { c: contract }, manager)
    ).data.reviews;
    expect(reviews.find((r: { id: unknown }) => r.id === review.id).actions.map((a: { description: unknown }) => a.description)).toEqual([
      'Overdue RCA',
      'Future check',
      'Chase credit',
    ]);
    expect(errorCode(await server.gql(SET, { input: { id: later.id, status: 'DONE' } }, await server.token('RX1', Role.VIEWER)))).toBe(
      'FORBIDDEN',
    );
  });

  it('seeds the demo service desk deterministically, and again adds nothing', async () => {
    const now = new Date();
    const first = await seedDemoServiceDesk(server.db.dataSource, server.db.config, now);
    expect(first).toEqual({ incidents: 2, escalations: 2, reviews: 1 });
    expect(await seedDemoServiceDesk(server.db.dataSource, server.db.config, now)).toEqual({ incidents: 0, escalations: 0, reviews: 0 });
    const data = (
      await server.gql(
        `query($c: ID!) { severityOneWithoutNotification { incident { externalId origin } }
      escalationsOverdueForUpdate { summary minutesOverdueForUpdate } closed: escalations(filter: { status: [CLOSED], kind: ` +
          `[COMPLAINT] }) { totalCount edges { node { closureAgreedBy resolution } } }
      reviews(contractId: $c) { periodFrom actions { status daysOverdue } evidence { kind } } overdueReviewActions { description } ` +
          `}`,
        { c: contract },
        manager,
      )
    ).data;
    const unnotified = data.severityOneWithoutNotification.map((row: { incident: { externalId: unknown } }) => row.incident.externalId);
    expect(unnotified).toContain('RX1-INC-DEMO-1');
    expect(unnotified).not.toContain('RX1-INC-DEMO-2');
    expect(data.escalationsOverdueForUpdate).toHaveLength(1);
    expect(data.escalationsOverdueForUpdate[0].minutesOverdueForUpdate).toBeGreaterThan(0);
    expect(data.closed.totalCount).toBe(1);
    expect(data.closed.edges[0].node.closureAgreedBy).toBe('seed:demo');
    const seeded = data.reviews.find((r: { actions: { daysOverdue: number }[] }) => r.actions.some((a) => a.daysOverdue > 0));
    expect(seeded.evidence[0].kind).toBe('SLA_REPORT');
    expect(seeded.actions.map((a: { status: unknown }) => a.status)).toEqual(['OPEN', 'OPEN']);
    expect(data.overdueReviewActions.map((a: { description: unknown }) => a.description)).toContain(
      'PDN to send the root cause report for the fibre cut',
    );
  });
});
