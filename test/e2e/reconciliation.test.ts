import { DateTime } from 'luxon';
import { Role } from '../../src/auth/roles';
import { formatMoney, parseMoney } from '../../src/common/money';
import { seedDemoSlaData } from '../../src/seed/demo-sla';
import { ingest, supplierId } from '../support/feeds';
import { errorCode, startTestServer, type TestServer } from '../support/test-server';

const RECONCILE = `mutation($id: ID!) { reconcileInvoice(id: $id) { invoicedTotal agreedAmount differenceTotal findingCount } }`;
const FINDINGS = `query($id: ID!) { invoice(id: $id) { status grossTotal reconciliation { invoicedTotal agreedAmount differenceTotal
  findings { id type lineNumber serviceReference expectedAmount invoicedAmount difference explanation disputable } } } }`;

describe('invoice reconciliation', () => {
  let server: TestServer;
  let manager: string;
  let invoiceId: string;
  let refs: { ok: string; rate: string; ceased: string; okCharge: string; rateCharge: string };

  beforeAll(async () => {
    server = await startTestServer();
    await seedDemoSlaData(server.db.dataSource, server.db.config, DateTime.fromISO('2026-11-25T12:00:00', { zone: 'Europe/London' }));
    manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    const pdn = await supplierId(server, manager, 'PDN00001');
    const contract = (await server.gql('{ contracts(filter: { search: "RX1-HSCN-2023-01" }) { edges { node { id } } } }', {}, manager)).data
      .contracts.edges[0].node.id;
    const services = (
      await server.gql(
        'query($c: ID!) { services(first: 100, filter: { contractId: $c, status: [ACTIVE] }) { edges { node { id reference monthlyCharge installDate } } } }',
        { c: contract },
        manager,
      )
    ).data.services.edges
      .map((e: { node: unknown }) => e.node)
      .filter((s: { installDate: string }) => s.installDate < '2026-10-01');
    const [ok, rate, ceased] = services;
    await server.gql(
      'mutation($id: ID!) { setServiceStatus(input: { id: $id, status: CEASED, effectiveDate: "2026-10-15" }) { status } }',
      { id: ceased.id },
      manager,
    );
    refs = { ok: ok.reference, rate: rate.reference, ceased: ceased.reference, okCharge: ok.monthlyCharge, rateCharge: rate.monthlyCharge };

    const vat = (net: bigint) => (net * 20n + 50n) / 100n;
    const lines: [string, bigint, bigint][] = [
      [refs.ok, parseMoney(refs.okCharge), vat(parseMoney(refs.okCharge)) + 1n], // VAT a penny out
      [refs.rate, parseMoney(refs.rateCharge) + 1_000n, vat(parseMoney(refs.rateCharge) + 1_000n)], // £10 over the contracted rate
      ['PDN-PHANTOM-0042', 10_000n, 2_000n], // a service we do not hold
      [refs.ok, parseMoney(refs.okCharge), vat(parseMoney(refs.okCharge))], // charged twice
      [refs.ceased, parseMoney(ceased.monthlyCharge), vat(parseMoney(ceased.monthlyCharge))], // ceased in October
    ];
    const net = lines.reduce((sum, [, n]) => sum + n, 0n);
    const tax = lines.reduce((sum, [, , v]) => sum + v, 0n);
    const csv = [
      'invoice_number,invoice_date,period_start,period_end,service_reference,charge_type,quantity,unit_price,net_amount,vat_rate,vat_amount,' +
        'invoice_net_total,invoice_vat_total,invoice_gross_total',
      ...lines.map(
        ([reference, n, v]) =>
          `PDN-REC-1,2026-12-01,2026-11-01,2026-11-30,${reference},RECURRING,1,${formatMoney(n)},${formatMoney(n)},20,${formatMoney(v)},` +
          `${formatMoney(net)},${formatMoney(tax)},${formatMoney(net + tax)}`,
      ),
    ].join('\n');
    const run = await ingest(server, manager, { supplierId: pdn, kind: 'INVOICE', format: 'CSV', document: csv });
    expect(run.data.ingestFeed.rowsAccepted).toBe(1);
    invoiceId = (
      await server.gql('{ invoices(filter: { period: "2026-11" }) { edges { node { id invoiceNumber } } } }', {}, manager)
    ).data.invoices.edges.find((e: { node: { invoiceNumber: unknown } }) => e.node.invoiceNumber === 'PDN-REC-1').node.id;
  });

  afterAll(() => server.stop());

  it('finds every error line by line, with amounts that reconcile to the invoice total exactly', async () => {
    const run = await server.gql(RECONCILE, { id: invoiceId }, manager);
    expect(run.errors).toBeUndefined();
    const { invoice } = (await server.gql(FINDINGS, { id: invoiceId }, manager)).data;
    expect(invoice.status).toBe('RECONCILED');
    const findings = invoice.reconciliation.findings;
    const byLine = (line: number) =>
      findings.filter((f: { lineNumber: unknown }) => f.lineNumber === line).map((f: { type: unknown }) => f.type);
    expect(byLine(1)).toEqual(['VAT_ERROR']);
    expect(byLine(2)).toEqual(['RATE_MISMATCH']);
    expect(byLine(3)).toEqual(['UNKNOWN_SERVICE']);
    expect(byLine(4)).toEqual(['DUPLICATE_CHARGE']);
    expect(byLine(5)).toEqual(['CHARGED_AFTER_CEASE']);
    expect(findings.find((f: { type: unknown }) => f.type === 'VAT_ERROR').difference).toBe('0.01');
    expect(findings.find((f: { type: unknown }) => f.type === 'RATE_MISMATCH').difference).toBe('12.00'); // £10 and its VAT
    const types = new Set(findings.map((f: { type: unknown }) => f.type));
    expect(types.has('NOT_BILLED')).toBe(true);
    expect(
      findings
        .filter((f: { type: unknown }) => f.type === 'NOT_BILLED')
        .every((f: { difference: unknown; disputable: unknown }) => f.difference === '0.00' && !f.disputable),
    ).toBe(true);
    const credit = findings.find((f: { type: unknown }) => f.type === 'MISSING_SERVICE_CREDIT');
    expect(credit.explanation).toMatch(/service credits for 2026-10/);
    expect(parseMoney(credit.difference)).toBeGreaterThan(0n);

    // money is exact: the differences and the agreed amount make up the invoice total
    const sum = findings.reduce((total: bigint, f: { difference: string }) => total + parseMoney(f.difference), 0n);
    expect(sum + parseMoney(invoice.reconciliation.agreedAmount)).toBe(parseMoney(invoice.grossTotal));
    expect(invoice.reconciliation.differenceTotal).toBe(formatMoney(sum));
  });

  it('gives the same findings, with the same ids, when run again', async () => {
    const before = (await server.gql(FINDINGS, { id: invoiceId }, manager)).data.invoice.reconciliation.findings;
    await server.gql(RECONCILE, { id: invoiceId }, manager);
    const after = (await server.gql(FINDINGS, { id: invoiceId }, manager)).data.invoice.reconciliation.findings;
    expect(after.map((f: { id: unknown; type: unknown; difference: unknown }) => [f.id, f.type, f.difference])).toEqual(
      before.map((f: { id: unknown; type: unknown; difference: unknown }) => [f.id, f.type, f.difference]),
    );
  });

  it('reads a page of invoices with their reconciliations in one statement, the same as one by one', async () => {
    const RECONCILIATION = 'invoicedTotal agreedAmount differenceTotal findingCount findings { id type difference }';
    await server.gql(RECONCILE, { id: invoiceId }, manager);
    const pdn = await supplierId(server, manager, 'PDN00001');
    const csv = [
      'invoice_number,invoice_date,period_start,period_end,service_reference,charge_type,quantity,unit_price,net_amount,vat_rate,vat_amount,' +
        'invoice_net_total,invoice_vat_total,invoice_gross_total',
      `PDN-REC-PAGE,2026-12-02,2026-11-01,2026-11-30,${refs.ok},RECURRING,1,${refs.okCharge},${refs.okCharge},20,0.00,${refs.okCharge},0.00,${refs.okCharge}`,
    ].join('\n');
    expect(
      (await ingest(server, manager, { supplierId: pdn, kind: 'INVOICE', format: 'CSV', document: csv })).data.ingestFeed.rowsAccepted,
    ).toBe(1);
    const page = async () =>
      (
        await server.gql(
          `{ invoices(first: 20) { edges { node { id invoiceNumber reconciliation { ${RECONCILIATION} } } } } }`,
          {},
          manager,
        )
      ).data.invoices.edges.map((e: { node: unknown }) => e.node);
    await page();
    let listed: { id: string; reconciliation: { findingCount: number } | null }[] = [];
    const statements = await server.countStatements(async () => {
      listed = await page();
    });
    expect(listed.length).toBeGreaterThan(1);
    expect(listed.find((invoice) => invoice.id === invoiceId)!.reconciliation!.findingCount).toBeGreaterThan(0);
    expect(listed.some((invoice) => invoice.reconciliation === null)).toBe(true);
    for (const invoice of listed) {
      const alone = (
        await server.gql(`query($id: ID!) { invoice(id: $id) { reconciliation { ${RECONCILIATION} } } }`, { id: invoice.id }, manager)
      ).data.invoice;
      expect({ id: invoice.id, reconciliation: invoice.reconciliation }).toEqual({ id: invoice.id, reconciliation: alone.reconciliation });
    }
    // the page with its reconciliations, and the findings of all of them
    expect(statements).toBe(2);
  });

  it("is another tenant's business only to that tenant", async () => {
    const outsider = await server.token('Y0A01', Role.FINANCE_APPROVER);
    expect(errorCode(await server.gql(RECONCILE, { id: invoiceId }, outsider))).toBe('NOT_FOUND');
    const viewer = await server.token('RX1', Role.VIEWER);
    expect(errorCode(await server.gql(RECONCILE, { id: invoiceId }, viewer))).toBe('FORBIDDEN');
  });

  describe('disputes', () => {
    const RAISE =
      'mutation($ids: [ID!]!, $amount: Money) { raiseDispute(input: { findingIds: $ids, evidence: "Contract schedule 2, rates table", ' +
      'disputedAmount: $amount }) { id state disputedAmount deadline } }';
    const MOVE =
      'mutation($id: ID!, $s: DisputeState!, $r: String!) { moveDispute(input: { id: $id, state: $s, reason: $r }) { state creditedAmount } }';
    let findings: { id: string; type: string; difference: string }[];
    let first: { id: string; disputedAmount: string };
    let second: { id: string; disputedAmount: string };

    beforeAll(async () => {
      findings = (await server.gql(FINDINGS, { id: invoiceId }, manager)).data.invoice.reconciliation.findings;
    });

    const idsOf = (...types: string[]) => findings.filter((f) => types.includes(f.type)).map((f) => f.id);

    it("are raised from findings, with the deadline from the contract's window, and never twice", async () => {
      const raised = await server.gql(RAISE, { ids: idsOf('RATE_MISMATCH', 'DUPLICATE_CHARGE') }, manager);
      expect(raised.errors).toBeUndefined();
      first = raised.data.raiseDispute;
      const expected = findings
        .filter((f) => ['RATE_MISMATCH', 'DUPLICATE_CHARGE'].includes(f.type))
        .reduce((sum, f) => sum + parseMoney(f.difference), 0n);
      expect(first).toMatchObject({ state: 'DRAFT', disputedAmount: formatMoney(expected), deadline: '2027-03-01' });
      expect(errorCode(await server.gql(RAISE, { ids: idsOf('RATE_MISMATCH') }, manager))).toBe('CONFLICT');
      expect((await server.gql(RAISE, { ids: idsOf('NOT_BILLED').slice(0, 1) }, manager)).errors?.[0].extensions?.reason).toBe(
        'NOT_DISPUTABLE',
      );
      // re-running the reconciliation keeps the findings, so the dispute keeps them too
      await server.gql(RECONCILE, { id: invoiceId }, manager);
      const kept = await server.gql('query($id: ID!) { dispute(id: $id) { findings { type } } }', { id: first.id }, manager);
      expect(kept.data.dispute.findings.map((f: { type: unknown }) => f.type).sort()).toEqual(['DUPLICATE_CHARGE', 'RATE_MISMATCH']);
    });

    it('follow their lifecycle, recording each move, and drafts near their deadline are listed', async () => {
      expect((await server.gql(MOVE, { id: first.id, s: 'UPHELD', r: 'x' }, manager)).errors?.[0].extensions?.reason).toBe(
        'INVALID_STATUS_TRANSITION',
      );
      second = (await server.gql(RAISE, { ids: idsOf('CHARGED_AFTER_CEASE') }, manager)).data.raiseDispute;
      const near = await server.gql(
        '{ disputesNearingDeadline(withinDays: 365, after: null) { totalCount edges { node { id deadline } } } }',
        {},
        manager,
      );
      const nodes = near.data.disputesNearingDeadline.edges.map((e: { node: unknown }) => e.node);
      expect(nodes.map((d: { id: unknown }) => d.id)).toEqual(expect.arrayContaining([first.id, second.id]));
      expect(near.data.disputesNearingDeadline.totalCount).toBe(nodes.length);
      expect(nodes.map((d: { deadline: unknown }) => d.deadline)).toEqual(nodes.map((d: { deadline: unknown }) => d.deadline).sort());
      const firstPage = await server.gql(
        '{ disputesNearingDeadline(withinDays: 365, first: 1) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }',
        {},
        manager,
      );
      expect(firstPage.data.disputesNearingDeadline).toMatchObject({ totalCount: nodes.length, pageInfo: { hasNextPage: true } });
      const rest = await server.gql(
        'query($after: String) { disputesNearingDeadline(withinDays: 365, first: 10, after: $after) { edges { node { id } } } }',
        { after: firstPage.data.disputesNearingDeadline.pageInfo.endCursor },
        manager,
      );
      expect(
        [...firstPage.data.disputesNearingDeadline.edges, ...rest.data.disputesNearingDeadline.edges].map(
          (e: { node: { id: unknown } }) => e.node.id,
        ),
      ).toEqual(nodes.map((d: { id: unknown }) => d.id));
      for (const dispute of [first, second]) {
        for (const state of ['SUBMITTED', 'ACKNOWLEDGED', 'UPHELD'])
          expect((await server.gql(MOVE, { id: dispute.id, s: state, r: `to ${state}` }, manager)).data.moveDispute.state).toBe(state);
      }
      expect(
        (await server.gql('{ disputesNearingDeadline(withinDays: 365) { totalCount edges { node { id } } } }', {}, manager)).data
          .disputesNearingDeadline,
      ).toEqual({ totalCount: 0, edges: [] });
      const history = await server.gql(
        'query($id: ID!) { dispute(id: $id) { history { fromState toState reason changedBy } } }',
        { id: first.id },
        manager,
      );
      expect(history.data.dispute.history.map((h: { fromState: unknown; toState: unknown }) => `${h.fromState}->${h.toState}`)).toEqual([
        'null->DRAFT',
        'DRAFT->SUBMITTED',
        'SUBMITTED->ACKNOWLEDGED',
        'ACKNOWLEDGED->UPHELD',
      ]);
    });

    it('are credited from later invoices: an exact credit settles one, a part credit leaves the rest due', async () => {
      const exact = parseMoney(first.disputedAmount);
      const exactNet = (exact * 100n) / 120n;
      const lines = [
        [refs.rate, -exactNet, -(exact - exactNet)],
        [refs.ceased, -10_000n, -2_000n],
      ] as const;
      const net = lines.reduce((sum, [, n]) => sum + n, 0n);
      const tax = lines.reduce((sum, [, , v]) => sum + v, 0n);
      const csv = [
        'invoice_number,invoice_date,period_start,period_end,service_reference,charge_type,quantity,unit_price,net_amount,vat_rate,' +
          'vat_amount,invoice_net_total,invoice_vat_total,invoice_gross_total',
        ...lines.map(
          ([reference, n, v]) =>
            `PDN-REC-2,2027-01-02,2026-12-01,2026-12-31,${reference},CREDIT,1,${formatMoney(n)},${formatMoney(n)},20,${formatMoney(v)},` +
            `${formatMoney(net)},${formatMoney(tax)},${formatMoney(net + tax)}`,
        ),
      ].join('\n');
      const pdn = await supplierId(server, manager, 'PDN00001');
      expect(
        (await ingest(server, manager, { supplierId: pdn, kind: 'INVOICE', format: 'CSV', document: csv })).data.ingestFeed.rowsAccepted,
      ).toBe(1);
      const later = (
        await server.gql('{ invoices(first: 100) { edges { node { id invoiceNumber } } } }', {}, manager)
      ).data.invoices.edges.find((e: { node: { invoiceNumber: unknown } }) => e.node.invoiceNumber === 'PDN-REC-2').node.id;
      await server.gql(RECONCILE, { id: later }, manager);
      await server.gql(RECONCILE, { id: later }, manager); // a re-run matches nothing twice

      const state = async (id: string) =>
        (
          await server.gql(
            'query($id: ID!) { dispute(id: $id) { state disputedAmount creditedAmount history { reason } credits { amount line { lineNumber } } } }',
            { id },
            manager,
          )
        ).data.dispute;
      const settled = await state(first.id);
      expect(settled).toMatchObject({ state: 'CREDITED', creditedAmount: settled.disputedAmount });
      expect(settled.history.at(-1).reason).toMatch(/matched from invoice PDN-REC-2 line 1/);
      expect(settled.credits).toEqual([{ amount: settled.disputedAmount, line: { lineNumber: 1 } }]);
      const part = await state(second.id);
      expect(part).toMatchObject({ state: 'UPHELD', creditedAmount: '120.00' });
      expect(part.history.at(-1).reason).toMatch(/still due/);
      expect(part.credits).toEqual([{ amount: '120.00', line: { lineNumber: 2 } }]);
    });
  });
});
