import { getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType, type GraphQLInputType } from 'graphql';
import { Role } from '../../src/auth/roles';
import { buildGraphqlSchema } from '../../src/graphql/schema';
import { createServices } from '../../src/services';
import { errorCode, startTestServer, type TestServer } from '../support/test-server';

/** What the Service Co-ordinator may call (errorReasons is the server's list of refusal reasons: no one's data); everything else must refuse it. */
const COORDINATOR_FIELDS = ['me', 'node', 'incidents', 'incident', 'severityOneWithoutNotification', 'notifications', 'errorReasons'];

/** A literal for an argument of this type, so that a call reaches the resolver's guard. */
function literal(type: GraphQLInputType): string {
  if (isNonNullType(type)) return literal(type.ofType);
  if (isListType(type)) return `[${literal(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((field) => isNonNullType(field.type));
    return `{ ${fields.map((field) => `${field.name}: ${literal(field.type)}`).join(', ')} }`;
  }
  if (isScalarType(type)) {
    const values: Record<string, string> = {
      Int: '1',
      Float: '1',
      Boolean: 'true',
      ID: '"x"',
      String: '"x"',
      Money: '"1.00"',
      LocalDate: '"2026-01-01"',
      DateTimeISO: '"2026-01-01T00:00:00.000Z"',
    };
    const value = values[type.name];
    if (value === undefined) throw new Error(`no sample literal for scalar ${type.name}: add one here`);
    return value;
  }
  throw new Error(`unexpected input type ${String(type)}`);
}

/**
 * NHS England's Service Co-ordinator reads Severity 1 and 2 incidents of every organisation,
 * and nothing else: lower severities are invisible to it, other ids answer NOT_FOUND, every
 * other query and every mutation is refused.
 */
describe('the Service Co-ordinator', () => {
  let server: TestServer;
  let coordinator: string;
  const incidentIds: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer();
    coordinator = await server.token('X26', Role.SERVICE_COORDINATOR);
    for (const ods of ['RX1', 'RX2']) {
      const manager = await server.token(ods, Role.CONTRACT_MANAGER);
      const found = await server.gql('{ services(first: 1, filter: { status: [ACTIVE] }) { edges { node { id } } } }', {}, manager);
      const contact = await server.gql(
        `mutation { createContact(input: { name: "${ods} duty desk", phone: "0113 496 0000" }) { id } }`,
        {},
        manager,
      );
      for (const severity of [1, 2, 3]) {
        const logged = await server.gql(
          `mutation($s: ID!, $c: ID!, $sev: Int!) { logIncident(input: { serviceId: $s, severity: $sev, summary: "${ods} ` +
            `severity ${severity}", occurredAt: "2026-11-01T08:00:00Z",
             impact: "WAN down", customerImpact: "clinics on paper", stepsTaken: "router restarted", updatesContactId: $c }) { id ` +
            `} }`,
          { s: found.data.services.edges[0].node.id, c: contact.data.createContact.id, sev: severity },
          manager,
        );
        expect(logged.errors).toBeUndefined();
        incidentIds[`${ods}-${severity}`] = logged.data.logIncident.id;
      }
    }
  });

  afterAll(() => server.stop());

  it('reads Severity 1 and 2 incidents of every organisation, and no others', async () => {
    const seen = await server.gql(
      '{ incidents(first: 100) { totalCount edges { node { id severity summary organisation { odsCode } } } } }',
      {},
      coordinator,
    );
    expect(seen.errors).toBeUndefined();
    const nodes = seen.data.incidents.edges.map((e: { node: unknown }) => e.node);
    expect(nodes.map((n: { summary: unknown }) => n.summary).sort()).toEqual([
      'RX1 severity 1',
      'RX1 severity 2',
      'RX2 severity 1',
      'RX2 severity 2',
    ]);
    expect(seen.data.incidents.totalCount).toBe(4);
    const lowOnly = await server.gql('{ incidents(filter: { severity: [3, 4, 5] }) { totalCount } }', {}, coordinator);
    expect(lowOnly.data.incidents.totalCount).toBe(0);
  });

  it("opens a Severity 1 incident with its history and SLA clock, but not the organisation's inventory", async () => {
    const response = await server.gql(
      `query($id: ID!) { incident(id: $id) { severity summary impact organisation { odsCode } supplier { cnspId } service { id } updatesContact { id }
         statusHistory { status reason } slaStage resolutionTargetMinutes resolutionBreached } }`,
      { id: incidentIds['RX2-1'] },
      coordinator,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.incident).toMatchObject({
      severity: 1,
      summary: 'RX2 severity 1',
      organisation: { odsCode: 'RX2' },
      service: null,
      updatesContact: null,
    });
    // the clock is the contract's, exactly as the trust itself sees it
    const trust = await server.gql(
      'query($id: ID!) { incident(id: $id) { slaStage resolutionTargetMinutes resolutionBreached service { id } } }',
      { id: incidentIds['RX2-1'] },
      await server.token('RX2', Role.VIEWER),
    );
    expect(trust.data.incident.service).not.toBeNull();
    const { slaStage, resolutionTargetMinutes, resolutionBreached } = trust.data.incident;
    expect(response.data.incident).toMatchObject({ slaStage, resolutionTargetMinutes, resolutionBreached });
    expect(response.data.incident.statusHistory).toEqual([{ status: 'NEW', reason: 'Logged by test.contract_manager@rx2' }]);
    const viaNode = await server.gql(
      'query($id: ID!) { node(id: $id) { ... on Incident { summary } } }',
      { id: incidentIds['RX1-2'] },
      coordinator,
    );
    expect(viaNode.data.node).toEqual({ summary: 'RX1 severity 2' });
  });

  it('gets NOT_FOUND for a Severity 3 incident and for any other record', async () => {
    for (const query of ['query($id: ID!) { incident(id: $id) { id } }', 'query($id: ID!) { node(id: $id) { id } }']) {
      const response = await server.gql(query, { id: incidentIds['RX1-3'] }, coordinator);
      expect(errorCode(response)).toBe('NOT_FOUND');
      expect(response.data).toBeNull();
    }
    const manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    const own = await server.gql('{ me { organisation { id } } contracts(first: 1) { edges { node { id } } } }', {}, manager);
    const x26 = await server.gql('{ me { organisation { id } } }', {}, coordinator);
    for (const id of [own.data.me.organisation.id, own.data.contracts.edges[0].node.id, x26.data.me.organisation.id]) {
      expect(errorCode(await server.gql('query($id: ID!) { node(id: $id) { id } }', { id }, coordinator))).toBe('NOT_FOUND');
    }
  });

  it('lists Severity 1 incidents nobody has told it about, nationally', async () => {
    const response = await server.gql(
      '{ severityOneWithoutNotification { minutesSinceOpened incident { summary severity } } }',
      {},
      coordinator,
    );
    expect(response.errors).toBeUndefined();
    expect(
      response.data.severityOneWithoutNotification.map((row: { incident: { summary: unknown } }) => row.incident.summary).sort(),
    ).toEqual(['RX1 severity 1', 'RX2 severity 1']);
  });

  it('is notified of those Severity 1 incidents, nationally, and of nothing else', async () => {
    const response = await server.gql(
      '{ notifications(first: 100) { viewerKinds totalCount edges { node { kind subjectId message organisation { odsCode } } } } }',
      {},
      coordinator,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.notifications.viewerKinds).toEqual(['SEVERITY_ONE_NOT_NOTIFIED']);
    const nodes = response.data.notifications.edges.map((e: { node: unknown }) => e.node);
    expect(nodes.map((n: { subjectId: unknown }) => n.subjectId).sort()).toEqual([incidentIds['RX1-1'], incidentIds['RX2-1']].sort());
    expect(nodes.map((n: { organisation: { odsCode: unknown } }) => n.organisation.odsCode).sort()).toEqual(['RX1', 'RX2']);
    expect(
      nodes.every(
        (n: { kind: string; message: string }) =>
          n.kind === 'SEVERITY_ONE_NOT_NOTIFIED' && /no notification of the Service Co-ordinator is recorded/.test(n.message),
      ),
    ).toBe(true);
  });

  it('is refused every other query and every mutation, and nothing changes', async () => {
    const schema = await buildGraphqlSchema(createServices(server.db.config));
    const before = await server.gql(
      '{ incidents(first: 100) { edges { node { id status serviceCoordinatorNotified supplierRef } } } }',
      {},
      coordinator,
    );
    const refused: string[] = [];
    for (const [operation, type] of [
      ['query', schema.getQueryType()!],
      ['mutation', schema.getMutationType()!],
    ] as const) {
      for (const field of Object.values(type.getFields())) {
        if (operation === 'query' && COORDINATOR_FIELDS.includes(field.name)) continue;
        const args = field.args.filter((arg) => isNonNullType(arg.type)).map((arg) => `${arg.name}: ${literal(arg.type)}`);
        const named = getNamedType(field.type);
        const selection = isScalarType(named) || isEnumType(named) ? '' : ' { __typename }';
        const response = await server.gql(
          `${operation} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`,
          {},
          coordinator,
        );
        expect({ field: field.name, codes: response.errors?.map((error) => error.extensions?.code) }).toEqual({
          field: field.name,
          codes: ['FORBIDDEN'],
        });
        expect(response.data ?? null).toBeNull();
        refused.push(field.name);
      }
    }
    expect(refused).toEqual(
      expect.arrayContaining([
        'contracts',
        'escalations',
        'reviews',
        'logIncident',
        'recordServiceCoordinatorNotification',
        'linkSupplierTicket',
        'raiseEscalation',
      ]),
    );
    const after = await server.gql(
      '{ incidents(first: 100) { edges { node { id status serviceCoordinatorNotified supplierRef } } } }',
      {},
      coordinator,
    );
    expect(after.data).toEqual(before.data);
  });

  it("keeps a trust's own view to its own incidents, all severities", async () => {
    const rx1 = await server.token('RX1', Role.VIEWER);
    const own = await server.gql('{ incidents(first: 100) { edges { node { summary organisation { odsCode } } } } }', {}, rx1);
    expect(
      new Set(own.data.incidents.edges.map((e: { node: { organisation: { odsCode: unknown } } }) => e.node.organisation.odsCode)),
    ).toEqual(new Set(['RX1']));
    expect(own.data.incidents.edges.map((e: { node: { summary: unknown } }) => e.node.summary)).toContain('RX1 severity 3');
    expect(errorCode(await server.gql('query($id: ID!) { incident(id: $id) { id } }', { id: incidentIds['RX2-1'] }, rx1))).toBe(
      'NOT_FOUND',
    );
  });
});
