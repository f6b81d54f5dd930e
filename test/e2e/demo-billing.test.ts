import { DateTime } from 'luxon';
import { parse } from 'csv-parse/sync';
import { Role } from '../../src/auth/roles';
import { todayInLondon } from '../../src/common/calendar';
import { formatMoney, parseMoney } from '../../src/common/money';
import { seedDemoBillingData } from '../../src/seed/demo-billing';
import { seedDemoSlaData } from '../../src/seed/demo-sla';
import { startTestServer, type TestServer } from '../support/test-server';

const FINDINGS = `query($p: String!) { invoices(filter: { period: $p }) { edges { node { id invoiceNumber status grossTotal withheldAmount
  reconciliation { agreedAmount findings { id type difference } } } } } }`;

/** The README's billing walkthrough, on the demo data: invoice → findings → dispute → credit matched → approval → export. */
describe('the demo invoices', () => {
  let server: TestServer;
  const today = DateTime.fromISO('2026-11-25T12:00:00', { zone: 'Europe/London' });

  beforeAll(async () => {
    server = await startTestServer();
    await seedDemoSlaData(server.db.dataSource, server.db.config, today);
  });

  afterAll(() => server.stop());

  it('show every finding type, and re-seeding changes nothing', async () => {
    const first = await seedDemoBillingData(server.db.dataSource, server.db.config, today);
    expect(Object.keys(first.findings).sort()).toEqual([
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
    ]);
    expect(await seedDemoBillingData(server.db.dataSource, server.db.config, today)).toEqual(first);
  });

  it('walk from an invoice to a dispute, to the credit matched on the next invoice, to an approved payment export', async () => {
    const manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    const october = (await server.gql(FINDINGS, { p: '2026-10' }, manager)).data.invoices.edges
      .map((e: { node: unknown }) => e.node)
      .find((i: { invoiceNumber: unknown }) => i.invoiceNumber === 'PDN-INV-202610');
    const rate = october.reconciliation.findings.find((f: { type: unknown }) => f.type === 'RATE_MISMATCH');
    expect(rate.difference).toBe('30.00');
    const differences = october.reconciliation.findings.reduce(
      (sum: bigint, f: { difference: string }) => sum + parseMoney(f.difference),
      0n,
    );
    expect(formatMoney(differences + parseMoney(october.reconciliation.agreedAmount))).toBe(october.grossTotal);

    const disputes = (
      await server.gql(
        '{ disputes { edges { node { state disputedAmount creditedAmount findings { id } credits { amount line { invoice { invoiceNumber } } } } } } }',
        {},
        manager,
      )
    ).data.disputes.edges.map((e: { node: unknown }) => e.node);
    const credited = disputes.find((d: { findings: { id: unknown }[] }) => d.findings.some((f: { id: unknown }) => f.id === rate.id));
    expect(credited).toMatchObject({
      state: 'CREDITED',
      disputedAmount: '30.00',
      creditedAmount: '30.00',
      credits: [{ amount: '30.00', line: { invoice: { invoiceNumber: 'PDN-INV-202611' } } }],
    });

    const finance = await server.token('RX1', Role.FINANCE_APPROVER);
    const november = (await server.gql(FINDINGS, { p: '2026-11' }, manager)).data.invoices.edges
      .map((e: { node: unknown }) => e.node)
      .find((i: { invoiceNumber: unknown }) => i.invoiceNumber === 'PDN-INV-202611');
    const missing = november.reconciliation.findings.find((f: { type: unknown }) => f.type === 'MISSING_SERVICE_CREDIT');
    expect(november.withheldAmount).toBe(missing.difference); // disputed in draft: kept back from payment
    const approved = await server.gql(
      'mutation($id: ID!) { approveInvoice(input: { id: $id }) { status approvedAmount } }',
      { id: november.id },
      finance,
    );
    expect(approved.data.approveInvoice).toEqual({
      status: 'APPROVED',
      approvedAmount: formatMoney(parseMoney(november.grossTotal) - parseMoney(missing.difference)),
    });

    const exported = (
      await server.gql('query($p: String!) { exportPayments(period: $p) { csv } }', { p: todayInLondon().slice(0, 7) }, finance)
    ).data.exportPayments;
    const rows = parse<Record<string, string>>(exported.csv, { columns: true });
    expect(rows.map((r: Record<string, string>) => [r.invoice_number, r.cost_centre, r.status])).toEqual([
      ['PDN-INV-202609', 'RX1-IMT-4410', 'PAID'],
      ['PDN-INV-202611', 'RX1-IMT-4410', 'APPROVED'],
    ]);
  });
});
