import { Role } from '../../src/auth/roles';
import { Escalation } from '../../src/escalations/escalation.entity';
import { parseGlobalId } from '../../src/common/global-id';
import { supplierId } from '../support/feeds';
import { errorCode, startTestServer, type GraphqlResponse, type TestServer } from '../support/test-server';

const RAISE =
  'mutation($input: RaiseEscalationInput!) { raiseEscalation(input: $input) { id kind level status raisedBy updateIntervalHours ' +
  'nextUpdateDueAt organisation { odsCode } levelHistory { fromLevel toLevel reason changedBy } } }';
const UPDATE =
  'mutation($input: RecordEscalationUpdateInput!) { recordEscalationUpdate(input: $input) { lastUpdateAt nextUpdateDueAt updates { givenBy ' +
  'givenAt text recordedBy } } }';
const ESCALATE =
  'mutation($input: EscalateInput!) { escalate(input: $input) { level levelHistory { fromLevel toLevel reason obligation changedBy } } }';
const CLOSE =
  'mutation($id: ID!) { closeEscalation(input: { escalationId: $id, resolution: "Root cause fixed; credits agreed" }) { status closedBy ' +
  'closureAgreedBy resolution nextUpdateDueAt } }';
const AGREE = 'mutation($id: ID!) { agreeEscalationClosure(id: $id) { closureAgreedBy closureAgreedAt } }';

const code = (response: GraphqlResponse) => [
  errorCode(response),
  response.errors?.[0]?.extensions?.reason ?? response.errors?.[0]?.extensions?.field,
];
const dbId = (id: string) => parseGlobalId(id)!.id;

describe('escalations and complaints', () => {
  let server: TestServer;
  let raiser: string;
  let colleague: string;
  let admin: string;
  let pdn: string;
  let albion: string;
  let contract: string;

  beforeAll(async () => {
    server = await startTestServer();
    raiser = await server.token('RX1', Role.CONTRACT_MANAGER);
    colleague = await server.token('RX1', Role.ADMIN, Role.CONTRACT_MANAGER);
    admin = colleague;
    pdn = await supplierId(server, raiser, 'PDN00001');
    albion = await supplierId(server, raiser, 'ALBC0002');
    contract = (await server.gql('{ contracts(filter: { search: "RX1-HSCN-2023-01" }) { edges { node { id } } } }', {}, raiser)).data
      .contracts.edges[0].node.id;
  });

  afterAll(() => server.stop());

  const raise = async (extra: Record<string, unknown> = {}, token = raiser) => {
    const response = await server.gql(
      RAISE,
      {
        input: {
          kind: 'ESCALATION',
          supplierId: pdn,
          contractId: contract,
          summary: 'Repeated outages at Northshire General',
          updateIntervalHours: 4,
          ...extra,
        },
      },
      token,
    );
    expect(response.errors).toBeUndefined();
    return response.data.raiseEscalation;
  };

  it('is raised against a supplier and contract at the service desk, with the raise recorded', async () => {
    const escalation = await raise();
    expect(escalation).toMatchObject({
      kind: 'ESCALATION',
      level: 'CNSP_SERVICE_DESK',
      status: 'OPEN',
      raisedBy: 'test.contract_manager@rx1',
      updateIntervalHours: 4,
      organisation: { odsCode: 'RX1' },
    });
    expect(escalation.levelHistory).toEqual([
      { fromLevel: null, toLevel: 'CNSP_SERVICE_DESK', reason: 'Raised at CNSP_SERVICE_DESK', changedBy: 'test.contract_manager@rx1' },
    ]);
    const csu = await server.token('0CX', Role.CONTRACT_MANAGER);
    const rx1 = (await server.gql('{ organisations { edges { node { id odsCode } } } }', {}, csu)).data.organisations.edges.find(
      (e: { node: { odsCode: unknown } }) => e.node.odsCode === 'RX1',
    ).node.id;
    const forTrust = await server.gql(
      RAISE,
      { input: { kind: 'COMPLAINT', supplierId: pdn, organisationId: rx1, summary: 'Billing queries ignored', updateIntervalHours: 48 } },
      csu,
    );
    expect(forTrust.data.raiseEscalation).toMatchObject({
      kind: 'COMPLAINT',
      organisation: { odsCode: 'RX1' },
      raisedBy: 'test.contract_manager@0cx',
    });
  });

  it('refuses a bad raise, naming the field, and saves nothing', async () => {
    const before = (await server.gql('{ escalations { totalCount } }', {}, raiser)).data.escalations.totalCount;
    const base = { kind: 'ESCALATION', supplierId: pdn, contractId: contract, summary: 'x', updateIntervalHours: 4 };
    expect(code(await server.gql(RAISE, { input: { ...base, supplierId: albion } }, raiser))).toEqual([
      'BAD_USER_INPUT',
      'SUPPLIER_MISMATCH',
    ]);
    expect(code(await server.gql(RAISE, { input: { ...base, updateIntervalHours: 0 } }, raiser))[0]).toBe('BAD_USER_INPUT');
    expect(code(await server.gql(RAISE, { input: { ...base, summary: '  ' } }, raiser))).toEqual(['BAD_USER_INPUT', 'BLANK']);
    expect(code(await server.gql(RAISE, { input: { ...base, level: 'SERVICE_COORDINATOR' } }, raiser))).toEqual([
      'BAD_USER_INPUT',
      'ESCALATE_TO_COORDINATOR',
    ]);
    expect(errorCode(await server.gql(RAISE, { input: base }, await server.token('RX1', Role.VIEWER)))).toBe('FORBIDDEN');
    expect((await server.gql('{ escalations { totalCount } }', {}, raiser)).data.escalations.totalCount).toBe(before);
  });

  it('lists those with no update within the agreed interval, until an update arrives', async () => {
    const escalation = await raise({ summary: 'Waiting on an RCA' });
    const OVERDUE = '{ escalationsOverdueForUpdate { id minutesOverdueForUpdate } }';
    expect((await server.gql(OVERDUE, {}, raiser)).data.escalationsOverdueForUpdate.map((e: { id: unknown }) => e.id)).not.toContain(
      escalation.id,
    );
    const raisedAt = new Date(Date.now() - 6 * 3_600_000);
    await server.db.dataSource
      .getRepository(Escalation)
      .update(
        { id: dbId(escalation.id) },
        { raisedAt, lastUpdateAt: raisedAt, nextUpdateDueAt: new Date(raisedAt.getTime() + 4 * 3_600_000) },
      );
    const overdue = (await server.gql(OVERDUE, {}, raiser)).data.escalationsOverdueForUpdate.find(
      (e: { id: unknown }) => e.id === escalation.id,
    );
    expect(overdue.minutesOverdueForUpdate).toBeGreaterThanOrEqual(119);

    const givenAt = new Date(Date.now() - 30 * 60_000).toISOString();
    const updated = await server.gql(
      UPDATE,
      { input: { escalationId: escalation.id, givenBy: 'PDN service manager', givenAt, text: 'RCA due Friday' } },
      raiser,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data.recordEscalationUpdate).toEqual({
      lastUpdateAt: givenAt,
      nextUpdateDueAt: new Date(Date.parse(givenAt) + 4 * 3_600_000).toISOString(),
      updates: [{ givenBy: 'PDN service manager', givenAt, text: 'RCA due Friday', recordedBy: 'test.contract_manager@rx1' }],
    });
    expect((await server.gql(OVERDUE, {}, raiser)).data.escalationsOverdueForUpdate.map((e: { id: unknown }) => e.id)).not.toContain(
      escalation.id,
    );
    const future = await server.gql(
      UPDATE,
      { input: { escalationId: escalation.id, givenBy: 'x', givenAt: new Date(Date.now() + 86_400_000).toISOString(), text: 'x' } },
      raiser,
    );
    expect(code(future)).toEqual(['BAD_USER_INPUT', 'IN_FUTURE']);
  });

  it('moves up the levels with the reason recorded; the Service Co-ordinator only for a named obligation', async () => {
    const escalation = await raise({ summary: 'Severity 1 resolved in 9 hours' });
    const up = await server.gql(ESCALATE, { input: { escalationId: escalation.id, reason: 'Service desk not responding' } }, raiser);
    expect(up.data.escalate.level).toBe('CNSP_SERVICE_MANAGER');
    const noObligation = await server.gql(ESCALATE, { input: { escalationId: escalation.id, reason: 'Still no fix' } }, raiser);
    expect(code(noObligation)).toEqual(['BAD_USER_INPUT', 'OBLIGATION_REQUIRED']);
    const sc = await server.gql(
      ESCALATE,
      {
        input: {
          escalationId: escalation.id,
          to: 'SERVICE_COORDINATOR',
          reason: 'Still no fix',
          obligation: 'Severity 1 resolution within 5 hours',
        },
      },
      colleague,
    );
    expect(sc.errors).toBeUndefined();
    expect(sc.data.escalate.levelHistory.slice(1)).toEqual([
      {
        fromLevel: 'CNSP_SERVICE_DESK',
        toLevel: 'CNSP_SERVICE_MANAGER',
        reason: 'Service desk not responding',
        obligation: null,
        changedBy: 'test.contract_manager@rx1',
      },
      {
        fromLevel: 'CNSP_SERVICE_MANAGER',
        toLevel: 'SERVICE_COORDINATOR',
        reason: 'Still no fix',
        obligation: 'Severity 1 resolution within 5 hours',
        changedBy: 'test.admin@rx1',
      },
    ]);
    expect(code(await server.gql(ESCALATE, { input: { escalationId: escalation.id, reason: 'x' } }, raiser))).toEqual([
      'CONFLICT',
      'INVALID_ESCALATION_LEVEL',
    ]);
    const down = await raise();
    await server.gql(ESCALATE, { input: { escalationId: down.id, reason: 'x' } }, raiser);
    expect(code(await server.gql(ESCALATE, { input: { escalationId: down.id, to: 'CNSP_SERVICE_DESK', reason: 'x' } }, raiser))).toEqual([
      'CONFLICT',
      'INVALID_ESCALATION_LEVEL',
    ]);
  });

  it("closes only with the raiser's agreement", async () => {
    const escalation = await raise({ summary: 'Closure rules' });
    expect(code(await server.gql(CLOSE, { id: escalation.id }, colleague))).toEqual(['CONFLICT', 'RAISER_AGREEMENT_REQUIRED']);
    expect(code(await server.gql(AGREE, { id: escalation.id }, colleague))).toEqual(['CONFLICT', 'NOT_RAISER']);
    const csu = await server.token('0CX', Role.CONTRACT_MANAGER);
    expect(code(await server.gql(CLOSE, { id: escalation.id }, csu))).toEqual(['CONFLICT', 'RAISER_AGREEMENT_REQUIRED']);
    expect(
      (await server.gql('query($id: ID!) { escalation(id: $id) { status closureAgreedAt } }', { id: escalation.id }, raiser)).data
        .escalation,
    ).toEqual({ status: 'OPEN', closureAgreedAt: null });

    const agreed = await server.gql(AGREE, { id: escalation.id }, raiser);
    expect(agreed.data.agreeEscalationClosure.closureAgreedBy).toBe('test.contract_manager@rx1');
    const closed = await server.gql(CLOSE, { id: escalation.id }, colleague);
    expect(closed.data.closeEscalation).toEqual({
      status: 'CLOSED',
      closedBy: 'test.admin@rx1',
      closureAgreedBy: 'test.contract_manager@rx1',
      resolution: 'Root cause fixed; credits agreed',
      nextUpdateDueAt: null,
    });
    expect(code(await server.gql(UPDATE, { input: { escalationId: escalation.id, givenBy: 'x', text: 'x' } }, raiser))).toEqual([
      'CONFLICT',
      'ESCALATION_CLOSED',
    ]);

    const own = await raise({ summary: 'Raiser closes' });
    const byRaiser = await server.gql(CLOSE, { id: own.id }, raiser);
    expect(byRaiser.data.closeEscalation).toMatchObject({
      status: 'CLOSED',
      closedBy: 'test.contract_manager@rx1',
      closureAgreedBy: 'test.contract_manager@rx1',
    });
  });

  it('is kept two years after closure: deleting before is refused, after is allowed', async () => {
    const escalation = await raise({ summary: 'Retention' });
    await server.gql(CLOSE, { id: escalation.id }, raiser);
    const DELETE = 'mutation($id: ID!) { deleteEscalation(id: $id) }';
    expect(code(await server.gql(DELETE, { id: escalation.id }, admin))).toEqual(['CONFLICT', 'RETENTION_PERIOD']);
    expect(errorCode(await server.gql(DELETE, { id: escalation.id }, raiser))).toBe('FORBIDDEN');

    const repository = server.db.dataSource.getRepository(Escalation);
    const closedAt = (days: number) => {
      const at = new Date();
      at.setUTCFullYear(at.getUTCFullYear() - 2);
      at.setUTCDate(at.getUTCDate() + days);
      return at;
    };
    await repository.update({ id: dbId(escalation.id) }, { raisedAt: closedAt(-30), closedAt: closedAt(1) });
    expect(code(await server.gql(DELETE, { id: escalation.id }, admin))).toEqual(['CONFLICT', 'RETENTION_PERIOD']);
    const kept = await server.gql('query($id: ID!) { escalation(id: $id) { retainedUntil } }', { id: escalation.id }, raiser);
    expect(Date.parse(kept.data.escalation.retainedUntil)).toBeGreaterThan(Date.now());

    await repository.update({ id: dbId(escalation.id) }, { closedAt: closedAt(-1) });
    const deleted = await server.gql(DELETE, { id: escalation.id }, admin);
    expect(deleted.data).toEqual({ deleteEscalation: true });
    expect(errorCode(await server.gql('query($id: ID!) { escalation(id: $id) { id } }', { id: escalation.id }, raiser))).toBe('NOT_FOUND');

    // never closed: kept two years from the raise
    const open = await raise({ summary: 'Open and old' });
    await repository.update({ id: dbId(open.id) }, { raisedAt: closedAt(3) });
    expect(code(await server.gql(DELETE, { id: open.id }, admin))).toEqual(['CONFLICT', 'RETENTION_PERIOD']);
  });

  it('costs the same number of statements for a page of 2 and of 12, with their updates and levels', async () => {
    while ((await server.gql('{ escalations { totalCount } }', {}, raiser)).data.escalations.totalCount < 12) {
      const escalation = await raise({ summary: 'Filler' });
      await server.gql(UPDATE, { input: { escalationId: escalation.id, givenBy: 'PDN', text: 'Looking into it' } }, raiser);
    }
    const LIST =
      'query($n: Int!) { escalations(first: $n) { edges { node { id supplier { name } contract { reference } organisation { odsCode } ' +
      'incident { id } updates { text } levelHistory { toLevel } } } } }';
    const small = await server.countStatements(() => server.gql(LIST, { n: 2 }, raiser));
    const large = await server.countStatements(() => server.gql(LIST, { n: 12 }, raiser));
    expect(large).toBe(small);
  });
});
