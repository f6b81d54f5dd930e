import { Role } from '../../src/auth/roles';
import { buildGraphqlSchema } from '../../src/graphql/schema';
import { createServices } from '../../src/services';
import { ingest, supplierId } from '../support/feeds';
import { errorCode, startTestServer, type TestServer } from '../support/test-server';

const TRAIL =
  `query($f: AuditFilterInput) { auditTrail(first: 50, filter: $f) { totalCount edges { node { id actor via entryPoint requestId entityType ` +
  `recordId action before after organisation { odsCode } } } } }`;

describe('the audit trail', () => {
  let server: TestServer;
  let admin: string;
  let manager: string;
  let contract: { id: string; title: string };

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.token('RX1', Role.ADMIN);
    manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    contract = (
      await server.gql('{ contracts(first: 1, filter: { search: "RX1-HSCN-2023-01" }) { edges { node { id title } } } }', {}, manager)
    ).data.contracts.edges[0].node;
  });

  afterAll(() => server.stop());

  it('records who changed a record, when, through which mutation, with the record before and after', async () => {
    const changed = await server.gql(
      'mutation($id: ID!) { updateContract(input: { id: $id, title: "Pennine access, re-titled for audit" }) { title } }',
      { id: contract.id },
      manager,
    );
    expect(changed.errors).toBeUndefined();
    const trail = (await server.gql(TRAIL, { f: { recordId: contract.id } }, admin)).data.auditTrail;
    expect(trail.totalCount).toBe(1);
    const entry = trail.edges[0].node;
    expect(entry).toMatchObject({
      actor: 'test.contract_manager@rx1',
      via: 'JWT',
      entryPoint: 'graphql:updateContract',
      entityType: 'Contract',
      recordId: contract.id,
      action: 'UPDATE',
      organisation: { odsCode: 'RX1' },
    });
    expect(JSON.parse(entry.before).title).toBe(contract.title);
    expect(JSON.parse(entry.after).title).toBe('Pennine access, re-titled for audit');
    expect(entry.requestId).toMatch(/\S/);
  });

  it('records nothing for a mutation that was refused, because nothing changed', async () => {
    const before = (await server.gql(TRAIL, {}, admin)).data.auditTrail.totalCount;
    const refused = await server.gql(
      'mutation($id: ID!) { updateContract(input: { id: $id, title: "" }) { title } }',
      { id: contract.id },
      manager,
    );
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect((await server.gql(TRAIL, {}, admin)).data.auditTrail.totalCount).toBe(before);
  });

  it('records a supplier document sent through ingestFeed, each new record with no "before"', async () => {
    const pdn = await supplierId(server, manager, 'PDN00001');
    const csv =
      'ticket_reference,service_reference,severity,status,summary,opened_at\nAUD-1,PDN-ETH-100037,3,Open,Audit trail check,2026-11-20T09:00:00Z';
    const run = await ingest(server, manager, { supplierId: pdn, kind: 'INCIDENT', format: 'CSV', document: csv });
    expect(run.data.ingestFeed.rowsAccepted).toBe(1);
    const incidents = (await server.gql(TRAIL, { f: { entityType: 'Incident' } }, admin)).data.auditTrail.edges.map(
      (e: { node: unknown }) => e.node,
    );
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ action: 'CREATE', before: null, entryPoint: 'graphql:ingestFeed' });
    expect(JSON.parse(incidents[0].after).supplierRef).toBe('AUD-1');
  });

  it('records a document a supplier posts over HTTP with its API key under the feed route', async () => {
    const pdn = await supplierId(server, admin, 'PDN00001');
    const key = (
      await server.gql(
        'mutation($s: ID!) { createApiKey(input: { name: "PDN systems", roles: [SUPPLIER_FEED], supplierId: $s }) { secret } }',
        { s: pdn },
        admin,
      )
    ).data.createApiKey.secret;
    const csv =
      'ticket_reference,service_reference,severity,status,summary,opened_at\nAUD-2,PDN-ETH-100037,4,Open,Posted by the supplier,2026-11-21T09:00:00Z';
    const response = await fetch(`${server.url}/feeds/incidents?filename=pdn-tickets.csv`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'x-api-key': key },
      body: csv,
    });
    expect(response.status).toBe(200);
    const posted = (await server.gql(TRAIL, { f: { entityType: 'Incident' } }, admin)).data.auditTrail.edges
      .map((e: { node: unknown }) => e.node)
      .find((n: { after: string }) => JSON.parse(n.after).supplierRef === 'AUD-2');
    expect(posted).toMatchObject({ via: 'API_KEY', entryPoint: 'feed:HTTP pdn-tickets.csv', action: 'CREATE' });
    // the key itself was audited without its secret
    const keys = (await server.gql(TRAIL, { f: { entityType: 'ApiKey' } }, admin)).data.auditTrail.edges.map(
      (e: { node: unknown }) => e.node,
    );
    expect(keys.length).toBeGreaterThan(0);
    for (const entry of keys) expect(entry.after).not.toContain(key.slice(-12));
  });

  it('is read by ADMIN only, for their own organisations, and no operation edits it', async () => {
    expect(errorCode(await server.gql(TRAIL, {}, manager))).toBe('FORBIDDEN');
    const id = (await server.gql(TRAIL, {}, admin)).data.auditTrail.edges[0].node.id;
    expect(errorCode(await server.gql('query($id: ID!) { node(id: $id) { id } }', { id }, manager))).toBe('NOT_FOUND');
    const other = await server.token('Y0A01', Role.ADMIN);
    expect((await server.gql(TRAIL, {}, other)).data.auditTrail.totalCount).toBe(0);
    const schema = await buildGraphqlSchema(createServices(server.db.config));
    expect(Object.keys(schema.getMutationType()!.getFields()).filter((name) => /audit/i.test(name))).toEqual([]);
  });
});
