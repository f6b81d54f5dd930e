import { Role } from '../../src/auth/roles';
import { fixture, ingest, supplierId } from '../support/feeds';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * A client that creates something can find it (#18, item 4): by the number or contract a
 * person would search by, from the feed run that stored it, and a page at a time.
 */
describe('create and find', () => {
  let server: TestServer;
  let manager: string;
  let outsider: string;
  let pdn: string;

  beforeAll(async () => {
    server = await startTestServer();
    manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    outsider = await server.token('Y0A01', Role.ADMIN, Role.CONTRACT_MANAGER);
    pdn = await supplierId(server, manager, 'PDN00001');
  });

  afterAll(() => server.stop());

  const INVOICES_BY_NUMBER = `query($number: String, $supplier: ID) {
    invoices(filter: { invoiceNumber: $number, supplierId: $supplier }) { totalCount edges { node { id invoiceNumber supplier { cnspId } } } } }`;

  describe('invoices(filter: { invoiceNumber })', () => {
    beforeAll(async () => {
      const run = await ingest(server, manager, { supplierId: pdn, kind: 'INVOICE', format: 'CSV', document: fixture('invoices/invoices.csv') });
      expect(run.data.ingestFeed.rowsAccepted).toBeGreaterThan(0);
    });

    it('finds the invoice with that number, case ignored, and only the supplier\'s when one is named', async () => {
      const found = await server.gql(INVOICES_BY_NUMBER, { number: 'PDN-INV-2026-1101' }, manager);
      expect(found.errors).toBeUndefined();
      expect(found.data.invoices.totalCount).toBe(1);
      expect(found.data.invoices.edges[0].node).toMatchObject({ invoiceNumber: 'PDN-INV-2026-1101', supplier: { cnspId: 'PDN00001' } });
      const lower = await server.gql(INVOICES_BY_NUMBER, { number: ' pdn-inv-2026-1101 ' }, manager);
      expect(lower.data.invoices.edges.map((e: any) => e.node.id)).toEqual([found.data.invoices.edges[0].node.id]);
      expect((await server.gql(INVOICES_BY_NUMBER, { number: 'PDN-INV-2026-1101', supplier: pdn }, manager)).data.invoices.totalCount).toBe(1);
      const other = await supplierId(server, manager, 'ALBC0002');
      expect((await server.gql(INVOICES_BY_NUMBER, { number: 'PDN-INV-2026-1101', supplier: other }, manager)).data.invoices.totalCount).toBe(0);
      // a part of a number is not the number
      expect((await server.gql(INVOICES_BY_NUMBER, { number: 'PDN-INV-2026' }, manager)).data.invoices.totalCount).toBe(0);
    });

    it('treats a null number as none given, and finds nothing of another organisation\'s', async () => {
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
    beforeAll(async () => {
      const run = await ingest(server, manager, { supplierId: pdn, kind: 'INCIDENT', format: 'CSV', document: fixture('incidents/valid.csv') });
      expect(run.data.ingestFeed.rowsAccepted).toBeGreaterThan(0);
    });

    it('finds the incidents on the contract\'s services and no others', async () => {
      const all = await server.gql(INCIDENTS_BY_CONTRACT, {}, manager);
      expect(all.errors).toBeUndefined();
      const withIncidents = new Set(all.data.incidents.edges.map((e: any) => e.node.service.contract.id));
      const everyContract = await server.gql('{ contracts(first: 100) { edges { node { id } } } }', {}, manager);
      const contracts: string[] = everyContract.data.contracts.edges.map((e: any) => e.node.id);
      // some with incidents, some without
      expect(contracts.filter((id) => withIncidents.has(id)).length).toBeGreaterThan(0);
      expect(contracts.filter((id) => !withIncidents.has(id)).length).toBeGreaterThan(0);
      for (const contract of contracts) {
        const found = await server.gql(INCIDENTS_BY_CONTRACT, { contract }, manager);
        expect(found.errors).toBeUndefined();
        const expected = all.data.incidents.edges.filter((e: any) => e.node.service.contract.id === contract).map((e: any) => e.node.id);
        expect(found.data.incidents.edges.map((e: any) => e.node.id)).toEqual(expected);
        expect(found.data.incidents.totalCount).toBe(expected.length);
      }
      expect((await server.gql(INCIDENTS_BY_CONTRACT, { contract: null }, manager)).data.incidents.totalCount).toBe(all.data.incidents.totalCount);
    });

    it('answers another organisation\'s contract with an empty list, not an error and not its incidents', async () => {
      const mine = await server.gql(INCIDENTS_BY_CONTRACT, {}, manager);
      // one with a Severity 1 or 2 incident, which the Service Co-ordinator reads nationally
      const contract = mine.data.incidents.edges.find((e: any) => e.node.severity <= 2).node.service.contract.id;
      const theirs = await server.gql(INCIDENTS_BY_CONTRACT, { contract }, outsider);
      expect(theirs.errors).toBeUndefined();
      expect(theirs.data.incidents).toEqual({ totalCount: 0, edges: [] });
      // nor does the Service Co-ordinator's national view of incidents make it one to search by
      const coordinator = await server.token('X26', Role.SERVICE_COORDINATOR);
      const national = await server.gql('query($contract: ID) { incidents(first: 100, filter: { contractId: $contract }) { totalCount } }', { contract }, coordinator);
      expect(national.errors).toBeUndefined();
      expect(national.data.incidents.totalCount).toBe(0);
      expect((await server.gql('{ incidents(first: 100, filter: { severity: [1] }) { totalCount } }', {}, coordinator)).data.incidents.totalCount).toBeGreaterThan(0);
    });

    it('refuses an id that is not a contract\'s, naming the field', async () => {
      const response = await server.gql(INCIDENTS_BY_CONTRACT, { contract: pdn }, manager);
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.contractId' });
    });
  });

  describe('Contract.services, a page per contract', () => {
    const SERVICES = `query($first: Int, $after: String, $last: Int, $before: String, $status: ServiceStatus) {
      contracts(first: 20) { edges { node { reference
        services(first: $first, after: $after, last: $last, before: $before, status: $status) {
          totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { reference status } } } } } } }`;
    const byContract = (response: any) => Object.fromEntries(response.data.contracts.edges.map((e: any) => [e.node.reference, e.node.services]));

    it('pages each contract\'s services by reference, with each contract\'s own total', async () => {
      const all = byContract(await server.gql(SERVICES, { first: 100 }, manager));
      const references = (contract: string) => all[contract].edges.map((e: any) => e.node.reference);
      const several = Object.keys(all).filter((contract) => all[contract].totalCount >= 2);
      expect(several.length).toBeGreaterThan(1);
      for (const contract of Object.keys(all)) {
        expect(references(contract)).toEqual([...references(contract)].sort());
        expect(all[contract].totalCount).toBe(references(contract).length);
      }
      const firsts = await server.gql(SERVICES, { first: 1, after: null, last: null, before: null, status: null }, manager);
      expect(firsts.errors).toBeUndefined();
      for (const [contract, page] of Object.entries<any>(byContract(firsts))) {
        expect(page.edges.map((e: any) => e.node.reference)).toEqual(references(contract).slice(0, 1));
        expect(page).toMatchObject({ totalCount: all[contract].totalCount, pageInfo: { hasNextPage: all[contract].totalCount > 1, hasPreviousPage: false } });
      }
      // the next page, from one contract's cursor, under every contract
      const contract = several[0]!;
      const second = byContract(await server.gql(SERVICES, { first: 1, after: byContract(firsts)[contract].pageInfo.endCursor }, manager));
      expect(second[contract].edges.map((e: any) => e.node.reference)).toEqual(references(contract).slice(1, 2));
      expect(second[contract].pageInfo.hasPreviousPage).toBe(true);
      const lasts = byContract(await server.gql(SERVICES, { last: 1 }, manager));
      expect(lasts[contract].edges.map((e: any) => e.node.reference)).toEqual(references(contract).slice(-1));
    });

    it('narrows to a status, and takes a null status as none given', async () => {
      const all = byContract(await server.gql(SERVICES, { first: 100 }, manager));
      const active = byContract(await server.gql(SERVICES, { first: 100, status: 'ACTIVE' }, manager));
      for (const contract of Object.keys(all)) {
        const expected = all[contract].edges.filter((e: any) => e.node.status === 'ACTIVE').map((e: any) => e.node.reference);
        expect(active[contract].edges.map((e: any) => e.node.reference)).toEqual(expected);
        expect(active[contract].totalCount).toBe(expected.length);
      }
      expect(Object.values<any>(all).some((page) => page.edges.some((e: any) => e.node.status !== 'ACTIVE'))).toBe(true);
    });

    it('costs the same statements under 2 contracts as under 20', async () => {
      const query = `query($n: Int) { contracts(first: $n) { edges { node { services(first: 2) { totalCount edges { node { reference site { name } } } } } } } }`;
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
});
