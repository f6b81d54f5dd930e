import { Role } from '../../src/auth/roles';
import { startTestServer, type TestServer } from '../support/test-server';

/** Operations a caller guessing at the schema sends, each of which graphql-js would answer with "Did you mean …?". */
const GUESSES: [name: string, query: string, variables: Record<string, unknown>][] = [
  ['a field', '{ contractz { totalCount } }', {}],
  ['an argument', '{ contracts(frist: 1) { totalCount } }', {}],
  ['an enum value', '{ contracts(filter: { status: [ACTIV] }) { totalCount } }', {}],
  [
    'an input field, in a variable',
    'mutation($input: UpdateContractInput!) { updateContract(input: $input) { id } }',
    { input: { id: 'Q29udHJhY3Q6MQ', titel: 'x' } },
  ],
  ['a type', 'query($f: ContractFiltr) { contracts(filter: $f) { totalCount } }', {}],
];

describe.each([
  ['off', 'false'],
  ['on', 'true'],
])('field suggestions with introspection %s', (_label, introspection) => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer({ env: { GRAPHQL_INTROSPECTION: introspection } });
    token = await server.token('RX1', Role.CONTRACT_MANAGER);
  });

  afterAll(() => server.stop());

  it.each(GUESSES)('are not shown to a caller without credentials guessing %s', async (_name, query, variables) => {
    const response = await server.gql(query, variables);
    expect(response.errors?.length).toBeGreaterThan(0);
    for (const error of response.errors!) expect(error.message).not.toMatch(/did you mean/i);
  });

  it.each(GUESSES)(
    `are ${introspection === 'true' ? '' : 'not '}shown to a signed-in caller guessing %s`,
    async (_name, query, variables) => {
      const response = await server.gql(query, variables, token);
      const messages = response.errors!.map((error) => error.message).join('\n');
      if (introspection === 'true') expect(messages).toMatch(/Did you mean/);
      else expect(messages).not.toMatch(/did you mean/i);
    },
  );

  it('still says what was wrong', async () => {
    const response = await server.gql('{ contractz { totalCount } }');
    expect(response.errors?.[0].message).toBe('Cannot query field "contractz" on type "Query".');
    expect(response.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
