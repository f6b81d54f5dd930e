import pino from 'pino';
import { createApp, type App } from '../../src/app';
import { Role } from '../../src/auth/roles';
import { signDevelopmentToken } from '../../src/auth/tokens';
import { seedDemoData } from '../../src/seed/demo-data';
import { createTestDatabase, type TestDatabase, type TestDatabaseOptions } from './database';

/**
 * An answer's `data` when the call gives no type: read by path and unchecked, as about 800 calls still
 * read it. A call that wants it checked names the shape it reads (`gql<{ invoice: { id: string } }>(…)`).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one open door for untyped answers (see above)
export type UncheckedData = any;

/** One entry of a GraphQL answer's `errors` */
export interface GraphqlError {
  message: string;
  path?: string[];
  extensions?: Record<string, unknown>;
}

/** A GraphQL answer's body as JSON, for tests that post by hand */
export interface GraphqlBody<T = unknown> {
  data?: T;
  errors?: GraphqlError[];
}

/** The JSON body of a refused request, GraphQL's or an HTTP endpoint's, for tests that read its first error */
export interface ErrorBody {
  errors: { message: string; extensions: Record<string, unknown> }[];
}

export interface GraphqlResponse<T = UncheckedData> {
  status: number;
  data?: T;
  errors?: GraphqlError[];
  headers: Headers;
}

export interface TestServer {
  readonly url: string;
  readonly db: TestDatabase;
  readonly app: App;
  /** POSTs a GraphQL operation as JSON, with a bearer token when given */
  gql<T = UncheckedData>(
    query: string,
    variables?: Record<string, unknown>,
    auth?: string | { apiKey: string },
  ): Promise<GraphqlResponse<T>>;
  /** a signed development token for an organisation and roles */
  token(odsCode: string, ...roles: Role[]): Promise<string>;
  /** SQL statements sent while `work` ran */
  countStatements(work: () => Promise<unknown>): Promise<number>;
  /** the SQL of every statement `work` caused, in order */
  recordStatements(work: () => Promise<unknown>): Promise<string[]>;
  stop(): Promise<void>;
}

/** The real server on a real database, listening on a free loopback port. */
export async function startTestServer(
  options: { seed?: boolean; env?: Record<string, string>; database?: TestDatabaseOptions } = {},
): Promise<TestServer> {
  const db = await createTestDatabase(options.env, options.database);
  if (options.seed !== false) await seedDemoData(db.dataSource);
  const app = await createApp(db.config, db.dataSource, db.statements, pino({ level: 'silent' }));
  const port = await app.listen();
  const url = `http://127.0.0.1:${port}`;

  const gql = async <T>(
    query: string,
    variables?: Record<string, unknown>,
    auth?: string | { apiKey: string },
  ): Promise<GraphqlResponse<T>> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (typeof auth === 'string') headers.authorization = `Bearer ${auth}`;
    else if (auth) headers['x-api-key'] = auth.apiKey;
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as GraphqlBody<T>;
    return { status: response.status, data: body.data, errors: body.errors, headers: response.headers };
  };

  return {
    url,
    db,
    app,
    gql,
    token: (odsCode, ...roles) =>
      signDevelopmentToken(db.config, {
        subject: `test.${(roles[0] ?? 'none').toLowerCase()}@${odsCode.toLowerCase()}`,
        odsCode,
        roles: roles.length ? roles : [Role.CONTRACT_MANAGER],
        expiresIn: '1h',
      }),
    countStatements: async (work) => {
      const before = db.statements.statements;
      await work();
      return db.statements.statements - before;
    },
    recordStatements: (work) => db.statements.recordStatements(work),
    stop: async () => {
      await app.stop();
      await db.drop();
    },
  };
}

/** The first error's code, for terse assertions. */
export const errorCode = (response: GraphqlResponse) => response.errors?.[0]?.extensions?.code;
