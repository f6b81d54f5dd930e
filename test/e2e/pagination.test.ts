import { DateTime } from 'luxon';
import { Role } from '../../src/auth/roles';
import { seedDemoBillingData } from '../../src/seed/demo-billing';
import { seedDemoSlaData } from '../../src/seed/demo-sla';
import { errorCode, startTestServer, type TestServer } from '../support/test-server';

const PAGE = `query($first: Int, $after: String, $last: Int, $before: String) {
  services(first: $first, after: $after, last: $last, before: $before, orderBy: { field: MONTHLY_CHARGE, direction: DESC }) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id monthlyCharge } } } }`;

describe('Relay pagination', () => {
  let server: TestServer;
  let csu: string;

  beforeAll(async () => {
    server = await startTestServer();
    csu = await server.token('0CX', Role.VIEWER);
  });

  afterAll(() => server.stop());

  it('walks every item exactly once, forward and backward, in a stable order', async () => {
    const all = await server.gql(PAGE, { first: 100 }, csu);
    const total = all.data.services.totalCount;
    expect(total).toBeGreaterThan(30);

    const forward: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await server.gql(PAGE, { first: 7, after }, csu);
      forward.push(...page.data.services.edges.map((e: { node: { id: unknown } }) => e.node.id));
      expect(page.data.services.pageInfo.hasPreviousPage).toBe(after !== undefined);
      if (!page.data.services.pageInfo.hasNextPage) break;
      after = page.data.services.pageInfo.endCursor;
    }
    expect(forward).toHaveLength(total);
    expect(new Set(forward).size).toBe(total);
    const charges = all.data.services.edges.map((e: { node: { monthlyCharge: unknown } }) => Number(e.node.monthlyCharge));
    expect(charges).toEqual([...charges].sort((a, b) => b - a));

    const backward: string[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await server.gql(PAGE, { last: 9, before }, csu);
      backward.unshift(...page.data.services.edges.map((e: { node: { id: unknown } }) => e.node.id));
      if (!page.data.services.pageInfo.hasPreviousPage) break;
      before = page.data.services.pageInfo.startCursor;
    }
    expect(backward).toEqual(forward);
  });

  it('caps the page size and says so', async () => {
    const response = await server.gql(PAGE, { first: 101 }, csu);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].extensions).toMatchObject({ field: 'first', reason: 'PAGE_SIZE_EXCEEDED' });
    expect(response.errors?.[0].message).toMatch(/at most 100/);
  });

  it('takes an explicit null cursor as none, as Relay, Apollo Client and generated clients send for the first page', async () => {
    const lists = [
      '{ contracts(first: 2, after: null) { totalCount edges { node { id } } } }',
      '{ contracts(last: 2, before: null) { totalCount edges { node { id } } } }',
      '{ services(first: 2, after: null, before: null, last: null) { totalCount edges { node { id } } } }',
      '{ invoices(first: 2, after: null) { edges { node { id } } } }',
      '{ disputes(first: 2, after: null) { edges { node { id } } } }',
      '{ creditLedger(filter: null) { entries(first: 2, after: null) { edges { node { id } } } } }',
    ];
    for (const query of lists) {
      const answer = await server.gql(query, {}, csu);
      expect({ query, errors: answer.errors }).toEqual({ query, errors: undefined });
    }
    const withVariables = await server.gql(
      'query($after: String) { contracts(first: 2, after: $after) { totalCount } }',
      { after: null },
      csu,
    );
    expect(withVariables.errors).toBeUndefined();
  });

  it('refuses cursors it did not issue and mixed directions', async () => {
    expect(errorCode(await server.gql(PAGE, { first: 5, after: 'bm90LWEtY3Vyc29y' }, csu))).toBe('BAD_USER_INPUT');
    expect(errorCode(await server.gql(PAGE, { first: 5, last: 5 }, csu))).toBe('BAD_USER_INPUT');
  });
});

describe('Relay pagination of invoices', () => {
  let server: TestServer;
  let manager: string;

  beforeAll(async () => {
    server = await startTestServer();
    const today = DateTime.fromISO('2026-11-25T12:00:00', { zone: 'Europe/London' });
    await seedDemoSlaData(server.db.dataSource, server.db.config, today);
    await seedDemoBillingData(server.db.dataSource, server.db.config, today);
    manager = await server.token('RX1', Role.CONTRACT_MANAGER);
  });

  afterAll(() => server.stop());

  it('pages invoices (read without the query builder) the same way: newest first, every one once, with their reconciliations', async () => {
    const INVOICES = `query($first: Int, $after: String, $last: Int, $before: String, $filter: InvoiceFilterInput) {
      invoices(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { node { id invoiceDate status reconciliation { findingCount } } } } }`;
    const walk = async (variables: Record<string, unknown>, backward: boolean) => {
      const seen: { status: unknown }[] = [];
      let cursor: string | undefined;
      for (let pages = 1; pages <= 50; pages += 1) {
        const page = (
          await server.gql(INVOICES, { ...variables, ...(backward ? { last: 2, before: cursor } : { first: 2, after: cursor }) }, manager)
        ).data.invoices;
        const nodes = page.edges.map((edge: { node: unknown }) => edge.node);
        if (backward) seen.unshift(...nodes);
        else seen.push(...nodes);
        if (!(backward ? page.pageInfo.hasPreviousPage : page.pageInfo.hasNextPage)) return seen;
        cursor = backward ? page.pageInfo.startCursor : page.pageInfo.endCursor;
      }
      throw new Error('paging did not end within 50 pages');
    };
    const all = (await server.gql(INVOICES, { first: 100 }, manager)).data.invoices;
    expect(all.totalCount).toBe(all.edges.length);
    expect(all.totalCount).toBeGreaterThan(2);
    const dates = all.edges.map((edge: { node: { invoiceDate: unknown } }) => edge.node.invoiceDate);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(all.edges.some((edge: { node: { reconciliation: unknown } }) => edge.node.reconciliation !== null)).toBe(true);
    const forward = await walk({}, false);
    expect(forward).toEqual(all.edges.map((edge: { node: unknown }) => edge.node));
    expect(await walk({}, true)).toEqual(forward);

    const status = all.edges[0].node.status;
    const filtered = (await server.gql(INVOICES, { first: 100, filter: { status: [status] } }, manager)).data.invoices;
    expect(filtered.edges.map((edge: { node: unknown }) => edge.node)).toEqual(forward.filter((invoice) => invoice.status === status));
    expect(filtered.totalCount).toBe(filtered.edges.length);
    expect(await walk({ filter: { status: [status] } }, false)).toEqual(filtered.edges.map((edge: { node: unknown }) => edge.node));
    const foreign = await server.gql('{ invoices(first: 5, after: "bm90LWEtY3Vyc29y") { edges { node { id } } } }', {}, manager);
    expect(foreign.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after', reason: 'INVALID_CURSOR' });
  });
});
