import { randomBytes } from 'node:crypto';
import { getIntrospectionQuery } from 'graphql';
import { Role } from '../../src/auth/roles';
import { loadGraphiqlAssets } from '../../src/http/graphiql-assets';
import { Chromium, type Page } from '../support/chromium';
import { startTestServer, type TestServer } from '../support/test-server';

const QUERY = '{ contracts(first: 1, after: null) { totalCount } }';

/** Expressions evaluated in the page: GraphiQL's CodeMirror editors and its buttons. */
const EDITOR = `document.querySelector('.graphiql-query-editor .CodeMirror')`;
const RESULT = `document.querySelector('.graphiql-response .CodeMirror')`;
const click = (selector: string) => `document.querySelector(${JSON.stringify(selector)}).click()`;

/**
 * The explorer as a developer meets it: the server in development mode (introspection on, the
 * default depth and cost limits), GraphiQL opened in headless Chromium at /graphql, a token
 * pasted into the page's field, a query run with the Execute button. Every file the page
 * loads comes from this server: the test fails if any request leaves 127.0.0.1.
 */
describe('GraphiQL in a browser', () => {
  let server: TestServer;
  let browser: Chromium | undefined;
  let page: Page;
  let token: string;
  let endpoint: string;

  beforeAll(async () => {
    server = await startTestServer({ env: { GRAPHQL_INTROSPECTION: 'true' } });
    endpoint = `${server.url}/graphql`;
    token = await server.token('RX1', Role.CONTRACT_MANAGER);
    browser = await Chromium.launch();
    page = await browser.newPage();
  });

  afterAll(async () => {
    try {
      await browser?.close();
    } finally {
      await server?.stop();
    }
  });

  /** The answer in the result pane, as the tests read it */
  type Shown = { data: { contracts: { totalCount: number } }; errors: { extensions: Record<string, unknown> }[] };

  /** Puts `query` in the editor, presses Execute, and returns the answer the result pane shows once it shows the server's. */
  async function run(query: string): Promise<{ shown: Shown; sent: Record<string, string> }> {
    await page.evaluate(`${EDITOR}.CodeMirror.setValue(${JSON.stringify(query)})`);
    const answered = page.nextResponse(
      'the query from the page',
      (request) => request.method === 'POST' && request.url === endpoint && request.postData?.includes(query) === true,
    );
    await page.evaluate(click('.graphiql-execute-button'));
    const { request, body } = await answered;
    const expected = JSON.stringify(JSON.parse(body));
    const shown = await page.waitFor<string>(
      'the result pane to show the answer',
      `(() => { const text = ${RESULT}.CodeMirror.getValue(); return JSON.stringify(JSON.parse(text)) === ${JSON.stringify(expected)} ? text : null; })()`,
    );
    return { shown: JSON.parse(shown), sent: lowerCased(request.headers) };
  }

  async function typeToken(value: string): Promise<void> {
    await page.evaluate(`document.getElementById('bearer-token').focus()`);
    await page.insertText(value);
  }

  it('opens GraphiQL at /graphql, with its schema loaded (the documentation explorer lists its types)', async () => {
    await page.open(endpoint);
    await page.waitFor('the query editor', `${EDITOR}?.CodeMirror ? true : null`, 1_200);
    await page.evaluate(click('[aria-label="Show Documentation Explorer"]'));
    // its list of every type in the schema, which only the introspection answer could have given it
    const types = await page.waitFor<string[]>(
      "the documentation explorer to list the schema's types",
      `(() => { const names = [...document.querySelectorAll('.graphiql-doc-explorer-content .graphiql-doc-explorer-type-name')].map((type) ` +
        `=> type.textContent); return names.includes('ContractConnection') ? names : null; })()`,
    );
    expect(types).toEqual(expect.arrayContaining(['Query', 'Mutation', 'Contract', 'Money']));
    expect(await page.evaluate<string>(`document.querySelector('.token-help').textContent`)).toContain('npm run token -- --help');
  });

  it('runs a query with the token typed into the page and shows the answer from the database', async () => {
    const expected = await server.gql(QUERY, {}, token);
    expect(expected.data.contracts.totalCount).toBeGreaterThan(0);

    await typeToken(token);
    const { shown, sent } = await run(QUERY);
    expect(sent.authorization).toBe(`Bearer ${token}`);
    expect(shown).toEqual({ data: { contracts: { totalCount: expected.data.contracts.totalCount } } });
  });

  it('keeps the token in the tab (sessionStorage), not in storage that outlives it', async () => {
    await page.open(endpoint);
    await page.waitFor('the query editor', `${EDITOR}?.CodeMirror ? true : null`, 1_200);
    expect(await page.evaluate<string>(`document.getElementById('bearer-token').value`)).toBe(token);
    const inLocalStorage = await page.evaluate<boolean>(
      `Object.keys(localStorage).some((key) => localStorage.getItem(key).includes(${JSON.stringify(token)}))`,
    );
    expect(inLocalStorage).toBe(false);
  });

  it('shows UNAUTHENTICATED once the token is forgotten, and sends no Authorization header', async () => {
    await page.evaluate(click('#forget-token'));
    const { shown, sent } = await run(QUERY);
    expect(sent.authorization).toBeUndefined();
    expect(shown.data).toBeNull();
    expect(shown.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it("sends an Authorization header written in GraphiQL's Headers tab", async () => {
    await page.evaluate(`[...document.querySelectorAll('button')].find((button) => button.textContent === 'Headers').click()`);
    await page.waitFor(
      'the headers editor',
      `document.querySelector('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror')?.CodeMirror ? true : null`,
    );
    await page.evaluate(
      `document.querySelector('.graphiql-editor-tool .graphiql-editor:not(.hidden) ` +
        `.CodeMirror').CodeMirror.setValue(${JSON.stringify(JSON.stringify({ Authorization: `Bearer ${token}` }))})`,
    );
    const { shown, sent } = await run(QUERY);
    expect(sent.authorization).toBe(`Bearer ${token}`);
    expect(shown.data.contracts.totalCount).toBeGreaterThan(0);
  });

  it('fetched everything from this server, with no error, CSP violation or failed load in the page', () => {
    const elsewhere = page.requests
      .map((request) => request.url)
      .filter((url) => !url.startsWith(`${server.url}/`) && !url.startsWith('data:'));
    expect(elsewhere).toEqual([]);
    expect(page.requests.filter((request) => request.url.includes('/graphiql/')).length).toBeGreaterThanOrEqual(6);
    expect(page.problems).toEqual([]);
  });
});

/** The page, its files and the introspection it needs, as any HTTP client sees them. */
describe('GraphiQL over HTTP', () => {
  let server: TestServer;
  let token: string;
  let endpoint: string;

  beforeAll(async () => {
    server = await startTestServer({ env: { GRAPHQL_INTROSPECTION: 'true' } });
    endpoint = `${server.url}/graphql`;
    token = await server.token('RX1', Role.CONTRACT_MANAGER);
  });

  afterAll(() => server.stop());

  it('serves the files with their types, cached for a year under a URL that changes with the content', async () => {
    const assets = loadGraphiqlAssets();
    for (const asset of [assets.react, assets.reactDom, assets.graphiqlScript, assets.graphiqlStyle, assets.pageScript, assets.pageStyle]) {
      const response = await fetch(`${server.url}${asset.url}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(asset.contentType);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await response.arrayBuffer()).equals(asset.body)).toBe(true);
    }
  });

  it('keeps the page policy on the page: API answers, and GETs that do not ask for HTML, go to GraphQL as before', async () => {
    const pageResponse = await fetch(endpoint, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(pageResponse.headers.get('content-security-policy')).toMatch(/script-src 'self';/);
    expect(pageResponse.headers.get('vary')).toBe('Accept');
    const answer = await server.gql('{ me { subject } }', {}, token);
    expect(answer.headers.get('content-security-policy')).toBeNull();
    const json = await fetch(`${endpoint}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(await json.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('lets the standard introspection query through the default limits; introspection nested to abuse them is still refused', async () => {
    const introspection = await server.gql(getIntrospectionQuery());
    expect(introspection.errors).toBeUndefined();
    expect(introspection.data.__schema.queryType.name).toBe('Query');
    const nested = (depth: number): string => (depth === 0 ? 'name' : `name fields { type { ${nested(depth - 1)} } }`);
    const abusive = await server.gql(`{ __schema { types { ${nested(6)} } } }`);
    // graphql-js's own rule, before the depth limit: fields within fields within fields
    expect(abusive.errors?.[0]?.message).toBe('Maximum introspection depth exceeded');
    expect(abusive.data).toBeUndefined();
  });
});

describe('GraphiQL in production', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      seed: false,
      env: {
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        JWT_SECRET: randomBytes(48).toString('base64url'),
        JWT_ISSUER: 'https://login.example.nhs.uk/tenant',
        JWT_AUDIENCE: 'api://hscn-supplier-api',
      },
    });
  });

  afterAll(() => server.stop());

  it('serves no page to a browser and none of its files: introspection is off', async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(response.headers.get('content-type')).not.toMatch(/text\/html/);
    expect(await response.text()).not.toMatch(/GraphiQL|<html/i);
    const assets = loadGraphiqlAssets();
    for (const asset of [assets.graphiqlScript, assets.pageScript]) expect((await fetch(`${server.url}${asset.url}`)).status).toBe(404);
  });
});

function lowerCased(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
