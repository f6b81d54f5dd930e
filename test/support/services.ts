import { nodes } from './graphql';
import type { TestServer } from './test-server';

interface ContractNode {
  id: string;
  serviceHours: string;
  organisation: { odsCode: string };
}

/** The global id of the supplier's active 24x7 contract with RX1 in the demo data. */
export async function rx1AllDayContractId(server: TestServer, token: string, supplierId: string): Promise<string> {
  const contracts = await server.gql(
    'query($s: ID!) { contracts(filter: { supplierId: $s, status: [ACTIVE] }) { edges { node { id serviceHours organisation { odsCode } } } } }',
    { s: supplierId },
    token,
  );
  const contract = nodes<ContractNode>(contracts.data.contracts).find(
    (c) => c.serviceHours === 'TWENTY_FOUR_SEVEN' && c.organisation.odsCode === 'RX1',
  );
  return contract!.id;
}

/** The global id of the first site the token sees. */
export async function firstSiteId(server: TestServer, token: string): Promise<string> {
  const sites = await server.gql('{ sites(first: 1) { edges { node { id } } } }', {}, token);
  return nodes<{ id: string }>(sites.data.sites)[0]!.id;
}

/** Creates an active 100 Mb/s access circuit; answers the createService response (its id, or the errors). */
export function createAccessCircuit(
  server: TestServer,
  token: string,
  service: { contractId: string; siteId: string; reference: string; monthlyCharge: string; installDate?: string; resilience?: string },
) {
  const { installDate = '2025-01-01', resilience = 'RESILIENT', ...rest } = service;
  return server.gql(
    'mutation($i: CreateServiceInput!) { createService(input: $i) { id } }',
    { i: { ...rest, type: 'ACCESS_CIRCUIT', bandwidthMbps: 100, resilience, status: 'ACTIVE', installDate } },
    token,
  );
}
