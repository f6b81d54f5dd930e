import { DateTime } from 'luxon';
import { Role } from '../../src/auth/roles';
import { seedDemoOrderData } from '../../src/seed/demo-orders';
import { seedDemoSlaData } from '../../src/seed/demo-sla';
import { startTestServer, type TestServer } from '../support/test-server';

/** The demo shows orders at work: delivery met and breached, orders running late, dual running, and a clean invoice. */
describe('the demo orders', () => {
  let server: TestServer;
  let manager: string;
  const today = DateTime.now().setZone('Europe/London');
  const period = today.startOf('month').minus({ months: 1 }).toFormat('yyyy-MM');
  const contractId = async (reference: string) =>
    (await server.gql(`{ contracts(filter: { search: "${reference}" }) { edges { node { id } } } }`, {}, manager)).data.contracts.edges[0]
      .node.id;
  const delivery = async (reference: string) =>
    (
      await server.gql(
        `query($c: ID!) { slaReport(contractId: $c, period: "${period}") { terms { kind achieved status orders { supplierOrderReference daysLate } } } }`,
        { c: await contractId(reference) },
        manager,
      )
    ).data.slaReport.terms.find((t: { kind: unknown }) => t.kind === 'ORDER_DELIVERY');

  beforeAll(async () => {
    server = await startTestServer();
    manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    await seedDemoSlaData(server.db.dataSource, server.db.config, today);
  });

  afterAll(() => server.stop());

  it('seeds once: a second run changes nothing', async () => {
    const first = await seedDemoOrderData(server.db.dataSource, server.db.config, today);
    expect(first).toEqual({ period, orders: 8, replacements: 2, invoice: `PDN-INV-${period}-DEMO` });
    const snapshot = async () =>
      (
        await server.gql(
          '{ orders(first: 100) { edges { node { id status updatedAt history { id } } } } invoices(first: 100) { totalCount } }',
          {},
          manager,
        )
      ).data;
    const before = await snapshot();
    expect(await seedDemoOrderData(server.db.dataSource, server.db.config, today)).toEqual(first);
    expect(await snapshot()).toEqual(before);
  });

  it('shows ORDER_DELIVERY met on the Pennine contract and breached on the Meridian one, with the late move as evidence', async () => {
    expect(await delivery('RX1-HSCN-2023-01')).toMatchObject({ achieved: '3 of 3 (100.0%)', status: 'MET', orders: [] });
    expect(await delivery('RX1-HSCN-2024-02')).toMatchObject({
      achieved: '1 of 2 (50.0%)',
      status: 'BREACHED',
      orders: [{ supplierOrderReference: 'MHN-ORD-D0002', daysLate: 7 }],
    });
  });

  it('has an order in progress past its committed date, one on track, and a draft', async () => {
    const past = (await server.gql('{ ordersPastCommittedDate { supplierOrderReference status } }', {}, manager)).data
      .ordersPastCommittedDate;
    expect(past).toEqual([{ supplierOrderReference: 'MHN-ORD-D0003', status: 'IN_PROGRESS' }]);
    const open = (
      await server.gql('{ orders(filter: { status: [ACKNOWLEDGED] }) { edges { node { supplierOrderReference daysLate } } } }', {}, manager)
    ).data.orders.edges.map((e: { node: unknown }) => e.node);
    expect(open).toEqual([{ supplierOrderReference: 'PDN-ORD-D0004', daysLate: 0 }]);
    const csu = await server.token('0CX', Role.VIEWER);
    const drafts = (await server.gql('{ orders(filter: { status: [DRAFT] }) { edges { node { organisation { odsCode } } } } }', {}, csu))
      .data.orders.edges;
    expect(drafts.map((e: { node: { organisation: { odsCode: unknown } } }) => e.node.organisation.odsCode)).toEqual(['RX2']);
  });

  it('shows two BT services running alongside live HSCN replacements, overdue for cease', async () => {
    const rx1 = (await server.gql('{ me { organisation { id } } }', {}, manager)).data.me.organisation.id;
    const rows = (
      await server.gql(
        'query($o: ID!) { legacyServicesToCease(organisationId: $o) { service { type } replacement { reference } dualRunningExposure overdue } }',
        { o: rx1 },
        manager,
      )
    ).data.legacyServicesToCease;
    const dual = rows.filter((r: { replacement: unknown }) => r.replacement !== null);
    expect(dual.map((r: { service: { type: unknown } }) => r.service.type).sort()).toEqual(['LAN_OVERLAY', 'VOICE']);
    expect(dual.every((r: { overdue: unknown; dualRunningExposure: unknown }) => r.overdue && r.dualRunningExposure !== '0.00')).toBe(true);
    expect(dual.find((r: { service: { type: unknown } }) => r.service.type === 'VOICE').replacement.reference).toBe('PDN-ETH-D70001');
  });

  it("reconciles Pennine's invoice, one-off charge and mid-month upgrade included, with nothing wrong", async () => {
    const invoice = (
      await server.gql(
        `{ invoices(filter: { period: "${period}" }) { edges { node { invoiceNumber status lines { chargeType } reconciliation { ` +
          `differenceTotal findings { type explanation } } } } } }`,
        {},
        manager,
      )
    ).data.invoices.edges
      .map((e: { node: unknown }) => e.node)
      .find((i: { invoiceNumber: unknown }) => i.invoiceNumber === `PDN-INV-${period}-DEMO`);
    expect(invoice.status).toBe('RECONCILED');
    expect(invoice.lines.filter((l: { chargeType: unknown }) => l.chargeType === 'ONE_OFF')).toHaveLength(1);
    // a supplementary invoice, for the services the orders changed: on its own (no regular invoice seeded here) the rest are only reported as not billed
    expect(invoice.reconciliation.findings.filter((f: { type: unknown }) => f.type !== 'NOT_BILLED')).toEqual([]);
    expect(invoice.reconciliation.differenceTotal).toBe('0.00');
  });
});
