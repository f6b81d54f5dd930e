import { DateTime } from 'luxon';
import { Role } from '../../src/auth/roles';
import { todayInLondon } from '../../src/common/calendar';
import { formatMoney, parseMoney } from '../../src/common/money';
import { ingest, supplierId } from '../support/feeds';
import { errorCode, startTestServer, type GraphqlResponse, type TestServer } from '../support/test-server';

const ORDER =
  `id type status requestedDate submittedOn committedDate originalCommittedDate completedOn oneOffCharge supplierOrderReference daysLate
  bandwidthMbps monthlyCharge previousMonthlyCharge site { id } fromSite { id } service { id reference status installDate ceaseDate ` +
  `monthlyCharge bandwidthMbps oneOffCharge site { id } }
  history { fromStatus toStatus effectiveOn reason changedBy }`;

/** Dates in last month, so that every step is in the past whatever today is. */
const month = DateTime.now().setZone('Europe/London').startOf('month').minus({ months: 1 });
const day = (n: number) => month.set({ day: n }).toISODate()!;
const period = month.toFormat('yyyy-MM');
const monthDays = month.daysInMonth!;

describe('orders', () => {
  let server: TestServer;
  let manager: string;
  let viewer: string;
  let pdnContract: string;
  let mhnContract: string;
  let sites: string[];
  let active: { id: string; reference: string; monthlyCharge: string; bandwidthMbps: number; site: { id: string } }[];
  /** what the tests read of an order the API answers with */
  type Order = {
    id: string;
    daysLate: number | null;
    service: { site: { id: string }; monthlyCharge: string };
    history: { reason: string }[];
  };

  const gql = (query: string, variables: Record<string, unknown> = {}) => server.gql(query, variables, manager);
  const create = (input: Record<string, unknown>) =>
    gql(`mutation($input: CreateOrderInput!) { createOrder(input: $input) { ${ORDER} } }`, { input });
  const move = (id: string, status: string, on?: string, extra: Record<string, unknown> = {}) =>
    gql(`mutation($input: MoveOrderInput!) { moveOrder(input: $input) { ${ORDER} } }`, {
      input: { id, status, reason: `to ${status}`, on, ...extra },
    });
  const commit = (id: string, committedDate: string, reason?: string) =>
    gql(`mutation($input: SetOrderCommittedDateInput!) { setOrderCommittedDate(input: $input) { ${ORDER} } }`, {
      input: { id, committedDate, reason },
    });
  const complete = (id: string, completedOn: string, serviceReference?: string) =>
    gql(`mutation($input: CompleteOrderInput!) { completeOrder(input: $input) { ${ORDER} } }`, {
      input: { id, completedOn, serviceReference },
    });
  const orderOf = (id: string) => gql(`query($id: ID!) { order(id: $id) { ${ORDER} } }`, { id }).then((r) => r.data.order);
  const ok = <T>(response: GraphqlResponse, field: string): T => {
    expect(response.errors).toBeUndefined();
    return response.data[field];
  };
  const reason = (response: GraphqlResponse) => response.errors?.[0]?.extensions?.reason;

  /** Places an order with the supplier: submitted on `submitted`, committed to `committed`, acknowledged. */
  async function placed(input: Record<string, unknown>, submitted: number, committed: number | null, reference: string) {
    const order = ok<{ id: string }>(await create({ supplierOrderReference: reference, ...input }), 'createOrder');
    ok(await move(order.id, 'SUBMITTED', day(submitted)), 'moveOrder');
    if (committed !== null) ok(await commit(order.id, day(committed)), 'setOrderCommittedDate');
    ok(await move(order.id, 'ACKNOWLEDGED', day(submitted)), 'moveOrder');
    return order.id;
  }

  beforeAll(async () => {
    server = await startTestServer();
    manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    viewer = await server.token('RX1', Role.VIEWER);
    const contracts = (await gql('{ contracts(first: 100) { edges { node { id reference } } } }')).data.contracts.edges.map(
      (e: { node: unknown }) => e.node,
    );
    pdnContract = contracts.find((c: { reference: unknown }) => c.reference === 'RX1-HSCN-2023-01').id;
    mhnContract = contracts.find((c: { reference: unknown }) => c.reference === 'RX1-HSCN-2024-02').id;
    sites = (await gql('{ sites(first: 100) { edges { node { id odsCode } } } }')).data.sites.edges
      .map((e: { node: unknown }) => e.node)
      .filter((s: { odsCode: string }) => s.odsCode.startsWith('RX1'))
      .map((s: { id: unknown }) => s.id);
    active = (
      await gql(
        'query($c: ID!) { services(first: 100, filter: { contractId: $c, status: [ACTIVE] }) { edges { node { id reference monthlyCharge ' +
          'bandwidthMbps installDate site { id } } } } }',
        { c: pdnContract },
      )
    ).data.services.edges
      .map((e: { node: unknown }) => e.node)
      .filter((s: { installDate: string }) => s.installDate < day(1));
  });

  afterAll(() => server.stop());

  describe('a new service', () => {
    let id: string;

    it('goes through its lifecycle, each step recorded with who, when and why', async () => {
      const draft = ok<Order>(
        await create({
          type: 'NEW_SERVICE',
          contractId: pdnContract,
          siteId: sites[0],
          requestedDate: day(12),
          serviceType: 'INTERNET_BREAKOUT',
          resilience: 'RESILIENT',
          bandwidthMbps: 200,
          monthlyCharge: '420.00',
          oneOffCharge: '1200.00',
          description: 'Second breakout',
        }),
        'createOrder',
      );
      id = draft.id;
      expect(draft).toMatchObject({ status: 'DRAFT', oneOffCharge: '1200.00', service: null, daysLate: null });
      expect(errorCode(await commit(id, day(20)))).toBe('CONFLICT'); // no commitment before submission
      expect(reason(await move(id, 'ACKNOWLEDGED', day(2)))).toBe('INVALID_STATUS_TRANSITION');
      ok(await move(id, 'SUBMITTED', day(2)), 'moveOrder');

      const early = await commit(id, day(1));
      expect(early.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.committedDate',
        reason: 'COMMITTED_BEFORE_SUBMISSION',
      });
      expect(reason(await commit(id, day(11)))).toBe('COMMITTED_BEFORE_REQUESTED');
      ok(await commit(id, day(14)), 'setOrderCommittedDate');
      const slipped = ok<Order>(await commit(id, day(16), 'wayleave'), 'setOrderCommittedDate');
      expect(slipped).toMatchObject({ committedDate: day(16), originalCommittedDate: day(14) });

      ok(await move(id, 'ACKNOWLEDGED', day(3), { supplierOrderReference: 'PDN-ORD-9001' }), 'moveOrder');
      ok(await move(id, 'IN_PROGRESS', day(4)), 'moveOrder');
      ok(await move(id, 'HELD', day(5)), 'moveOrder');
      expect(reason(await complete(id, day(6), 'PDN-BRK-900001'))).toBe('INVALID_STATUS_TRANSITION'); // held orders are resumed first
      expect(reason(await move(id, 'IN_PROGRESS', day(4)))).toBe('DATE_BEFORE_PREVIOUS');
      ok(await move(id, 'IN_PROGRESS', day(9)), 'moveOrder');
      expect(reason(await move(id, 'COMPLETED', day(10)))).toBe('USE_COMPLETE_ORDER');

      const order = await orderOf(id);
      expect(
        order.history.map(
          (h: { fromStatus: unknown; toStatus: unknown; effectiveOn: unknown }) => `${h.fromStatus}>${h.toStatus}@${h.effectiveOn}`,
        ),
      ).toEqual([
        `null>DRAFT@${todayInLondon()}`,
        `DRAFT>SUBMITTED@${day(2)}`,
        `SUBMITTED>SUBMITTED@${todayInLondon()}`,
        `SUBMITTED>SUBMITTED@${todayInLondon()}`,
        `SUBMITTED>ACKNOWLEDGED@${day(3)}`,
        `ACKNOWLEDGED>IN_PROGRESS@${day(4)}`,
        `IN_PROGRESS>HELD@${day(5)}`,
        `HELD>IN_PROGRESS@${day(9)}`,
      ]);
      expect(order.history[3].reason).toBe(`Committed date moved from ${day(14)} to ${day(16)}: wayleave`);
      expect(order.history.every((h: { changedBy: unknown }) => h.changedBy === 'test.contract_manager@rx1')).toBe(true);
    });

    it("needs the new service's reference to complete, and changes nothing without it", async () => {
      const response = await complete(id, day(15));
      expect(response.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.serviceReference',
        reason: 'REQUIRED',
      });
      expect(await orderOf(id)).toMatchObject({ status: 'IN_PROGRESS', completedOn: null, service: null });
    });

    it('adds the service to the inventory, live from the completion date, when completed', async () => {
      expect(reason(await complete(id, '2999-01-01', 'PDN-BRK-900001'))).toBe('DATE_IN_FUTURE');
      const done = ok<Order>(await complete(id, day(15), 'PDN-BRK-900001'), 'completeOrder');
      expect(done).toMatchObject({ status: 'COMPLETED', completedOn: day(15), daysLate: 0 });
      expect(done.service).toMatchObject({
        reference: 'PDN-BRK-900001',
        status: 'ACTIVE',
        installDate: day(15),
        monthlyCharge: '420.00',
        bandwidthMbps: 200,
        oneOffCharge: '1200.00',
        site: { id: sites[0] },
      });
      expect(done.history.at(-1)).toMatchObject({ fromStatus: 'IN_PROGRESS', toStatus: 'COMPLETED', effectiveOn: day(15) });
    });

    it('refuses to complete it twice, or to move a completed order', async () => {
      const again = await complete(id, day(16), 'PDN-BRK-900002');
      expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ORDER_ALREADY_COMPLETED' });
      expect(reason(await move(id, 'CANCELLED'))).toBe('INVALID_STATUS_TRANSITION');
      const services = await gql('{ services(filter: { search: "PDN-BRK-90000" }) { totalCount } }');
      expect(services.data.services.totalCount).toBe(1);
      const taken = await create({
        type: 'ADD',
        contractId: pdnContract,
        siteId: sites[1],
        requestedDate: day(20),
        serviceType: 'VOICE',
        resilience: 'NON_RESILIENT',
        bandwidthMbps: 1,
        monthlyCharge: '10.00',
        serviceReference: 'PDN-BRK-900001',
      });
      expect(taken.errors?.[0]?.extensions).toMatchObject({
        code: 'CONFLICT',
        field: 'input.serviceReference',
        reason: 'DUPLICATE_REFERENCE',
      });
    });

    it('is read-only to a viewer', async () => {
      const response = await server.gql(
        'mutation($id: ID!) { moveOrder(input: { id: $id, status: CANCELLED, reason: "x" }) { id } }',
        { id },
        viewer,
      );
      expect(errorCode(response)).toBe('FORBIDDEN');
      expect((await server.gql('query($id: ID!) { order(id: $id) { status } }', { id }, viewer)).data.order.status).toBe('COMPLETED');
    });
  });

  describe('a change', () => {
    it('refuses a CHANGE that changes nothing, and fields that belong to other order types', async () => {
      const service = active[0];
      const none = await create({
        type: 'CHANGE',
        serviceId: service.id,
        requestedDate: day(5),
        monthlyCharge: service.monthlyCharge,
        bandwidthMbps: service.bandwidthMbps,
      });
      expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input', reason: 'CHANGE_WITHOUT_CHANGE' });
      expect(reason(await create({ type: 'CHANGE', serviceId: service.id, requestedDate: day(5) }))).toBe('CHANGE_WITHOUT_CHANGE');
      expect(
        reason(await create({ type: 'CHANGE', serviceId: service.id, requestedDate: day(5), monthlyCharge: '1.00', serviceType: 'VOICE' })),
      ).toBe('NOT_APPLICABLE');
      expect(
        (await gql('query($s: ID!) { orders(filter: { serviceId: $s }) { totalCount } }', { s: service.id })).data.orders.totalCount,
      ).toBe(0);
    });

    it('changes the charge from its effective date, keeping the history that billing pro-rates by', async () => {
      const service = active[1];
      const newCharge = parseMoney(service.monthlyCharge) + 15_000n;
      const id = await placed(
        {
          type: 'CHANGE',
          serviceId: service.id,
          requestedDate: day(10),
          monthlyCharge: formatMoney(newCharge),
          bandwidthMbps: service.bandwidthMbps * 2,
        },
        1,
        10,
        'PDN-ORD-9002',
      );
      const done = ok<Order>(await complete(id, day(10)), 'completeOrder');
      expect(done).toMatchObject({
        previousMonthlyCharge: service.monthlyCharge,
        monthlyCharge: formatMoney(newCharge),
        bandwidthMbps: service.bandwidthMbps * 2,
      });
      expect(done.service).toMatchObject({ monthlyCharge: formatMoney(newCharge), bandwidthMbps: service.bandwidthMbps * 2 });
      expect(done.history.at(-1)!.reason).toMatch(
        new RegExp(`monthly charge £${service.monthlyCharge} → £${formatMoney(newCharge)} from ${day(10)}`),
      );
      const history = (
        await gql('query($id: ID!) { service(id: $id) { termsHistory { effectiveFrom monthlyCharge bandwidthMbps } } }', { id: service.id })
      ).data.service.termsHistory;
      expect(history).toEqual([
        { effectiveFrom: null, monthlyCharge: service.monthlyCharge, bandwidthMbps: service.bandwidthMbps },
        { effectiveFrom: day(10), monthlyCharge: formatMoney(newCharge), bandwidthMbps: service.bandwidthMbps * 2 },
      ]);
    });
  });

  describe('a move', () => {
    it('refuses a move to the site the service is at, and moves it from the effective date', async () => {
      const service = active[2];
      expect(reason(await create({ type: 'MOVE', serviceId: service.id, siteId: service.site.id, requestedDate: day(5) }))).toBe(
        'SAME_SITE',
      );
      expect(reason(await create({ type: 'MOVE', serviceId: service.id, requestedDate: day(5) }))).toBe('REQUIRED');
      const target = sites.find((s) => s !== service.site.id)!;
      const id = await placed({ type: 'MOVE', serviceId: service.id, siteId: target, requestedDate: day(8) }, 2, 8, 'PDN-ORD-9003');
      const done = ok<Order>(await complete(id, day(8)), 'completeOrder');
      expect(done).toMatchObject({ fromSite: { id: service.site.id }, site: { id: target } });
      expect(done.service.site.id).toBe(target);
      expect(done.service.monthlyCharge).toBe(service.monthlyCharge);
    });
  });

  describe('a cease', () => {
    let service: (typeof active)[number];
    let first: string;

    it('marks the service CEASE_REQUESTED once submitted, and refuses a second cease while one is open', async () => {
      service = active[3];
      first = ok<{ id: string }>(await create({ type: 'CEASE', serviceId: service.id, requestedDate: day(20) }), 'createOrder').id;
      const second = await create({ type: 'CEASE', serviceId: service.id, requestedDate: day(21) });
      expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.serviceId', reason: 'CEASE_ALREADY_OPEN' });
      expect(reason(await create({ type: 'CHANGE', serviceId: service.id, requestedDate: day(21), monthlyCharge: '1.00' }))).toBe(
        'CEASE_ALREADY_OPEN',
      );
      const submitted = ok<Order>(await move(first, 'SUBMITTED', day(3)), 'moveOrder');
      expect(submitted.service).toMatchObject({ status: 'CEASE_REQUESTED', ceaseDate: day(20) });
    });

    it('withdraws the request when the order is cancelled, and a cancelled order is never completed', async () => {
      const cancelled = ok<Order>(await move(first, 'CANCELLED', day(4)), 'moveOrder');
      expect(cancelled.service).toMatchObject({ status: 'ACTIVE', ceaseDate: null });
      const response = await complete(first, day(5));
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ORDER_CLOSED' });
      expect((await orderOf(first)).service.status).toBe('ACTIVE');
    });

    it('ceases the service on completion, and refuses a cease for a ceased service', async () => {
      const id = await placed({ type: 'CEASE', serviceId: service.id, requestedDate: day(18) }, 5, 18, 'PDN-ORD-9004');
      ok(await move(id, 'IN_PROGRESS', day(6)), 'moveOrder');
      const done = ok<Order>(await complete(id, day(19)), 'completeOrder');
      expect(done.service).toMatchObject({ status: 'CEASED', ceaseDate: day(19) });
      expect(done.daysLate).toBe(1);
      const again = await create({ type: 'CEASE', serviceId: service.id, requestedDate: day(25) });
      expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'SERVICE_ALREADY_CEASED' });
    });
  });

  describe('delivery against committed dates', () => {
    let late: string;

    beforeAll(async () => {
      const mhnServices = (
        await gql(
          'query($c: ID!) { services(first: 100, filter: { contractId: $c, status: [ACTIVE] }) { edges { node { id monthlyCharge installDate } } } }',
          { c: mhnContract },
        )
      ).data.services.edges
        .map((e: { node: unknown }) => e.node)
        .filter((s: { installDate: string }) => s.installDate < day(1));
      // on time: committed for the 12th, done on the 12th
      const onTime = await placed(
        {
          type: 'CHANGE',
          serviceId: mhnServices[0].id,
          requestedDate: day(12),
          monthlyCharge: formatMoney(parseMoney(mhnServices[0].monthlyCharge) + 100n),
        },
        1,
        12,
        'MHN-ORD-1',
      );
      ok(await complete(onTime, day(12)), 'completeOrder');
      // late: committed for the 10th, done on the 17th
      late = await placed(
        {
          type: 'CHANGE',
          serviceId: mhnServices[1].id,
          requestedDate: day(10),
          monthlyCharge: formatMoney(parseMoney(mhnServices[1].monthlyCharge) + 100n),
        },
        1,
        10,
        'MHN-ORD-2',
      );
      ok(await complete(late, day(17)), 'completeOrder');
      // still open, past its committed date
      await placed({ type: 'CEASE', serviceId: mhnServices[2].id, requestedDate: day(14) }, 2, 14, 'MHN-ORD-3');
    });

    it('lists open orders past their committed date, with how late they are', async () => {
      const past = (await gql('{ ordersPastCommittedDate { supplierOrderReference committedDate daysLate status } }')).data
        .ordersPastCommittedDate;
      expect(past.map((o: { supplierOrderReference: unknown }) => o.supplierOrderReference)).toEqual(['MHN-ORD-3']);
      expect(past[0].daysLate).toBe(DateTime.fromISO(todayInLondon()).diff(DateTime.fromISO(day(14)), 'days').days);
    });

    it('reports ORDER_DELIVERY in the SLA report, with the late orders as evidence', async () => {
      const report = (
        await gql(
          `query($c: ID!) { slaReport(contractId: $c, period: "${period}") { terms { kind target achieved status contractual note orders { ` +
            `supplierOrderReference committedDate completedOn daysLate order { id } } } } }`,
          { c: mhnContract },
        )
      ).data.slaReport;
      const term = report.terms.find((t: { kind: unknown }) => t.kind === 'ORDER_DELIVERY');
      expect(term).toMatchObject({ target: '90% on time', achieved: '1 of 2 (50.0%)', status: 'BREACHED', contractual: false });
      expect(term.orders).toEqual([
        { supplierOrderReference: 'MHN-ORD-2', committedDate: day(10), completedOn: day(17), daysLate: 7, order: { id: late } },
      ]);
    });

    it("follows the contract's own target, and is NOT_APPLICABLE in a month with no completions", async () => {
      ok(
        await gql('mutation($c: ID!) { setSlaTerm(contractId: $c, input: { kind: ORDER_DELIVERY, targetPercent: "50" }) { id } }', {
          c: mhnContract,
        }),
        'setSlaTerm',
      );
      const term = async (p: string) =>
        (
          await gql(`query($c: ID!) { slaReport(contractId: $c, period: "${p}") { terms { kind achieved status contractual note } } }`, {
            c: mhnContract,
          })
        ).data.slaReport.terms.find((t: { kind: unknown }) => t.kind === 'ORDER_DELIVERY');
      expect(await term(period)).toMatchObject({ status: 'MET', contractual: true });
      const before = month.minus({ months: 1 }).toFormat('yyyy-MM');
      expect(await term(before)).toMatchObject({ status: 'NOT_APPLICABLE', achieved: null, note: `No orders completed in ${before}` });
    });

    it("scores the supplier's orderDelivery KPI from the same orders", async () => {
      const mhn = await supplierId(server, manager, 'MHN00003');
      const card = (
        await gql(`query($s: ID!) { supplierScorecard(supplierId: $s, period: "${period}") { kpis { name value basis } } }`, { s: mhn })
      ).data.supplierScorecard;
      expect(card.kpis.find((k: { name: unknown }) => k.name === 'orderDelivery')).toEqual({
        name: 'orderDelivery',
        value: '50.0',
        basis: '1 of 2 orders completed by their committed date',
      });
    });
  });

  describe('billing', () => {
    it('finds nothing wrong with a one-off charged as quoted or a rental pro-rated across a mid-month change, and flags a one-off with no order', async () => {
      const pdn = await supplierId(server, manager, 'PDN00001');
      const changed = (
        await gql('query($id: ID!) { service(id: $id) { reference monthlyCharge termsHistory { monthlyCharge } } }', { id: active[1].id })
      ).data.service;
      const [before, after] = changed.termsHistory.map((p: { monthlyCharge: string }) => parseMoney(p.monthlyCharge));
      // 9 days at the old charge, the rest of the month at the new one, pro rata by days
      const rental = (before * 9n + after * BigInt(monthDays - 9) + BigInt(monthDays) / 2n) / BigInt(monthDays);
      const vat = (net: bigint) => (net * 20n + 50n) / 100n;
      const lines: [string, string, string, bigint][] = [
        [changed.reference, 'RECURRING', 'Monthly rental', rental],
        ['PDN-BRK-900001', 'ONE_OFF', 'Connection charge for order PDN-ORD-9001', 120_000n],
        [active[0].reference, 'ONE_OFF', 'Engineer visit', 17_500n],
      ];
      const net = lines.reduce((sum, l) => sum + l[3], 0n);
      const tax = lines.reduce((sum, l) => sum + vat(l[3]), 0n);
      const csv = [
        'invoice_number,invoice_date,period_start,period_end,service_reference,charge_type,description,quantity,unit_price,net_amount,' +
          'vat_rate,vat_amount,invoice_net_total,invoice_vat_total,invoice_gross_total',
        ...lines.map(
          ([ref, type, text, n]) =>
            `PDN-ORD-INV-1,${day(28)},${day(1)},${month.endOf('month').toISODate()},${ref},${type},${text},1,${formatMoney(n)},` +
            `${formatMoney(n)},20,${formatMoney(vat(n))},${formatMoney(net)},${formatMoney(tax)},${formatMoney(net + tax)}`,
        ),
      ].join('\n');
      const run = await ingest(server, manager, { supplierId: pdn, kind: 'INVOICE', format: 'CSV', document: csv });
      expect(run.data.ingestFeed.rowsAccepted).toBe(1);
      const invoice = (
        await gql(`{ invoices(filter: { period: "${period}" }) { edges { node { id invoiceNumber grossTotal } } } }`)
      ).data.invoices.edges
        .map((e: { node: unknown }) => e.node)
        .find((i: { invoiceNumber: unknown }) => i.invoiceNumber === 'PDN-ORD-INV-1');
      ok(await gql('mutation($id: ID!) { reconcileInvoice(id: $id) { findingCount } }', { id: invoice.id }), 'reconcileInvoice');
      const rec = (
        await gql(
          'query($id: ID!) { invoice(id: $id) { reconciliation { agreedAmount findings { type lineNumber difference explanation } } } }',
          { id: invoice.id },
        )
      ).data.invoice.reconciliation;
      const onLine = (n: number) =>
        rec.findings.filter((f: { lineNumber: unknown }) => f.lineNumber === n).map((f: { type: unknown }) => f.type);
      expect(onLine(1)).toEqual([]);
      expect(onLine(2)).toEqual([]);
      expect(onLine(3)).toEqual(['ONE_OFF_WITHOUT_ORDER']);
      expect(rec.findings.find((f: { lineNumber: unknown }) => f.lineNumber === 3).difference).toBe('210.00');
      const sum = rec.findings.reduce((total: bigint, f: { difference: string }) => total + parseMoney(f.difference), 0n);
      expect(sum + parseMoney(rec.agreedAmount)).toBe(parseMoney(invoice.grossTotal));

      // the same connection charge on a later invoice is a duplicate
      const again = [
        'invoice_number,invoice_date,period_start,period_end,service_reference,charge_type,description,quantity,unit_price,net_amount,' +
          'vat_rate,vat_amount,invoice_net_total,invoice_vat_total,invoice_gross_total',
        `PDN-ORD-INV-2,${day(28)},${day(1)},${month.endOf('month').toISODate()},PDN-BRK-900001,ONE_OFF,Connection charge for order ` +
          `PDN-ORD-9001,1,1200.00,1200.00,20,240.00,1200.00,240.00,1440.00`,
      ].join('\n');
      expect(
        (await ingest(server, manager, { supplierId: pdn, kind: 'INVOICE', format: 'CSV', document: again })).data.ingestFeed.rowsAccepted,
      ).toBe(1);
      const second = (
        await gql(`{ invoices(filter: { period: "${period}" }) { edges { node { id invoiceNumber } } } }`)
      ).data.invoices.edges
        .map((e: { node: unknown }) => e.node)
        .find((i: { invoiceNumber: unknown }) => i.invoiceNumber === 'PDN-ORD-INV-2');
      ok(await gql('mutation($id: ID!) { reconcileInvoice(id: $id) { findingCount } }', { id: second.id }), 'reconcileInvoice');
      const duplicate = (
        await gql('query($id: ID!) { invoice(id: $id) { reconciliation { findings { type lineNumber difference explanation } } } }', {
          id: second.id,
        })
      ).data.invoice.reconciliation.findings.filter((f: { lineNumber: unknown }) => f.lineNumber === 1);
      expect(duplicate).toEqual([
        expect.objectContaining({
          type: 'DUPLICATE_CHARGE',
          difference: '1440.00',
          explanation: expect.stringMatching(/already charged on invoice PDN-ORD-INV-1 line 2/),
        }),
      ]);
    });
  });

  describe('legacy services to cease', () => {
    let legacy: { id: string; reference: string; monthlyCharge: string };
    let rx1: string;

    beforeAll(async () => {
      rx1 = (await gql('{ me { organisation { id } } }')).data.me.organisation.id;
      const bt = (await gql('{ contracts(filter: { search: "RX1-N3-LEGACY-01" }) { edges { node { id } } } }')).data.contracts.edges[0].node
        .id;
      legacy = (
        await gql(
          'query($c: ID!) { services(first: 100, filter: { contractId: $c, status: [ACTIVE] }) { edges { node { id reference monthlyCharge } } } }',
          { c: bt },
        )
      ).data.services.edges[0].node;
    });

    it('refuses links that are not legacy-to-HSCN', async () => {
      const response = await gql(
        'mutation($l: ID!, $r: ID!) { linkReplacementService(input: { legacyServiceId: $l, replacementServiceId: $r }) { id } }',
        { l: active[0].id, r: active[2].id },
      );
      expect(response.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.legacyServiceId',
        reason: 'NOT_LEGACY',
      });
      expect(
        reason(
          await gql(
            'mutation($l: ID!, $r: ID!) { linkReplacementService(input: { legacyServiceId: $l, replacementServiceId: $r }) { id } }',
            { l: legacy.id, r: legacy.id },
          ),
        ),
      ).toBe('NOT_HSCN');
    });

    it('shows the dual-running exposure since the replacement went live and flags a cease not raised in time', async () => {
      const replacement = (await gql('{ services(filter: { search: "PDN-BRK-900001" }) { edges { node { id } } } }')).data.services.edges[0]
        .node.id;
      const linked = ok<{ replacedBy: { reference: string } }>(
        await gql(
          'mutation($l: ID!, $r: ID!) { linkReplacementService(input: { legacyServiceId: $l, replacementServiceId: $r }) { id replacedBy { reference } } }',
          { l: legacy.id, r: replacement },
        ),
        'linkReplacementService',
      );
      expect(linked.replacedBy.reference).toBe('PDN-BRK-900001');
      const asOf = month.endOf('month').toISODate()!;
      const rows = (
        await gql(
          `query($o: ID!) { legacyServicesToCease(organisationId: $o, asOf: "${asOf}") { service { reference } monthlyCharge replacement { ` +
            `reference } replacementLiveFrom
          dualRunningDays dualRunningExposure ceaseTarget raiseCeaseBy leadTimeWorkingDays overdue ceaseOrder { id } } }`,
          { o: rx1 },
        )
      ).data.legacyServicesToCease;
      const row = rows.find((r: { service: { reference: unknown } }) => r.service.reference === legacy.reference);
      // live from the 15th to the month's end: those days of the month, pro rata
      const days = monthDays - 14;
      const charge = parseMoney(legacy.monthlyCharge);
      expect(row).toMatchObject({
        monthlyCharge: legacy.monthlyCharge,
        replacement: { reference: 'PDN-BRK-900001' },
        replacementLiveFrom: day(15),
        dualRunningDays: days,
        ceaseTarget: day(15),
        leadTimeWorkingDays: 20,
        overdue: true,
        ceaseOrder: null,
      });
      expect(row.dualRunningExposure).toBe(formatMoney((charge * BigInt(days) * 2n + BigInt(monthDays)) / (2n * BigInt(monthDays))));
      expect(row.raiseCeaseBy < day(15)).toBe(true);
      expect(rows[0].overdue).toBe(true); // overdue first
      const unlinked = rows.filter((r: { replacement: unknown }) => r.replacement === null);
      expect(
        unlinked.every(
          (r: { dualRunningExposure: unknown; dualRunningDays: unknown }) => r.dualRunningExposure === '0.00' && r.dualRunningDays === 0,
        ),
      ).toBe(true);
    });

    it('stops flagging it once the cease is raised with the TN-SP as a CEASE order, a draft not being enough', async () => {
      const order = ok<Order>(await create({ type: 'CEASE', serviceId: legacy.id, requestedDate: todayInLondon() }), 'createOrder');
      const row = async () =>
        (
          await gql(
            'query($o: ID!) { legacyServicesToCease(organisationId: $o, leadTimeWorkingDays: 5) { service { reference status } overdue ' +
              'leadTimeWorkingDays dualRunningDays ceaseOrder { id status type supplier { kind } } } }',
            { o: rx1 },
          )
        ).data.legacyServicesToCease.find((r: { service: { reference: unknown } }) => r.service.reference === legacy.reference);
      expect(await row()).toMatchObject({ overdue: true, ceaseOrder: { id: order.id, status: 'DRAFT' } });
      ok(await move(order.id, 'SUBMITTED'), 'moveOrder');
      // still billed until the cease completes, so still listed, but no longer overdue
      const raised = await row();
      expect(raised).toMatchObject({
        service: { status: 'CEASE_REQUESTED' },
        overdue: false,
        leadTimeWorkingDays: 5,
        ceaseOrder: { id: order.id, status: 'SUBMITTED', type: 'CEASE', supplier: { kind: 'TN_SP' } },
      });
      expect(raised.dualRunningDays).toBeGreaterThan(0);
      expect(
        reason(await gql('query($o: ID!) { legacyServicesToCease(organisationId: $o, leadTimeWorkingDays: -1) { overdue } }', { o: rx1 })),
      ).toBe('OUT_OF_RANGE');
    });
  });

  it('pages orders with filters, newest first', async () => {
    const all = (await gql('{ orders(first: 100) { totalCount edges { node { id } } } }')).data.orders;
    const first = (await gql('{ orders(first: 2) { edges { node { id } } pageInfo { hasNextPage endCursor } } }')).data.orders;
    const next = (await gql('query($a: String) { orders(first: 2, after: $a) { edges { node { id } } } }', { a: first.pageInfo.endCursor }))
      .data.orders;
    expect([...first.edges, ...next.edges].map((e: { node: { id: unknown } }) => e.node.id)).toEqual(
      all.edges.slice(0, 4).map((e: { node: { id: unknown } }) => e.node.id),
    );
    const ceases = (await gql('{ orders(filter: { type: [CEASE], status: [COMPLETED] }) { edges { node { type status } } } }')).data.orders
      .edges;
    expect(ceases.length).toBe(1);
    const mhn = (await gql('query($c: ID!) { orders(filter: { contractId: $c }) { totalCount } }', { c: mhnContract })).data.orders
      .totalCount;
    expect(mhn).toBe(3);
  });

  it('loads a page of orders and their relations in the same number of statements at two sizes', async () => {
    const query = (n: number) =>
      `{ orders(first: ${n}) { edges { node { id history { id } supplier { name } contract { reference } site { name } fromSite { name } ` +
      `service { reference orders { id } termsHistory { id } replacedBy { id } } } } } }`;
    const small = await server.countStatements(() => gql(query(2)));
    const large = await server.countStatements(() => gql(query(8)));
    expect(large).toBe(small);
  });
});
