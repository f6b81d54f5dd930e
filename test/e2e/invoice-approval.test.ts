import { parse } from 'csv-parse/sync';
import { Role } from '../../src/auth/roles';
import { todayInLondon } from '../../src/common/calendar';
import { formatMoney, parseMoney } from '../../src/common/money';
import { ingest, supplierId } from '../support/feeds';
import { invoiceCsv } from '../support/invoices';
import { errorCode, startTestServer, type TestServer } from '../support/test-server';

const INVOICE =
  `query($id: ID!) { invoice(id: $id) { id invoiceNumber status grossTotal vatTotal approvedAmount approvedVat approvedAt paidOn paidAmount ` +
  `paymentReference
  withheldAmount heldFrom statusHistory { fromStatus toStatus reason changedBy } approvals { stage amount approvedBy voidReason }
  reconciliation { findings { id type difference disputable } } } }`;
const RECONCILE = 'mutation($id: ID!) { reconcileInvoice(id: $id) { findingCount } }';
const APPROVE =
  'mutation($id: ID!, $accept: Boolean) { approveInvoice(input: { id: $id, note: "Checked against schedule 2", acceptUndisputedFindings: ' +
  '$accept }) { status approvedAmount approvals { stage approvedBy voidReason } } }';
const PAY =
  'mutation($id: ID!, $on: LocalDate!, $amount: Money!, $ref: String!) { recordPayment(input: { id: $id, paidOn: $on, amount: $amount, ' +
  'reference: $ref }) { status paidOn paidAmount paymentReference } }';
const RAISE =
  'mutation($ids: [ID!]!) { raiseDispute(input: { findingIds: $ids, evidence: "Schedule 2 rate card" }) { id disputedAmount } }';
const POLICY =
  'mutation($org: ID!, $above: Money!, $cc: String) { setBillingPolicy(organisationId: $org, input: { secondApprovalAbove: $above, ' +
  'costCentre: $cc }) { secondApprovalAbove costCentre custom } }';
const EXPORT =
  'query($p: String!, $org: ID) { exportPayments(period: $p, organisationId: $org) { period totalApproved totalVat csv rows { ' +
  'organisationOdsCode costCentre approvedAmount vat net invoice { invoiceNumber } } } }';

describe('invoice approval for payment', () => {
  let server: TestServer;
  let manager: string; // reconciles and disputes
  let approver: string; // finance, first approver
  let secondApprover: string; // finance, another person
  let admin: string;
  let csuApprover: string;
  let rx1: string;
  let services: { reference: string; monthlyCharge: string }[];
  let pdn: string;
  const invoices: Record<string, string> = {};

  async function receive(number: string, month: string, lines: [string, bigint][]): Promise<string> {
    const run = await ingest(server, manager, {
      supplierId: pdn,
      kind: 'INVOICE',
      format: 'CSV',
      document: invoiceCsv(number, month, lines),
    });
    expect(run.data.ingestFeed.rowsAccepted).toBe(1);
    const found = (
      await server.gql('{ invoices(first: 100) { edges { node { id invoiceNumber } } } }', {}, manager)
    ).data.invoices.edges.find((e: { node: { invoiceNumber: unknown } }) => e.node.invoiceNumber === number);
    return found.node.id;
  }
  const invoice = async (id: string, token = manager) => (await server.gql(INVOICE, { id }, token)).data.invoice;

  beforeAll(async () => {
    server = await startTestServer({ env: { INVOICE_SECOND_APPROVAL_ABOVE: '100000.00' } });
    manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    approver = await server.token('RX1', Role.FINANCE_APPROVER);
    secondApprover = await server.token('RX1', Role.VIEWER, Role.FINANCE_APPROVER);
    admin = await server.token('RX1', Role.ADMIN);
    csuApprover = await server.token('0CX', Role.FINANCE_APPROVER);
    pdn = await supplierId(server, manager, 'PDN00001');
    rx1 = (await server.gql('{ me { organisation { id } } }', {}, manager)).data.me.organisation.id;
    const contract = (await server.gql('{ contracts(filter: { search: "RX1-HSCN-2023-01" }) { edges { node { id } } } }', {}, manager)).data
      .contracts.edges[0].node.id;
    services = (
      await server.gql(
        'query($c: ID!) { services(first: 100, filter: { contractId: $c, status: [ACTIVE] }) { edges { node { reference monthlyCharge installDate } } } }',
        { c: contract },
        manager,
      )
    ).data.services.edges
      .map((e: { node: unknown }) => e.node)
      .filter((s: { installDate: string }) => s.installDate < '2026-08-01');
    // every live service billed right, except the second at £25 over the contracted rate
    const lines = services.map((s, i): [string, bigint] => [s.reference, parseMoney(s.monthlyCharge) + (i === 1 ? 2_500n : 0n)]);
    invoices.main = await receive('PDN-APP-1', '2026-10', lines);
  });

  afterAll(() => server.stop());

  it('refuses to approve an invoice nobody has reconciled, and anyone without the finance role', async () => {
    const early = await server.gql(APPROVE, { id: invoices.main }, approver);
    expect(errorCode(early)).toBe('CONFLICT');
    expect(early.errors![0].message).toMatch(/RECEIVED.*reconcile it first/);
    expect((await server.gql(RECONCILE, { id: invoices.main }, manager)).errors).toBeUndefined();
    expect(errorCode(await server.gql(APPROVE, { id: invoices.main }, manager))).toBe('FORBIDDEN');
    expect(errorCode(await server.gql(APPROVE, { id: invoices.main }, admin))).toBe('FORBIDDEN');
  });

  it('will not pay an overcharge nobody disputed unless the approver says so, and changes nothing when refusing', async () => {
    const refused = await server.gql(APPROVE, { id: invoices.main }, approver);
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors![0].extensions!.reason).toBe('UNDISPUTED_FINDINGS');
    expect(refused.errors![0].message).toMatch(/RATE_MISMATCH/);
    const after = await invoice(invoices.main);
    expect(after).toMatchObject({ status: 'RECONCILED', approvedAmount: null, approvals: [] });
  });

  it('approves the undisputed amount, with its VAT, and records who did what', async () => {
    const rate = (await invoice(invoices.main)).reconciliation.findings.find((f: { type: unknown }) => f.type === 'RATE_MISMATCH');
    const dispute = (await server.gql(RAISE, { ids: [rate.id] }, manager)).data.raiseDispute;
    expect(dispute.disputedAmount).toBe('30.00'); // £25 and its VAT

    const approved = await server.gql(APPROVE, { id: invoices.main }, approver);
    expect(approved.errors).toBeUndefined();
    const after = await invoice(invoices.main);
    const gross = parseMoney(after.grossTotal);
    expect(after.status).toBe('APPROVED');
    expect(after.withheldAmount).toBe('30.00');
    expect(parseMoney(after.approvedAmount)).toBe(gross - 3_000n);
    // the VAT in what is paid, in proportion and to the penny; net + VAT = approved exactly
    const expectedVat = (parseMoney(after.vatTotal) * (gross - 3_000n) * 2n + gross) / (2n * gross);
    expect(parseMoney(after.approvedVat)).toBe(expectedVat);
    expect(
      after.statusHistory.map((c: { fromStatus: unknown; toStatus: unknown; changedBy: unknown }) => [
        c.fromStatus,
        c.toStatus,
        c.changedBy,
      ]),
    ).toEqual([
      ['RECEIVED', 'RECONCILED', 'test.contract_manager@rx1'],
      ['RECONCILED', 'APPROVED', 'test.finance_approver@rx1'],
    ]);
    expect(after.statusHistory[1].reason).toMatch(/Approved for payment: £[\d.]+ of £[\d.]+\. Checked against schedule 2/);
  });

  it('does not let a person approve an invoice they reconciled or disputed', async () => {
    const lines = services
      .slice(0, 2)
      .map((s, i): [string, bigint] => [s.reference, parseMoney(s.monthlyCharge) + (i === 0 ? 1_000n : 0n)]);
    invoices.own = await receive('PDN-APP-2', '2026-09', lines);
    expect((await server.gql(RECONCILE, { id: invoices.own }, approver)).errors).toBeUndefined();
    const reconciler = await server.gql(APPROVE, { id: invoices.own, accept: true }, approver);
    expect(errorCode(reconciler)).toBe('FORBIDDEN');
    expect(reconciler.errors![0].extensions!.reason).toBe('SEGREGATION_OF_DUTIES');

    const rate = (await invoice(invoices.own)).reconciliation.findings.find((f: { type: unknown }) => f.type === 'RATE_MISMATCH');
    expect((await server.gql(RAISE, { ids: [rate.id] }, secondApprover)).errors).toBeUndefined();
    const disputer = await server.gql(APPROVE, { id: invoices.own }, secondApprover);
    expect(disputer.errors![0].extensions!.reason).toBe('SEGREGATION_OF_DUTIES');
    expect((await invoice(invoices.own)).approvals).toEqual([]);
  });

  it("needs two different approvers above the organisation's threshold", async () => {
    const policy = await server.gql(POLICY, { org: rx1, above: '100.00', cc: 'NET-4410' }, admin);
    expect(policy.data.setBillingPolicy).toEqual({ secondApprovalAbove: '100.00', costCentre: 'NET-4410', custom: true });
    invoices.big = await receive(
      'PDN-APP-3',
      '2026-08',
      services.slice(0, 3).map((s): [string, bigint] => [s.reference, parseMoney(s.monthlyCharge)]),
    );
    await server.gql(RECONCILE, { id: invoices.big }, manager);

    const first = (await server.gql(APPROVE, { id: invoices.big }, approver)).data.approveInvoice;
    expect(first.status).toBe('RECONCILED');
    expect(first.approvals).toEqual([{ stage: 1, approvedBy: 'test.finance_approver@rx1', voidReason: null }]);
    const again = await server.gql(APPROVE, { id: invoices.big }, approver);
    expect(again.errors![0].extensions!.reason).toBe('SECOND_APPROVER_REQUIRED');
    const second = (await server.gql(APPROVE, { id: invoices.big }, secondApprover)).data.approveInvoice;
    expect(second.status).toBe('APPROVED');
    expect(second.approvals.map((a: { stage: unknown; approvedBy: unknown }) => [a.stage, a.approvedBy])).toEqual([
      [1, 'test.finance_approver@rx1'],
      [2, 'test.viewer@rx1'],
    ]);
  });

  it('puts an invoice on hold, voiding its approval, and releases it to be approved again', async () => {
    const held = await server.gql(
      'mutation($id: ID!) { holdInvoice(id: $id, reason: "Supplier re-issuing with corrected PO") { status heldFrom approvedAmount } }',
      { id: invoices.big },
      manager,
    );
    expect(held.data.holdInvoice).toEqual({ status: 'ON_HOLD', heldFrom: 'APPROVED', approvedAmount: null });
    expect(
      (await invoice(invoices.big)).approvals.every((a: { voidReason: string }) => /put on hold: Supplier re-issuing/.test(a.voidReason)),
    ).toBe(true);
    expect(errorCode(await server.gql(APPROVE, { id: invoices.big }, approver))).toBe('CONFLICT');
    expect(errorCode(await server.gql(RECONCILE, { id: invoices.big }, manager))).toBe('CONFLICT');
    const released = await server.gql(
      'mutation($id: ID!) { releaseInvoice(id: $id, reason: "Corrected PO received") { status heldFrom } }',
      { id: invoices.big },
      manager,
    );
    expect(released.data.releaseInvoice).toEqual({ status: 'RECONCILED', heldFrom: null });
    expect(
      errorCode(await server.gql('mutation($id: ID!) { releaseInvoice(id: $id, reason: "x") { status } }', { id: invoices.big }, manager)),
    ).toBe('CONFLICT');
  });

  it('records a payment only for the approved amount, once, on a date that has happened', async () => {
    const { approvedAmount } = await invoice(invoices.main);
    const today = todayInLondon();
    const wrong = await server.gql(
      PAY,
      { id: invoices.main, on: today, amount: formatMoney(parseMoney(approvedAmount) + 1n), ref: 'AP-100' },
      approver,
    );
    expect(wrong.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount', reason: 'AMOUNT_MISMATCH' });
    const future = await server.gql(PAY, { id: invoices.main, on: '2099-01-01', amount: approvedAmount, ref: 'AP-100' }, approver);
    expect(future.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.paidOn' });
    expect((await invoice(invoices.main)).status).toBe('APPROVED');
    const paid = await server.gql(PAY, { id: invoices.main, on: today, amount: approvedAmount, ref: 'AP-100' }, approver);
    expect(paid.data.recordPayment).toEqual({ status: 'PAID', paidOn: today, paidAmount: approvedAmount, paymentReference: 'AP-100' });
    const twice = await server.gql(PAY, { id: invoices.main, on: today, amount: approvedAmount, ref: 'AP-101' }, approver);
    expect(errorCode(twice)).toBe('CONFLICT');
    expect(twice.errors![0].message).toMatch(/PAID \(paid on .*reference AP-100\)/);
    expect(errorCode(await server.gql(PAY, { id: invoices.main, on: today, amount: approvedAmount, ref: 'AP-1' }, manager))).toBe(
      'FORBIDDEN',
    );
  });

  it("exports the month's approved invoices as CSV for accounts payable, charged to the owning organisation's cost centre", async () => {
    const period = todayInLondon().slice(0, 7);
    const exported = (await server.gql(EXPORT, { p: period }, approver)).data.exportPayments;
    const main = await invoice(invoices.main);
    expect(exported.rows).toEqual([
      {
        organisationOdsCode: 'RX1',
        costCentre: 'NET-4410',
        approvedAmount: main.approvedAmount,
        vat: main.approvedVat,
        net: formatMoney(parseMoney(main.approvedAmount) - parseMoney(main.approvedVat)),
        invoice: { invoiceNumber: 'PDN-APP-1' },
      },
    ]);
    expect(exported.totalApproved).toBe(main.approvedAmount);
    const records = parse(exported.csv, { columns: true });
    expect(records).toEqual([
      expect.objectContaining({
        supplier: 'Pennine Digital Networks Ltd',
        supplier_cnsp_id: 'PDN00001',
        invoice_number: 'PDN-APP-1',
        organisation_ods: 'RX1',
        cost_centre: 'NET-4410',
        approved_amount: main.approvedAmount,
        vat: main.approvedVat,
        status: 'PAID',
        payment_reference: 'AP-100',
      }),
    ]);
    expect(exported.csv.split('\r\n')[0]).toBe(
      'supplier,supplier_cnsp_id,invoice_number,invoice_date,due_date,organisation_ods,organisation,cost_centre,currency,approved_amount,' +
        'vat,net,approved_at,status,paid_on,payment_reference',
    );
    expect((await server.gql(EXPORT, { p: '2020-01' }, approver)).data.exportPayments).toMatchObject({ rows: [], totalApproved: '0.00' });
    expect(errorCode(await server.gql(EXPORT, { p: '2026-13' }, approver))).toBe('BAD_USER_INPUT');
    expect(errorCode(await server.gql(EXPORT, { p: period }, manager))).toBe('FORBIDDEN');
  });

  it('lets a CSU approve and export the invoices of the trusts it acts for', async () => {
    const seen = await invoice(invoices.big, csuApprover);
    expect(seen.status).toBe('RECONCILED');
    // RX1's threshold (£100) applies to RX1's invoices, whoever approves them
    expect((await server.gql(APPROVE, { id: invoices.big }, csuApprover)).data.approveInvoice.status).toBe('RECONCILED');
    expect((await server.gql(APPROVE, { id: invoices.big }, approver)).data.approveInvoice.status).toBe('APPROVED');
    const exported = (await server.gql(EXPORT, { p: todayInLondon().slice(0, 7) }, csuApprover)).data.exportPayments;
    expect(
      exported.rows.map((r: { invoice: { invoiceNumber: unknown }; organisationOdsCode: unknown; costCentre: unknown }) => [
        r.invoice.invoiceNumber,
        r.organisationOdsCode,
        r.costCentre,
      ]),
    ).toEqual([
      ['PDN-APP-1', 'RX1', 'NET-4410'],
      ['PDN-APP-3', 'RX1', 'NET-4410'],
    ]);
    // a trust does not see what another trust's CSU approved for someone else
    const rx2 = await server.token('RX2', Role.FINANCE_APPROVER);
    expect((await server.gql(EXPORT, { p: todayInLondon().slice(0, 7) }, rx2)).data.exportPayments.rows).toEqual([]);
  });

  it("summarises the month's spend by supplier, service type and owning organisation, with what was found and claimed", async () => {
    const summary = (
      await server.gql(
        `{ billingSummary(period: "2026-10") { invoiceCount gross net vat bySupplier { supplier { cnspId } invoiceCount gross } ` +
          `byServiceType { serviceType net }
         byOrganisation { organisation { odsCode } gross approved } overchargesFound creditsClaimed creditsReceived ` +
          `withheldFromPayment moneyRecovered approved paid } }`,
        {},
        manager,
      )
    ).data.billingSummary;
    const main = await invoice(invoices.main);
    expect(summary.invoiceCount).toBe(1);
    expect(summary.gross).toBe(main.grossTotal);
    expect(summary.bySupplier).toEqual([{ supplier: { cnspId: 'PDN00001' }, invoiceCount: 1, gross: main.grossTotal }]);
    expect(summary.byServiceType.reduce((sum: bigint, t: { net: string }) => sum + parseMoney(t.net), 0n)).toBe(parseMoney(summary.net));
    expect(summary.byOrganisation).toEqual([{ organisation: { odsCode: 'RX1' }, gross: main.grossTotal, approved: main.approvedAmount }]);
    expect(summary.overchargesFound).toBe('30.00'); // £25 over the rate, with VAT
    expect(summary.creditsClaimed).toBe('0.00'); // the dispute is still a draft, not yet sent
    expect(summary.withheldFromPayment).toBe('30.00');
    expect(summary.paid).toBe(main.paidAmount);
    const policy = await server.gql(POLICY, { org: rx1, above: '-1.00' }, admin);
    expect(policy.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.secondApprovalAbove' });
  });

  it("scores the supplier's billing accuracy from the reconciliations", async () => {
    const card = (
      await server.gql(
        'query($s: ID!) { supplierScorecard(supplierId: $s, period: "2026-10") { kpis { name value basis } } }',
        { s: pdn },
        manager,
      )
    ).data.supplierScorecard;
    const billing = card.kpis.find((k: { name: unknown }) => k.name === 'billingAccuracy');
    expect(billing.basis).toBe(`${services.length - 1} of ${services.length} charges on 1 reconciled invoice billed right`);
    expect(billing.value).toBe(((100 * (services.length - 1)) / services.length).toFixed(1));
  });

  it('keeps the cost centre when only the threshold is set, and clears it with null (it was erased)', async () => {
    const THRESHOLD_ONLY =
      'mutation($org: ID!, $above: Money!) { setBillingPolicy(organisationId: $org, input: { secondApprovalAbove: $above }) { ' +
      'secondApprovalAbove costCentre custom } }';
    const POLICY_NOW = 'query($org: ID!) { billingPolicy(organisationId: $org) { secondApprovalAbove costCentre } }';
    await server.gql(POLICY, { org: rx1, above: '100.00', cc: 'NET-4410' }, admin);

    const raised = await server.gql(THRESHOLD_ONLY, { org: rx1, above: '250.00' }, admin);
    expect(raised.data.setBillingPolicy).toEqual({ secondApprovalAbove: '250.00', costCentre: 'NET-4410', custom: true });
    expect((await server.gql(POLICY_NOW, { org: rx1 }, admin)).data.billingPolicy).toEqual({
      secondApprovalAbove: '250.00',
      costCentre: 'NET-4410',
    });

    const cleared = await server.gql(POLICY, { org: rx1, above: '250.00', cc: null }, admin);
    expect(cleared.data.setBillingPolicy).toEqual({ secondApprovalAbove: '250.00', costCentre: null, custom: true });

    // a threshold-only policy for an organisation that had none starts with no cost centre
    const csu = (await server.gql('{ me { organisation { id } } }', {}, csuApprover)).data.me.organisation.id;
    const csuAdmin = await server.token('0CX', Role.ADMIN);
    expect((await server.gql(THRESHOLD_ONLY, { org: csu, above: '500.00' }, csuAdmin)).data.setBillingPolicy).toEqual({
      secondApprovalAbove: '500.00',
      costCentre: null,
      custom: true,
    });
  });
});
