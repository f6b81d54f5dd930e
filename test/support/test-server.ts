import pino from 'pino';
import { createApp, type App } from '../../src/app';
import { Role } from '../../src/auth/roles';
import { signDevelopmentToken } from '../../src/auth/tokens';
import { seedDemoData } from '../../src/seed/demo-data';
import { createTestDatabase, type TestDatabase, type TestDatabaseOptions } from './database';

export interface GraphqlResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
  headers: Headers;
}

export interface TestServer {
  readonly url: string;
  readonly db: TestDatabase;
  readonly app: App;
  /** POSTs a GraphQL operation as JSON, with a bearer token when given */
  gql<T = any>(query: string, variables?: Record<string, unknown>, auth?: string | { apiKey: string }): Promise<GraphqlResponse<T>>;
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

  const gql = async (query: string, variables?: Record<string, unknown>, auth?: string | { apiKey: string }) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (typeof auth === 'string') headers.authorization = `Bearer ${auth}`;
    else if (auth) headers['x-api-key'] = auth.apiKey;
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { data?: any; errors?: any[] };
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
