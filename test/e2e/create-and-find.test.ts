import { Role } from '../../src/auth/roles';
import { fixture, ingest, supplierId, type FeedPostAnswer } from '../support/feeds';
import { startTestServer, type GraphqlResponse, type TestServer } from '../support/test-server';

/**
 * A client that creates something can find it (#18, item 4): by the number or contract a
 * person would search by, from the feed run that stored it, and a page at a time.
 */
describe('create and find', () => {
  let server: TestServer;
  let manager: string;
  let outsider: string;
  let pdn: string;
  /** the runs of the invoice and incident fixtures, sent once */
  let invoiceRun: string;
  let incidentRun: string;

  beforeAll(async () => {
    server = await startTestServer();
    manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    outsider = await server.token('Y0A01', Role.ADMIN, Role.CONTRACT_MANAGER);
    pdn = await supplierId(server, manager, 'PDN00001');
    const invoices = await ingest(server, manager, {
      supplierId: pdn,
      kind: 'INVOICE',
      format: 'CSV',
      document: fixture('invoices/invoices.csv'),
    });
    expect(invoices.data.ingestFeed.rowsAccepted).toBe(2);
    invoiceRun = invoices.data.ingestFeed.id;
    const incidents = await ingest(server, manager, {
      supplierId: pdn,
      kind: 'INCIDENT',
      format: 'CSV',
      document: fixture('incidents/valid.csv'),
    });
    expect(incidents.data.ingestFeed.rowsAccepted).toBe(4);
    incidentRun = incidents.data.ingestFeed.id;
  });

  afterAll(() => server.stop());

  const INVOICES_BY_NUMBER = `query($number: String, $supplier: ID) {
    invoices(filter: { invoiceNumber: $number, supplierId: $supplier }) { totalCount edges { node { id invoiceNumber supplier { cnspId } } } } }`;

  describe('invoices(filter: { invoiceNumber })', () => {
    it("finds the invoice with that number, case ignored, and only the supplier's when one is named", async () => {
      const found = await server.gql(INVOICES_BY_NUMBER, { number: 'PDN-INV-2026-1101' }, manager);
      expect(found.errors).toBeUndefined();
      expect(found.data.invoices.totalCount).toBe(1);
      expect(found.data.invoices.edges[0].node).toMatchObject({ invoiceNumber: 'PDN-INV-2026-1101', supplier: { cnspId: 'PDN00001' } });
      const lower = await server.gql(INVOICES_BY_NUMBER, { number: ' pdn-inv-2026-1101 ' }, manager);
      expect(lower.data.invoices.edges.map((e: { node: { id: unknown } }) => e.node.id)).toEqual([found.data.invoices.edges[0].node.id]);
      expect((await server.gql(INVOICES_BY_NUMBER, { number: 'PDN-INV-2026-1101', supplier: pdn }, manager)).data.invoices.totalCount).toBe(
        1,
      );
      const other = await supplierId(server, manager, 'ALBC0002');
      expect(
        (await server.gql(INVOICES_BY_NUMBER, { number: 'PDN-INV-2026-1101', supplier: other }, manager)).data.invoices.totalCount,
      ).toBe(0);
      // a part of a number is not the number
      expect((await server.gql(INVOICES_BY_NUMBER, { number: 'PDN-INV-2026' }, manager)).data.invoices.totalCount).toBe(0);
    });

    it("treats a null number as none given, and finds nothing of another organisation's", async () => {
      const all = await server.gql(INVOICES_BY_NUMBER, {}, manager);
      expect((await server.gql(INVOICES_BY_NUMBER, { number: null }, manager)).data.invoices.totalCount).toBe(all.data.invoices.totalCount);
      expect(all.data.invoices.totalCount).toBeGreaterThan(1);
      const theirs = await server.gql(INVOICES_BY_NUMBER, { number: 'PDN-INV-2026-1101' }, outsider);
      expect(theirs.errors).toBeUndefined();
      expect(theirs.data.invoices).toEqual({ totalCount: 0, edges: [] });
    });
  });

  const INCIDENTS_BY_CONTRACT = `query($contract: ID) {
    incidents(first: 100, filter: { contractId: $contract }) { totalCount edges { node { id supplierRef severity service { contract { id } } } } } }`;

  describe('incidents(filter: { contractId })', () => {
    it("finds the incidents on the contract's services and no others", async () => {
      const all = await server.gql(INCIDENTS_BY_CONTRACT, {}, manager);
      expect(all.errors).toBeUndefined();
      const withIncidents = new Set(
        all.data.incidents.edges.map((e: { node: { service: { contract: { id: unknown } } } }) => e.node.service.contract.id),
      );
      const everyContract = await server.gql('{ contracts(first: 100) { edges { node { id } } } }', {}, manager);
      const contracts: string[] = everyContract.data.contracts.edges.map((e: { node: { id: unknown } }) => e.node.id);
      // some with incidents, some without
      expect(contracts.filter((id) => withIncidents.has(id)).length).toBeGreaterThan(0);
      expect(contracts.filter((id) => !withIncidents.has(id)).length).toBeGreaterThan(0);
      for (const contract of contracts) {
        const found = await server.gql(INCIDENTS_BY_CONTRACT, { contract }, manager);
        expect(found.errors).toBeUndefined();
        const expected = all.data.incidents.edges
          .filter((e: { node: { service: { contract: { id: unknown } } } }) => e.node.service.contract.id === contract)
          .map((e: { node: { id: unknown } }) => e.node.id);
        expect(found.data.incidents.edges.map((e: { node: { id: unknown } }) => e.node.id)).toEqual(expected);
        expect(found.data.incidents.totalCount).toBe(expected.length);
      }
      expect((await server.gql(INCIDENTS_BY_CONTRACT, { contract: null }, manager)).data.incidents.totalCount).toBe(
        all.data.incidents.totalCount,
      );
    });

    it("answers another organisation's contract with an empty list, not an error and not its incidents", async () => {
      const mine = await server.gql(INCIDENTS_BY_CONTRACT, {}, manager);
      // one with a Severity 1 or 2 incident, which the Service Co-ordinator reads nationally
      const contract = mine.data.incidents.edges.find((e: { node: { severity: number } }) => e.node.severity <= 2).node.service.contract.id;
      const theirs = await server.gql(INCIDENTS_BY_CONTRACT, { contract }, outsider);
      expect(theirs.errors).toBeUndefined();
      expect(theirs.data.incidents).toEqual({ totalCount: 0, edges: [] });
      // nor does the Service Co-ordinator's national view of incidents make it one to search by
      const coordinator = await server.token('X26', Role.SERVICE_COORDINATOR);
      const national = await server.gql(
        'query($contract: ID) { incidents(first: 100, filter: { contractId: $contract }) { totalCount } }',
        { contract },
        coordinator,
      );
      expect(national.errors).toBeUndefined();
      expect(national.data.incidents.totalCount).toBe(0);
      expect(
        (await server.gql('{ incidents(first: 100, filter: { severity: [1] }) { totalCount } }', {}, coordinator)).data.incidents
          .totalCount,
      ).toBeGreaterThan(0);
    });

    it("refuses an id that is not a contract's, naming the field", async () => {
      const response = await server.gql(INCIDENTS_BY_CONTRACT, { contract: pdn }, manager);
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.contractId' });
    });
  });

  describe('Contract.services, a page per contract', () => {
    const SERVICES = `query($first: Int, $after: String, $last: Int, $before: String, $status: ServiceStatus) {
      contracts(first: 20) { edges { node { reference
        services(first: $first, after: $after, last: $last, before: $before, status: $status) {
          totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { reference status } } } } } } }`;
    type ServicesPage = {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
      edges: { node: { reference: unknown; status: unknown } }[];
    };
    const byContract = (response: GraphqlResponse): Record<string, ServicesPage> =>
      Object.fromEntries(
        response.data.contracts.edges.map((e: { node: { reference: unknown; services: unknown } }) => [e.node.reference, e.node.services]),
      );

    it("pages each contract's services by reference, with each contract's own total", async () => {
      const all = byContract(await server.gql(SERVICES, { first: 100 }, manager));
      const references = (contract: string) => all[contract].edges.map((e: { node: { reference: unknown } }) => e.node.reference);
      const several = Object.keys(all).filter((contract) => all[contract].totalCount >= 2);
      expect(several.length).toBeGreaterThan(1);
      for (const contract of Object.keys(all)) {
        expect(references(contract)).toEqual([...references(contract)].sort());
        expect(all[contract].totalCount).toBe(references(contract).length);
      }
      const firsts = await server.gql(SERVICES, { first: 1, after: null, last: null, before: null, status: null }, manager);
      expect(firsts.errors).toBeUndefined();
      for (const [contract, page] of Object.entries(byContract(firsts))) {
        expect(page.edges.map((e: { node: { reference: unknown } }) => e.node.reference)).toEqual(references(contract).slice(0, 1));
        expect(page).toMatchObject({
          totalCount: all[contract].totalCount,
          pageInfo: { hasNextPage: all[contract].totalCount > 1, hasPreviousPage: false },
        });
      }
      // the next page, from one contract's cursor, under every contract
      const contract = several[0]!;
      const second = byContract(await server.gql(SERVICES, { first: 1, after: byContract(firsts)[contract].pageInfo.endCursor }, manager));
      expect(second[contract].edges.map((e: { node: { reference: unknown } }) => e.node.reference)).toEqual(
        references(contract).slice(1, 2),
      );
      expect(second[contract].pageInfo.hasPreviousPage).toBe(true);
      const lasts = byContract(await server.gql(SERVICES, { last: 1 }, manager));
      expect(lasts[contract].edges.map((e: { node: { reference: unknown } }) => e.node.reference)).toEqual(references(contract).slice(-1));
    });

    it('narrows to a status, and takes a null status as none given', async () => {
      const all = byContract(await server.gql(SERVICES, { first: 100 }, manager));
      const active = byContract(await server.gql(SERVICES, { first: 100, status: 'ACTIVE' }, manager));
      for (const contract of Object.keys(all)) {
        const expected = all[contract].edges
          .filter((e: { node: { status: unknown } }) => e.node.status === 'ACTIVE')
          .map((e: { node: { reference: unknown } }) => e.node.reference);
        expect(active[contract].edges.map((e: { node: { reference: unknown } }) => e.node.reference)).toEqual(expected);
        expect(active[contract].totalCount).toBe(expected.length);
      }
      expect(Object.values(all).some((page) => page.edges.some((e: { node: { status: unknown } }) => e.node.status !== 'ACTIVE'))).toBe(
        true,
      );
    });

    it('costs the same statements under 2 contracts as under 20', async () => {
      const query =
        `query($n: Int) { contracts(first: $n) { edges { node { services(first: 2) { totalCount edges { node { reference site { name } } } } ` +
        `} } } }`;
      const contracts = (await server.gql('{ contracts(first: 100) { totalCount } }', {}, manager)).data.contracts.totalCount;
      expect(contracts).toBeGreaterThan(2);
      await server.gql(query, { n: 2 }, manager);
      const atTwo = await server.countStatements(() => server.gql(query, { n: 2 }, manager));
      const atMany = await server.countStatements(() => server.gql(query, { n: 20 }, manager));
      expect(atMany).toBe(atTwo);
    });

    it('refuses a page too large, naming the argument', async () => {
      const response = await server.gql(SERVICES, { first: 101 }, manager);
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    });
  });

  describe('what a feed run stored', () => {
    const RUN = `query($id: ID!, $first: Int, $after: String) { feedRun(id: $id) { kind
      invoices(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id invoiceNumber kind } } }
      incidents(first: $first, after: $after) { totalCount edges { node { id supplierRef } } } } }`;

    it('lists the invoices an invoice run stored, in document order, as invoices(filter) finds them', async () => {
      const response = await server.gql(RUN, { id: invoiceRun, first: null, after: null }, manager);
      expect(response.errors).toBeUndefined();
      const { invoices, incidents } = response.data.feedRun;
      expect(invoices.edges.map((e: { node: { invoiceNumber: unknown } }) => e.node.invoiceNumber)).toEqual([
        'PDN-INV-2026-1101',
        'PDN-INV-2026-1102',
      ]);
      expect(invoices.totalCount).toBe(2);
      expect(incidents).toEqual({ totalCount: 0, edges: [] });
      for (const { node } of invoices.edges) {
        const found = await server.gql(INVOICES_BY_NUMBER, { number: node.invoiceNumber }, manager);
        expect(found.data.invoices.edges[0].node.id).toBe(node.id);
      }
      // a page at a time
      const first = await server.gql(RUN, { id: invoiceRun, first: 1 }, manager);
      expect(first.data.feedRun.invoices.pageInfo.hasNextPage).toBe(true);
      const second = await server.gql(RUN, { id: invoiceRun, first: 1, after: first.data.feedRun.invoices.pageInfo.endCursor }, manager);
      expect(second.data.feedRun.invoices.edges.map((e: { node: { invoiceNumber: unknown } }) => e.node.invoiceNumber)).toEqual([
        'PDN-INV-2026-1102',
      ]);
      expect(second.data.feedRun.invoices.pageInfo.hasNextPage).toBe(false);
    });

    it('lists an invoice a later run replaced under both runs, and none a run sent again unchanged', async () => {
      const changed = fixture('invoices/invoices.csv').replace('Burst above committed rate (GB)', 'Burst above committed rate per GB');
      const replacing = await ingest(server, manager, { supplierId: pdn, kind: 'INVOICE', format: 'CSV', document: changed });
      expect(replacing.data.ingestFeed).toMatchObject({ rowsAccepted: 1, rowsUnchanged: 1 });
      const later = (await server.gql(RUN, { id: replacing.data.ingestFeed.id }, manager)).data.feedRun.invoices;
      expect(later.edges.map((e: { node: { invoiceNumber: unknown } }) => e.node.invoiceNumber)).toEqual(['PDN-INV-2026-1102']);
      const earlier = (await server.gql(RUN, { id: invoiceRun }, manager)).data.feedRun.invoices;
      expect(earlier.edges.map((e: { node: { id: unknown } }) => e.node.id)).toContain(later.edges[0].node.id);
      const again = await ingest(server, manager, { supplierId: pdn, kind: 'INVOICE', format: 'CSV', document: changed });
      expect(again.data.ingestFeed.rowsUnchanged).toBe(2);
      expect((await server.gql(RUN, { id: again.data.ingestFeed.id }, manager)).data.feedRun.invoices).toMatchObject({
        totalCount: 0,
        edges: [],
      });
    });

    it('lists the incidents an incident run created or changed, in document order', async () => {
      const response = await server.gql(RUN, { id: incidentRun }, manager);
      expect(response.errors).toBeUndefined();
      const { incidents, invoices } = response.data.feedRun;
      expect(incidents.edges.map((e: { node: { supplierRef: unknown } }) => e.node.supplierRef)).toEqual([
        'PDN-INC-20461',
        'PDN-INC-20477',
        'PDN-INC-20502',
        'PDN-INC-20519',
      ]);
      expect(incidents.totalCount).toBe(4);
      expect(invoices.totalCount).toBe(0);
      // one ticket changed: the next run lists it alone
      const changed = fixture('incidents/valid.csv').replace('Intermittent packet loss on AF41', 'Intermittent packet loss on AF41 and EF');
      const next = await ingest(server, manager, { supplierId: pdn, kind: 'INCIDENT', format: 'CSV', document: changed });
      const listed = (await server.gql(RUN, { id: next.data.ingestFeed.id }, manager)).data.feedRun.incidents;
      expect(listed.edges.map((e: { node: unknown }) => e.node)).toEqual([
        { id: incidents.edges[1].node.id, supplierRef: 'PDN-INC-20477' },
      ]);
    });

    it('costs the same statements for the records of 2 runs as of many', async () => {
      const query = `query($n: Int) { feedRuns(first: $n) { edges { node { id
        invoices(first: 5) { totalCount edges { node { invoiceNumber } } }
        incidents(first: 5) { totalCount edges { node { supplierRef } } } } } } }`;
      for (const round of [1, 2, 3]) {
        const changed = fixture('incidents/valid.csv').replace(
          'Slow DNS via internet breakout',
          `Slow DNS via internet breakout (update ${round})`,
        );
        expect(
          (await ingest(server, manager, { supplierId: pdn, kind: 'INCIDENT', format: 'CSV', document: changed })).data.ingestFeed
            .rowsAccepted,
        ).toBeGreaterThan(0);
      }
      const runs = (await server.gql('{ feedRuns(first: 50) { totalCount } }', {}, manager)).data.feedRuns.totalCount;
      expect(runs).toBeGreaterThan(5);
      await server.gql(query, { n: 2 }, manager);
      const atTwo = await server.countStatements(() => server.gql(query, { n: 2 }, manager));
      const atMany = await server.countStatements(() => server.gql(query, { n: runs }, manager));
      expect(atMany).toBe(atTwo);
    });

    it('shows another organisation nothing: the run is not found, and its own run of the same document stored nothing', async () => {
      expect((await server.gql(RUN, { id: invoiceRun }, outsider)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const theirs = await ingest(server, outsider, {
        supplierId: pdn,
        kind: 'INCIDENT',
        format: 'CSV',
        document: fixture('incidents/valid.csv'),
      });
      const run = await server.gql(RUN, { id: theirs.data.ingestFeed.id }, outsider);
      expect(run.errors).toBeUndefined();
      expect(run.data.feedRun.incidents).toEqual({ totalCount: 0, edges: [] });
    });
  });

  describe('POST /feeds/{kind} answers what the document became', () => {
    const post = (path: string, body: string) =>
      fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${manager}` }, body });

    it('names the invoices a document created or replaced, with the ids GraphQL uses', async () => {
      const document = fixture('invoices/invoices.csv').replaceAll('PDN-INV-2026-11', 'PDN-INV-2026-21');
      const response = await post('/feeds/invoices?supplier=PDN00001', document);
      expect(response.status).toBe(200);
      const body = (await response.json()) as FeedPostAnswer;
      expect(body).toMatchObject({
        run: { kind: 'INVOICE', status: 'SUCCEEDED', rowsAccepted: 2 },
        rejectedRows: [],
        moreRejectedRows: 0,
        incidents: [],
        moreIncidents: 0,
        moreInvoices: 0,
      });
      expect(body.invoices).toEqual([
        { id: expect.any(String), invoiceNumber: 'PDN-INV-2026-2101', kind: 'INVOICE', created: true },
        { id: expect.any(String), invoiceNumber: 'PDN-INV-2026-2102', kind: 'INVOICE', created: true },
      ]);
      const found = await server.gql(
        'query($id: ID!) { invoice(id: $id) { invoiceNumber feedRun { id } } }',
        { id: body.invoices[0].id },
        manager,
      );
      expect(found.data.invoice).toEqual({ invoiceNumber: 'PDN-INV-2026-2101', feedRun: { id: body.run.id } });
      // one of them changed: it is named again, replaced rather than created
      const replaced = await post(
        '/feeds/invoices?supplier=PDN00001',
        document.replace('Burst above committed rate (GB)', 'Burst above committed rate per GB'),
      );
      expect(((await replaced.json()) as FeedPostAnswer).invoices).toEqual([
        { id: body.invoices[1].id, invoiceNumber: 'PDN-INV-2026-2102', kind: 'INVOICE', created: false },
      ]);
    });

    it('names the incidents a document created or changed, the first 100 of them, and counts the rest', async () => {
      const header = fixture('incidents/valid.csv').split('\n')[0];
      const rows = Array.from(
        { length: 103 },
        (_, i) => `PDN-INC-9${String(i).padStart(4, '0')},,PDN-ETH-100037,4,,open,Ticket ${i},2026-11-20T09:00:00Z,,,,,,`,
      );
      const response = await post('/feeds/incidents?supplier=PDN00001', [header, ...rows].join('\n'));
      expect(response.status).toBe(200);
      const body = (await response.json()) as FeedPostAnswer;
      expect(body.run.rowsAccepted).toBe(103);
      expect(body.incidents).toHaveLength(100);
      expect(body.moreIncidents).toBe(3);
      expect(body.incidents[0]).toEqual({ id: expect.any(String), supplierRef: 'PDN-INC-90000', status: 'NEW', created: true });
      expect(body.incidents.map((incident: { supplierRef: unknown }) => incident.supplierRef)).toEqual(
        rows.slice(0, 100).map((row) => row.split(',')[0]),
      );
      const found = await server.gql('query($id: ID!) { incident(id: $id) { supplierRef } }', { id: body.incidents[99].id }, manager);
      expect(found.data.incident.supplierRef).toBe('PDN-INC-90099');
      expect(body).toMatchObject({ invoices: [], moreInvoices: 0 });
    });
  });
});
