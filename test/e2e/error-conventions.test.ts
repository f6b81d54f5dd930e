import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLEnumType } from 'graphql';
import { Role } from '../../src/auth/roles';
import { ERROR_REASONS, ErrorReason } from '../../src/common/error-reasons';
import { loadConfig } from '../../src/config/config';
import { renderErrorsDoc } from '../../src/graphql/errors-doc';
import { buildGraphqlSchema } from '../../src/graphql/schema';
import { createServices } from '../../src/services';
import { startTestServer, type GraphqlResponse, type TestServer } from '../support/test-server';

const ROOT = join(__dirname, '..', '..');

/** Every .ts file under a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const extensionsOf = (response: GraphqlResponse) => response.errors?.[0]?.extensions;

describe('error reasons', () => {
  it('are listed whole in the schema, each with its description', async () => {
    const schema = await buildGraphqlSchema(createServices(loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32) })));
    const type = schema.getType('ErrorReason') as GraphQLEnumType;
    expect(type.getValues().map((value) => [value.name, value.description])).toEqual(
      Object.values(ErrorReason).map((reason) => [reason, ERROR_REASONS[reason].description]),
    );
  });

  it('are in docs/ERRORS.md as the code lists them (run `npm run schema:emit` and commit after changing them)', () => {
    expect(readFileSync(join(ROOT, 'docs', 'ERRORS.md'), 'utf8')).toBe(renderErrorsDoc());
  });

  it('are never written as bare strings: an extensions object built by hand names an ErrorReason member too', () => {
    const bare = sources(join(ROOT, 'src'))
      .filter((file) => !file.includes('__tests__'))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line, index) =>
            /\breason: *['"`][A-Z][A-Z0-9_]+['"`]|, *['"][A-Z][A-Z0-9_]{3,}['"]\)/.test(line) &&
            /reason|badInput|unauthenticated/.test(line)
              ? [`${file}:${index + 1}: ${line.trim()}`]
              : [],
          ),
      );
    expect(bare).toEqual([]);
  });
});

describe('errors a client sees', () => {
  let server: TestServer;
  let manager: string;

  beforeAll(async () => {
    server = await startTestServer();
    manager = await server.token('RX1', Role.CONTRACT_MANAGER, Role.FINANCE_APPROVER);
  });
  afterAll(() => server.stop());

  it('lists every reason with its code through errorReasons', async () => {
    const response = await server.gql('{ errorReasons { reason code description } }', {}, manager);
    expect(response.errors).toBeUndefined();
    expect(response.data.errorReasons).toHaveLength(Object.keys(ERROR_REASONS).length);
    expect(response.data.errorReasons).toContainEqual({
      reason: 'MONEY_NOT_EXACT',
      code: 'BAD_USER_INPUT',
      description: ERROR_REASONS.MONEY_NOT_EXACT.description,
    });
    expect(response.data.errorReasons).toContainEqual({
      reason: 'INVALID_STATUS_TRANSITION',
      code: 'CONFLICT',
      description: ERROR_REASONS.INVALID_STATUS_TRANSITION.description,
    });
  });

  describe('a value graphql-js refuses names the input at fault', () => {
    const PAY = 'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }';
    const payment = { id: 'SW52b2ljZTox', paidOn: '2025-01-01', amount: '1.00', reference: 'PAY-1' };
    const inline = (amount: string, paidOn = '"2025-01-01"') =>
      `mutation { recordPayment(input: { id: "SW52b2ljZTox", paidOn: ${paidOn}, amount: ${amount}, reference: "PAY-1" }) { id } }`;

    it('a fractional Money: as a variable, inline, and in a variable of its own', async () => {
      const expected = { code: 'BAD_USER_INPUT', field: 'input.amount', reason: 'MONEY_NOT_EXACT' };
      const asVariable = await server.gql(PAY, { input: { ...payment, amount: 1234.5 } }, manager);
      expect(extensionsOf(asVariable)).toMatchObject(expected);
      expect(asVariable.errors?.[0].message).toContain('"1234.50"');
      expect(extensionsOf(await server.gql(inline('1234.5'), {}, manager))).toMatchObject(expected);
      const own =
        'mutation($a: Money!) { recordPayment(input: { id: "SW52b2ljZTox", paidOn: "2025-01-01", amount: $a, reference: "PAY-1" }) { id } }';
      expect(extensionsOf(await server.gql(own, { a: 0.1 }, manager))).toMatchObject(expected);
    });

    it('Money that is not money', async () => {
      const expected = { code: 'BAD_USER_INPUT', field: 'input.amount', reason: 'INVALID_MONEY' };
      expect(extensionsOf(await server.gql(PAY, { input: { ...payment, amount: '12.345' } }, manager))).toMatchObject(expected);
      expect(extensionsOf(await server.gql(inline('"twelve"'), {}, manager))).toMatchObject(expected);
      expect(extensionsOf(await server.gql(inline('true'), {}, manager))).toMatchObject(expected);
    });

    it('a date that is not one', async () => {
      const expected = { code: 'BAD_USER_INPUT', field: 'input.paidOn', reason: 'INVALID_DATE' };
      expect(extensionsOf(await server.gql(PAY, { input: { ...payment, paidOn: '2025-02-30' } }, manager))).toMatchObject(expected);
      expect(extensionsOf(await server.gql(inline('"1.00"', '"31/01/2025"'), {}, manager))).toMatchObject(expected);
    });

    it('an instant that is not one, in a variable named otherwise', async () => {
      const window = {
        serviceId: 'x',
        kind: 'PLANNED_MAINTENANCE',
        reason: 'Upgrade',
        startsAt: 'yesterday',
        endsAt: '2025-01-01T00:00:00Z',
      };
      const response = await server.gql(
        'mutation($w: ExclusionWindowInput!) { recordExclusionWindow(input: $w) { id } }',
        { w: window },
        manager,
      );
      expect(extensionsOf(response)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.startsAt', reason: 'INVALID_DATE_TIME' });
    });

    it('a built-in type or a required field: INVALID_VALUE', async () => {
      const expected = { code: 'BAD_USER_INPUT', field: 'first', reason: 'INVALID_VALUE' };
      expect(extensionsOf(await server.gql('{ contracts(first: 1.5) { totalCount } }', {}, manager))).toMatchObject(expected);
      expect(extensionsOf(await server.gql('query($n: Int) { contracts(first: $n) { totalCount } }', { n: 'ten' }, manager))).toMatchObject(
        expected,
      );
      const missing = await server.gql(PAY, { input: { id: 'SW52b2ljZTox', amount: '1.00', reference: 'PAY-1' } }, manager);
      expect(extensionsOf(missing)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input', reason: 'INVALID_VALUE' });
      expect(missing.errors?.[0].message).toContain('paidOn');
    });
  });

  it('an authentication refusal says which check refused it', async () => {
    const garbled = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-token' },
      body: JSON.stringify({ query: '{ me { subject } }' }),
    });
    expect(garbled.status).toBe(401);
    expect(((await garbled.json()) as { errors: { extensions: object }[] }).errors[0].extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'TOKEN_INVALID',
    });
    const header = await fetch(`${server.url}/feeds/incidents`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: 'Basic abc' },
      body: 'x',
    });
    expect(header.status).toBe(401);
    expect(((await header.json()) as { errors: { extensions: object }[] }).errors[0].extensions).toEqual({
      code: 'UNAUTHENTICATED',
      reason: 'MALFORMED_HEADER',
    });
  });

  it('carries no stack trace in the test environment', async () => {
    const response = await server.gql('{ contracts(first: 1, after: "nonsense") { totalCount } }', {}, manager);
    expect(extensionsOf(response)).toEqual({ code: 'BAD_USER_INPUT', field: 'after', reason: 'INVALID_CURSOR' });
  });
});

describe('stack traces in development', () => {
  const DEVELOPMENT = { NODE_ENV: 'development', FEED_PULL_ENABLED: 'false', WEBHOOK_DISPATCH_ENABLED: 'false', LOG_LEVEL: 'silent' };
  /** a refusal of ours, graphql-js's refusal of the query, and of a variable */
  const ask = async (server: TestServer) => {
    const token = await server.token('RX1', Role.CONTRACT_MANAGER);
    return [
      await server.gql('{ contracts(first: 1, after: "nonsense") { totalCount } }', {}, token),
      await server.gql('{ contracts(first: 1) { noSuchField } }', {}, token),
      await server.gql('query($n: Int) { contracts(first: $n) { totalCount } }', { n: 'ten' }, token),
    ];
  };

  it('are left out unless GRAPHQL_STACK_TRACES asks for them', async () => {
    const server = await startTestServer({ env: DEVELOPMENT });
    try {
      for (const response of await ask(server)) {
        expect(response.errors?.length).toBe(1);
        expect(extensionsOf(response)).not.toHaveProperty('stacktrace');
      }
    } finally {
      await server.stop();
    }
  });

  it('come with every error when GRAPHQL_STACK_TRACES=true', async () => {
    const server = await startTestServer({ env: { ...DEVELOPMENT, GRAPHQL_STACK_TRACES: 'true' } });
    try {
      const [ours, query, variable] = await ask(server);
      expect(extensionsOf(ours)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
      for (const response of [ours, query, variable])
        expect(extensionsOf(response)?.stacktrace).toEqual(expect.arrayContaining([expect.stringMatching(/^\s*at /)]));
    } finally {
      await server.stop();
    }
  });
});
