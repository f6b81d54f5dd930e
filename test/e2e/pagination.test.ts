import { Role } from '../../src/auth/roles';
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
      forward.push(...page.data.services.edges.map((e: any) => e.node.id));
      expect(page.data.services.pageInfo.hasPreviousPage).toBe(after !== undefined);
      if (!page.data.services.pageInfo.hasNextPage) break;
      after = page.data.services.pageInfo.endCursor;
    }
    expect(forward).toHaveLength(total);
    expect(new Set(forward).size).toBe(total);
    const charges = all.data.services.edges.map((e: any) => Number(e.node.monthlyCharge));
    expect(charges).toEqual([...charges].sort((a, b) => b - a));

    const backward: string[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await server.gql(PAGE, { last: 9, before }, csu);
      backward.unshift(...page.data.services.edges.map((e: any) => e.node.id));
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

  it('refuses cursors it did not issue and mixed directions', async () => {
    expect(errorCode(await server.gql(PAGE, { first: 5, after: 'bm90LWEtY3Vyc29y' }, csu))).toBe('BAD_USER_INPUT');
    expect(errorCode(await server.gql(PAGE, { first: 5, last: 5 }, csu))).toBe('BAD_USER_INPUT');
  });
});
