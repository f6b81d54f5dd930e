import { DateTime } from 'luxon';
import { Role } from '../../src/auth/roles';
import { seedDemo } from '../../src/seed/demo';
import { startTestServer, type TestServer } from '../support/test-server';

const ALL_FINDINGS = [
  'CHARGED_AFTER_CEASE',
  'CHARGED_BEFORE_INSTALL',
  'DUPLICATE_CHARGE',
  'MISSING_SERVICE_CREDIT',
  'NOT_BILLED',
  'ONE_OFF_WITHOUT_ORDER',
  'PRO_RATA_ERROR',
  'RATE_MISMATCH',
  'UNKNOWN_SERVICE',
  'VARIANCE',
  'VAT_ERROR',
];

/**
 * The whole demo as the first `npm start` seeds it — every part after the one it builds on —
 * on the day it runs and on a fixed day: the parts were once only tried one by one, and the
 * first start failed when orders had changed a charge that the invoices then billed.
 */
describe.each([
  ['today', DateTime.now().setZone('Europe/London')],
  ['25 November 2026', DateTime.fromISO('2026-11-25T12:00:00', { zone: 'Europe/London' })],
])('the whole demo, seeded on %s', (_, today) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ seed: false });
  });

  afterAll(() => server.stop());

  it('seeds every part, with every reconciliation finding, and a second run changes nothing', async () => {
    const first = await seedDemo(server.db.dataSource, server.db.config, today);
    expect(first.orders.invoice).not.toBeNull();
    expect(first.serviceDesk.reviews).toBeGreaterThan(0);
    expect(Object.keys(first.billing.findings).sort()).toEqual(ALL_FINDINGS);
    const again = await seedDemo(server.db.dataSource, server.db.config, today);
    // the service desk counts what it added
    expect(again).toEqual({ ...first, serviceDesk: { incidents: 0, escalations: 0, reviews: 0 } });
  });

  it("leaves this month's Pennine invoice for a finance approver to approve, less its disputed credits", async () => {
    const finance = await server.token('RX1', Role.FINANCE_APPROVER);
    const number = `PDN-INV-${today.toFormat('yyyyMM')}`;
    const invoices = (
      await server.gql('{ invoices(filter: { status: [RECONCILED] }) { edges { node { id invoiceNumber withheldAmount } } } }', {}, finance)
    ).data.invoices.edges.map((e: { node: unknown }) => e.node);
    const invoice = invoices.find((i: { invoiceNumber: unknown }) => i.invoiceNumber === number);
    expect(invoice.withheldAmount).not.toBe('0.00');
    const approved = await server.gql('mutation($id: ID!) { approveInvoice(input: { id: $id }) { status } }', { id: invoice.id }, finance);
    expect(approved.errors).toBeUndefined();
    expect(approved.data.approveInvoice.status).toBe('APPROVED');
  });

  it("shows the whole money loop on last month's credits, with every reconciliation current", async () => {
    const manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    const period = today.startOf('month').minus({ months: 1 }).toFormat('yyyy-MM');
    const ledger = (
      await server.gql(
        `{ creditLedger(filter: { from: "${period}", to: "${period}" }) { totals { owed claimed received outstanding }
      entries(first: 100) { edges { node { termKind state claimedByDispute { state } receipts { invoice { invoiceNumber } } } } } } }`,
        {},
        manager,
      )
    ).data.creditLedger;
    const entries = ledger.entries.edges.map((e: { node: unknown }) => e.node);
    // the availability credit owed, claimed on this month's invoice, disputed and received on the credit note; the Severity 1 credit still outstanding
    expect(entries.find((e: { termKind: unknown }) => e.termKind === 'AVAILABILITY')).toMatchObject({
      state: 'RECEIVED',
      receipts: [{ invoice: { invoiceNumber: `PDN-CN-${today.toFormat('yyyyMM')}` } }],
    });
    expect(entries.find((e: { termKind: unknown }) => e.termKind === 'INCIDENT_RESOLUTION')).toMatchObject({
      state: 'CLAIMED',
      claimedByDispute: { state: 'SUBMITTED' },
    });
    expect(ledger.totals.outstanding).not.toBe('0.00');
    const outstanding = (await server.gql('{ creditsOutstanding { outstanding supplier { cnspId } } }', {}, manager)).data
      .creditsOutstanding;
    expect(outstanding).toEqual([{ outstanding: ledger.totals.outstanding, supplier: { cnspId: 'PDN00001' } }]);
    const invoices = (
      await server.gql('{ invoices(first: 100) { edges { node { invoiceNumber reconciliation { staleSince } } } } }', {}, manager)
    ).data.invoices.edges.map((e: { node: unknown }) => e.node);
    expect(invoices.filter((i: { reconciliation: { staleSince: string | null } | null }) => i.reconciliation?.staleSince)).toEqual([]);
  });

  it("shows the orders' invoice for last month reconciled with nothing to dispute, and current, beside the billing demo's", async () => {
    const manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    const period = today.startOf('month').minus({ months: 1 }).toFormat('yyyy-MM');
    const invoices = (
      await server.gql(
        `{ invoices(filter: { period: "${period}" }) { edges { node { invoiceNumber status reconciliation { staleSince findings { type ` +
          `explanation disputable } } } } } }`,
        {},
        manager,
      )
    ).data.invoices.edges.map((e: { node: unknown }) => e.node);
    const supplementary = invoices.find((i: { invoiceNumber: unknown }) => i.invoiceNumber === `PDN-INV-${period}-DEMO`);
    expect(supplementary.status).toBe('RECONCILED');
    // nothing to dispute: what it reports (the service the billing demo leaves off, its total beside the regular invoice's) is for information
    expect(supplementary.reconciliation.findings.filter((f: { disputable: unknown }) => f.disputable)).toEqual([]);
    expect(supplementary.reconciliation.staleSince).toBeNull();
  });
});
