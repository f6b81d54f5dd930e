import { DateTime } from 'luxon';
import { Role } from '../../src/auth/roles';
import { formatMoney, parseMoney } from '../../src/common/money';
import { ingest, supplierId } from '../support/feeds';
import { createAccessCircuit, firstSiteId, rx1AllDayContractId } from '../support/services';
import { startTestServer, type GraphqlResponse, type TestServer } from '../support/test-server';

const vat = (net: bigint) => (net * 20n + 50n) / 100n;
/** a ÷ b to the penny, half up (positive amounts) */
const halfUp = (a: bigint, b: bigint) => (2n * a + b) / (2n * b);

/**
 * One pricing, month by month from the charge history: a rental line spanning months is
 * priced as each of its months, and a past month's SLA credits as that month's charge,
 * whatever a later CHANGE order made the charge since.
 */
describe('month-by-month pricing', () => {
  let server: TestServer;
  let manager: string;
  let pdn: string;
  let contractId: string;
  let site: string;

  const gql = (query: string, variables: Record<string, unknown> = {}) => server.gql(query, variables, manager);
  const ok = <T>(response: GraphqlResponse, field: string): T => {
    expect(response.errors).toBeUndefined();
    return response.data[field];
  };
  const createService = async (reference: string, monthlyCharge: string) =>
    ok<{ id: string }>(await createAccessCircuit(server, manager, { contractId, siteId: site, reference, monthlyCharge }), 'createService')
      .id;

  beforeAll(async () => {
    server = await startTestServer();
    manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    pdn = await supplierId(server, manager, 'PDN00001');
    contractId = await rx1AllDayContractId(server, manager, pdn);
    site = await firstSiteId(server, manager);
  });

  afterAll(() => server.stop());

  describe('rental lines spanning months', () => {
    const FINDINGS =
      `query($id: ID!) { invoice(id: $id) { reconciliation { findings { type lineNumber serviceReference expectedAmount invoicedAmount ` +
      `difference explanation disputable } } } }`;
    let findings: { lineNumber: number; explanation: string }[];

    beforeAll(async () => {
      await createService('PRC-QTR-0001', '300.00');
      await createService('PRC-QTR-0002', '300.00');
      await createService('PRC-STR-0003', '300.00');
      // a quarter's rental in advance: July–September 2026, three months at £300; the second line
      // at £310 a month; the third a month from 15 August, 17/31 of August's £300 and 14/30 of September's
      const lines: [string, string, string, bigint][] = [
        ['PRC-QTR-0001', '2026-07-01', '2026-09-30', 90_000n],
        ['PRC-QTR-0002', '2026-07-01', '2026-09-30', 93_000n],
        ['PRC-STR-0003', '2026-08-15', '2026-09-14', 30_452n], // £164.52 + £140.00
      ];
      const net = lines.reduce((sum, [, , , n]) => sum + n, 0n);
      const tax = lines.reduce((sum, [, , , n]) => sum + vat(n), 0n);
      const csv = [
        'invoice_number,invoice_date,period_start,period_end,service_reference,charge_type,quantity,unit_price,net_amount,vat_rate,' +
          'vat_amount,invoice_net_total,invoice_vat_total,invoice_gross_total,line_period_start,line_period_end',
        ...lines.map(
          ([reference, from, to, n]) =>
            `PRC-INV-Q3,2026-07-01,2026-07-01,2026-09-30,${reference},RECURRING,1,${formatMoney(n)},${formatMoney(n)},20,` +
            `${formatMoney(vat(n))},${formatMoney(net)},${formatMoney(tax)},${formatMoney(net + tax)},${from},${to}`,
        ),
      ].join('\n');
      const run = await ingest(server, manager, { supplierId: pdn, kind: 'INVOICE', format: 'CSV', document: csv });
      expect(run.data.ingestFeed).toMatchObject({ status: 'SUCCEEDED', rowsAccepted: 1 });
      const invoices = await gql('{ invoices(first: 100) { edges { node { id invoiceNumber } } } }');
      const invoiceId = invoices.data.invoices.edges.find(
        (e: { node: { invoiceNumber: unknown } }) => e.node.invoiceNumber === 'PRC-INV-Q3',
      ).node.id;
      ok(await gql('mutation($id: ID!) { reconcileInvoice(id: $id) { findingCount } }', { id: invoiceId }), 'reconcileInvoice');
      findings = (await gql(FINDINGS, { id: invoiceId })).data.invoice.reconciliation.findings;
    });

    it('finds nothing wrong with a quarterly £900 line for three months at £300 (it was a £11.62 RATE_MISMATCH)', () => {
      expect(findings.filter((f) => f.lineNumber === 1)).toEqual([]);
    });

    it('prices a quarter charged at the wrong rate month by month: £930 against £900, £36.00 over with VAT', () => {
      const line = findings.filter((f) => f.lineNumber === 2);
      expect(line).toEqual([
        expect.objectContaining({
          type: 'RATE_MISMATCH',
          serviceReference: 'PRC-QTR-0002',
          expectedAmount: '1080.00',
          invoicedAmount: '1116.00',
          difference: '36.00',
          disputable: true,
        }),
      ]);
      expect(line[0].explanation).toBe(
        'Line 2 charges £930.00 net for PRC-QTR-0002; the contracted charge for 2026-07-01 to 2026-09-30 is £900.00 net, month by month: ' +
          '2026-07: £300.00; 2026-08: £300.00; 2026-09: £300.00; £30.00 net over, £36.00 over with VAT at 20%.',
      );
    });

    it('prices a line from the 15th to the 14th as the days of each of its two months', () => {
      // August 15–31: £300 × 17/31 = £164.516 → £164.52; September 1–14: £300 × 14/30 = £140.00; £304.52
      // (priced against August's 31 days alone it was £300.00, and £5.42 with VAT of a RATE_MISMATCH)
      expect(findings.filter((f) => f.lineNumber === 3)).toEqual([]);
    });
  });

  describe('SLA credits for a past month after a CHANGE order', () => {
    // all relative to today, so that the orders complete in the past: the report's month is two
    // months back, the charge doubles from the 10th of last month
    const now = DateTime.now().setZone('Europe/London');
    const before = now.startOf('month').minus({ months: 2 });
    const changeMonth = now.startOf('month').minus({ months: 1 });
    const period = before.toFormat('yyyy-MM');
    const changePeriod = changeMonth.toFormat('yyyy-MM');
    const changeDay = changeMonth.set({ day: 10 }).toISODate()!;
    const REPORT =
      `query($c: ID!, $p: String!) { slaReport(contractId: $c, period: $p) { credits { kind amount reason service { reference } } totals { ` +
      `cap creditsBeforeCap } } }`;
    type Credit = { kind: string; amount: string; reason: string; service: { reference: string } | null };
    type Report = { credits: Credit[]; totals: unknown };
    const report = async (p: string) => ok<Report>(await gql(REPORT, { c: contractId, p }), 'slaReport');
    const creditOf = (r: Report) => r.credits.filter((c: Credit) => c.service?.reference === 'PRC-SLA-0001');
    let serviceId: string;
    let beforeChange: Report;

    beforeAll(async () => {
      serviceId = await createService('PRC-SLA-0001', '1000.00');
      // a Severity 1 incident open for a day in each month: well past its resolution target
      const incident = (ref: string, month: DateTime, day: number) => {
        const opened = month.set({ day, hour: 10 }).toUTC();
        return `${ref},PRC-SLA-0001,1,Resolved,${opened.toISO()},${opened.plus({ minutes: 10 }).toISO()},${opened.plus({ days: 1 }).toISO()},`;
      };
      const run = await ingest(server, manager, {
        supplierId: pdn,
        kind: 'INCIDENT',
        format: 'CSV',
        document: [
          'ticket_reference,service_reference,severity,status,opened_at,acknowledged_at,resolved_at,status_history',
          incident('PRC-INC-1', before, 12),
          incident('PRC-INC-2', changeMonth, 20),
        ].join('\n'),
      });
      expect(run.data.ingestFeed.rowsAccepted).toBe(2);
      beforeChange = await report(period);
      expect(creditOf(beforeChange)).toHaveLength(1);

      const order = ok<{ id: string }>(
        await gql('mutation($input: CreateOrderInput!) { createOrder(input: $input) { id } }', {
          input: { type: 'CHANGE', serviceId, requestedDate: changeDay, monthlyCharge: '2000.00', supplierOrderReference: 'PRC-ORD-1' },
        }),
        'createOrder',
      );
      const move = (status: string) =>
        gql('mutation($input: MoveOrderInput!) { moveOrder(input: $input) { id } }', {
          input: { id: order.id, status, reason: `to ${status}`, on: changeMonth.set({ day: 1 }).toISODate() },
        });
      ok(await move('SUBMITTED'), 'moveOrder');
      ok(await move('ACKNOWLEDGED'), 'moveOrder');
      const done = ok<unknown>(
        await gql('mutation($input: CompleteOrderInput!) { completeOrder(input: $input) { status service { monthlyCharge } } }', {
          input: { id: order.id, completedOn: changeDay },
        }),
        'completeOrder',
      );
      expect(done).toEqual({ status: 'COMPLETED', service: { monthlyCharge: '2000.00' } });
    });

    it("prices the month before the change at the charge then in force, not today's", async () => {
      const after = await report(period);
      const [credit] = creditOf(after);
      const percent = /: (\d+(?:\.\d+)?)% of £1000\.00$/.exec(credit.reason)?.[1];
      expect(percent).toBeDefined();
      expect(parseMoney(credit.amount)).toBe(halfUp(100_000n * parseMoney(percent!), 10_000n)); // percent of £1,000
      // the month's credits and its cap are what they were before the order
      expect(after.credits).toEqual(beforeChange.credits);
      expect(after.totals).toEqual(beforeChange.totals);
    });

    it("prices the month of the change by each charge's days, as billing does", async () => {
      const days = BigInt(changeMonth.daysInMonth!);
      // £1,000 for the 9 days before the 10th, £2,000 for the rest of the month
      const charge = halfUp(100_000n * 9n + 200_000n * (days - 9n), days);
      const [credit] = creditOf(await report(changePeriod));
      expect(credit.reason).toMatch(new RegExp(`% of £${formatMoney(charge).replace('.', '\\.')}$`));
    });
  });
});
