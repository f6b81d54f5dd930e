import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '../../src/auth/roles';
import type { TestServer } from './test-server';

/** What `POST /feeds/{kind}` answers, as the tests read it */
export interface FeedPostAnswer {
  run: { id: string; rowsAccepted: number };
  rejectedRows: unknown[];
  invoices: { id: string }[];
  incidents: { id: string; supplierRef: string }[];
  moreIncidents: number;
}

export const fixture = (path: string) => readFileSync(join(__dirname, '..', 'fixtures', 'feeds', path), 'utf8');

export const RUN_FIELDS = `id status rowsRead rowsAccepted rowsRejected rowsUnchanged failureReason checksum kind format source
  rejectedRows(first: 100) { totalCount edges { node { location field reason raw } } }`;

/** Sends a document through the ingestFeed mutation; answers the run (or the errors). */
export async function ingest(
  server: TestServer,
  token: string,
  input: { supplierId: string; kind: string; format: string; document: string; fileName?: string },
) {
  return server.gql(`mutation($input: IngestFeedInput!) { ingestFeed(input: $input) { ${RUN_FIELDS} } }`, { input }, token);
}

/** The global id of a demo supplier, by CN-SP ID. */
export async function supplierId(server: TestServer, token: string, cnspId: string): Promise<string> {
  const response = await server.gql(
    'query($s: String!) { suppliers(filter: { search: $s }) { edges { node { id } } } }',
    { s: cnspId },
    token,
  );
  return response.data.suppliers.edges[0].node.id;
}

/** A contract manager at RX1, Pennine's global id, and the references of up to ten of its active services. */
export async function pennineAtRx1(server: TestServer) {
  const manager = await server.token('RX1', Role.CONTRACT_MANAGER);
  const pdn = await supplierId(server, manager, 'PDN00001');
  const services = await server.gql(
    'query($s: ID!) { services(first: 10, filter: { supplierId: $s, status: [ACTIVE] }) { edges { node { reference } } } }',
    { s: pdn },
    manager,
  );
  const refs: string[] = services.data.services.edges.map((e: { node: { reference: unknown } }) => e.node.reference);
  return { manager, pdn, refs };
}

/** Hour-aligned UTC instants going back from the last whole hour. */
export function recentHours(count: number, now = new Date()): Date[] {
  const top = Math.floor(now.getTime() / 3_600_000) * 3_600_000 - 3_600_000;
  return Array.from({ length: count }, (_, i) => new Date(top - (count - 1 - i) * 3_600_000));
}
