import { Role } from '../../src/auth/roles';
import { errorCode, startTestServer, type TestServer } from '../support/test-server';

/**
 * Queries run compiled by graphql-jit (src/graphql/executor.ts); what it would get wrong goes
 * to graphql-js. Either way a client sees graphql-js's answers: input defaults filled in,
 * records named by their type behind an interface, and errors with their codes and paths.
 */
describe('query execution', () => {
  let server: TestServer;
  let viewer: string;

  beforeAll(async () => {
    server = await startTestServer();
    viewer = await server.token('0CX', Role.VIEWER);
  });

  afterAll(() => server.stop());

  const charges = (response: { data?: { services: { edges: { node: { monthlyCharge: string } }[] } } }) =>
    response.data!.services.edges.map((edge) => Number(edge.node.monthlyCharge));

  it("fills in an input field's default whether the object comes as a variable or written in the query", async () => {
    const asVariable = await server.gql(
      'query($order: ServiceOrder) { services(first: 50, orderBy: $order) { edges { node { monthlyCharge } } } }',
      { order: { field: 'MONTHLY_CHARGE' } },
      viewer,
    );
    const written = await server.gql('{ services(first: 50, orderBy: { field: MONTHLY_CHARGE }) { edges { node { monthlyCharge } } } }', {}, viewer);
    expect(asVariable.errors).toBeUndefined();
    expect(written.errors).toBeUndefined();
    expect(charges(asVariable).length).toBeGreaterThan(10);
    // the default direction is ASC
    expect(charges(asVariable)).toEqual([...charges(asVariable)].sort((a, b) => a - b));
    expect(charges(written)).toEqual(charges(asVariable));
  });

  it('names a record behind the Node interface by its own type', async () => {
    const page = await server.gql('{ contracts(first: 1) { edges { node { id reference } } } }', {}, viewer);
    const contract = page.data.contracts.edges[0].node;
    const response = await server.gql('query($id: ID!) { node(id: $id) { __typename ... on Contract { reference } } }', { id: contract.id }, viewer);
    expect(response.data.node).toEqual({ __typename: 'Contract', reference: contract.reference });
  });

  it("keeps a resolver's error code, details and path, and nulls the answer up to the nearest nullable field", async () => {
    const response = await server.gql('{ contracts(first: 1) { totalCount } services(first: 101) { totalCount } }', {}, viewer);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]).toMatchObject({ path: ['services'], extensions: { field: 'first', reason: 'PAGE_SIZE_EXCEEDED' } });
    // services is non-null, so the error nulls the whole answer, as the spec (and graphql-js) has it
    expect(response.data).toBeNull();
  });

  it('refuses a bad variable with graphql-js\'s message, as BAD_USER_INPUT with a 400', async () => {
    const response = await server.gql('query($first: Int) { services(first: $first) { totalCount } }', { first: 'ten' }, viewer);
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toMatch(/^Variable "\$first" got invalid value "ten"; Int cannot represent non-integer value/);
  });
});
