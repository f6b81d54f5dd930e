import { Role } from '../../src/auth/roles';
import { Incident } from '../../src/incidents/incident.entity';
import { ingest, supplierId } from '../support/feeds';
import { errorCode, startTestServer, type GraphqlResponse, type TestServer } from '../support/test-server';

const LOG =
  `mutation($input: LogIncidentInput!) { logIncident(input: $input) { id origin status severity summary occurredAt impact customerImpact ` +
  `workaround stepsTaken
  loggedBy supplierRef updatesContact { name } relatedIncidents { id } statusHistory { status reason } } }`;
const INCIDENT =
  `query($id: ID!) { incident(id: $id) { id origin status severity summary impact customerImpact workaround stepsTaken supplierRef ` +
  `supplierTicketLinkedBy
  openedAt acknowledgedAt updatesContact { name } statusHistory { status } } }`;

const field = (response: GraphqlResponse) => response.errors?.[0]?.extensions?.field;
const reason = (response: GraphqlResponse) => response.errors?.[0]?.extensions?.reason;
const iso = (millis: number) => new Date(millis).toISOString();

describe('incidents logged by consumers', () => {
  let server: TestServer;
  let manager: string;
  let pdn: string;
  let services: { id: string; reference: string }[];
  let contactId: string;
  let silentContactId: string;
  let base: Record<string, unknown>;

  beforeAll(async () => {
    server = await startTestServer();
    manager = await server.token('RX1', Role.CONTRACT_MANAGER);
    pdn = await supplierId(server, manager, 'PDN00001');
    services = (
      await server.gql(
        'query($s: ID!) { services(first: 10, filter: { supplierId: $s, status: [ACTIVE] }) { edges { node { id reference organisation { odsCode } } } } }',
        { s: pdn },
        manager,
      )
    ).data.services.edges
      .map((e: { node: unknown }) => e.node)
      .filter((s: { organisation: { odsCode: unknown } }) => s.organisation.odsCode === 'RX1');
    contactId = (
      await server.gql(
        'mutation { createContact(input: { name: "Northshire IT duty desk", email: "itduty@northshire.example", phone: "0113 496 0001" }) { id } }',
        {},
        manager,
      )
    ).data.createContact.id;
    silentContactId = (await server.gql('mutation { createContact(input: { name: "Nobody reachable" }) { id } }', {}, manager)).data
      .createContact.id;
    base = {
      serviceId: services[0].id,
      severity: 1,
      summary: 'Total loss of service at Northshire General',
      occurredAt: iso(Date.now() - 20 * 60_000),
      impact: 'WAN down: PAS, EPR and telephony unavailable',
      customerImpact: 'Outpatient clinics on paper',
      workaround: '4G hotspots for the EPR',
      stepsTaken: 'Router power-cycled; no light on the NTE',
      updatesContactId: contactId,
    };
  });

  afterAll(() => server.stop());

  it('records the HSCN minimum data set, and who logged it', async () => {
    const earlier = await server.gql(LOG, { input: { ...base, severity: 3, summary: 'Slow DNS' } }, manager);
    const response = await server.gql(LOG, { input: { ...base, relatedIncidentIds: [earlier.data.logIncident.id] } }, manager);
    expect(response.errors).toBeUndefined();
    expect(response.data.logIncident).toMatchObject({
      origin: 'CONSUMER',
      status: 'NEW',
      severity: 1,
      impact: base.impact,
      customerImpact: base.customerImpact,
      workaround: base.workaround,
      stepsTaken: base.stepsTaken,
      occurredAt: base.occurredAt,
      loggedBy: 'test.contract_manager@rx1',
      supplierRef: null,
      updatesContact: { name: 'Northshire IT duty desk' },
      relatedIncidents: [{ id: earlier.data.logIncident.id }],
      statusHistory: [{ status: 'NEW', reason: 'Logged by test.contract_manager@rx1' }],
    });
  });

  it('refuses an incomplete or impossible data set, naming the field, and writes nothing', async () => {
    const count = async () => (await server.gql('{ incidents { totalCount } }', {}, manager)).data.incidents.totalCount;
    const before = await count();
    const cases: [Record<string, unknown>, string, string | undefined][] = [
      [{ impact: '   ' }, 'input.impact', 'BLANK'],
      [{ stepsTaken: ' ' }, 'input.stepsTaken', 'BLANK'],
      [{ severity: 6 }, 'input.severity', 'OUT_OF_RANGE'],
      [{ occurredAt: iso(Date.now() + 86_400_000) }, 'input.occurredAt', 'IN_FUTURE'],
      [{ updatesContactId: silentContactId }, 'input.updatesContactId', 'UNREACHABLE_CONTACT'],
      [{ serviceId: contactId }, 'input.serviceId', 'INVALID_ID'],
    ];
    for (const [change, name, why] of cases) {
      const response = await server.gql(LOG, { input: { ...base, ...change } }, manager);
      expect({ name, code: errorCode(response), field: field(response), reason: reason(response) }).toEqual({
        name,
        code: 'BAD_USER_INPUT',
        field: name,
        reason: why,
      });
    }
    expect(errorCode(await server.gql(LOG, { input: base }, await server.token('RX1', Role.VIEWER)))).toBe('FORBIDDEN');
    expect(await count()).toBe(before);
  });

  it("becomes one incident with the supplier's ticket when the feed sends it, keeping the consumer's data set", async () => {
    const logged = (await server.gql(LOG, { input: { ...base, serviceId: services[1].id, summary: 'Site B down' } }, manager)).data
      .logIncident;
    const before = (await server.gql('{ incidents { totalCount } }', {}, manager)).data.incidents.totalCount;
    const opened = Date.now() - 30 * 60_000;
    const far = Date.now() - 5 * 3_600_000;
    const csv = [
      'ticket_reference,service_reference,severity,status,summary,opened_at,acknowledged_at,resolved_at,sc_notified,sc_notified_at,status_history',
      `PDN-NEAR-1,${services[1].reference},1,In Progress,Loss of ` +
        `service,${iso(opened)},${iso(opened + 10 * 60_000)},,,,${iso(opened + 10 * 60_000)} IN_PROGRESS`,
      `PDN-FAR-1,${services[1].reference},2,In Progress,Earlier fault,${iso(far)},${iso(far + 10 * 60_000)},,,,${iso(far + 10 * 60_000)} IN_PROGRESS`,
    ].join('\n');
    const run = await ingest(server, manager, { supplierId: pdn, kind: 'INCIDENT', format: 'CSV', document: csv });
    expect(run.data.ingestFeed).toMatchObject({ rowsAccepted: 2, rowsRejected: 0 });
    // the near ticket joined the logged incident; the far one (five hours earlier) is an incident of its own
    expect((await server.gql('{ incidents { totalCount } }', {}, manager)).data.incidents.totalCount).toBe(before + 1);
    const joined = (await server.gql(INCIDENT, { id: logged.id }, manager)).data.incident;
    expect(joined).toMatchObject({
      origin: 'CONSUMER',
      supplierRef: 'PDN-NEAR-1',
      supplierTicketLinkedBy: 'feed',
      status: 'IN_PROGRESS',
      summary: 'Site B down',
      impact: base.impact,
      customerImpact: base.customerImpact,
      stepsTaken: base.stepsTaken,
      updatesContact: { name: 'Northshire IT duty desk' },
      openedAt: iso(opened),
      acknowledgedAt: iso(opened + 10 * 60_000),
    });
    // the supplier was working on it ten minutes after its ticket opened, before the consumer logged it
    expect(joined.statusHistory.map((h: { status: unknown }) => h.status)).toEqual(['IN_PROGRESS', 'NEW']);

    // sent again, nothing changes and nothing is duplicated
    const again = await ingest(server, manager, { supplierId: pdn, kind: 'INCIDENT', format: 'CSV', document: csv });
    expect(again.data.ingestFeed).toMatchObject({ rowsAccepted: 0, rowsUnchanged: 2 });
    expect((await server.gql('{ incidents { totalCount } }', {}, manager)).data.incidents.totalCount).toBe(before + 1);
  });

  it("takes the supplier's ticket by hand, folding in the feed's copy of it so that one incident remains", async () => {
    const far = (
      await server.gql('{ incidents(first: 100) { edges { node { id supplierRef origin } } } }', {}, manager)
    ).data.incidents.edges
      .map((e: { node: unknown }) => e.node)
      .find((n: { supplierRef: unknown }) => n.supplierRef === 'PDN-FAR-1');
    expect(far.origin).toBe('SUPPLIER_FEED');
    const logged = (
      await server.gql(LOG, { input: { ...base, serviceId: services[1].id, severity: 2, summary: 'Earlier fault at Site B' } }, manager)
    ).data.logIncident;
    const before = (await server.gql('{ incidents { totalCount } }', {}, manager)).data.incidents.totalCount;

    const refused = await server.gql(
      'mutation($id: ID!) { linkSupplierTicket(input: { incidentId: $id, supplierRef: "PDN-FAR-2" }) { id } }',
      { id: far.id },
      manager,
    );
    expect([errorCode(refused), reason(refused)]).toEqual(['CONFLICT', 'NOT_CONSUMER_LOGGED']);

    const linked = await server.gql(
      'mutation($id: ID!) { linkSupplierTicket(input: { incidentId: $id, supplierRef: " PDN-FAR-1 " }) { id supplierRef ' +
        'supplierTicketLinkedBy status summary impact statusHistory { status } } }',
      { id: logged.id },
      manager,
    );
    expect(linked.errors).toBeUndefined();
    expect(linked.data.linkSupplierTicket).toMatchObject({
      id: logged.id,
      supplierRef: 'PDN-FAR-1',
      supplierTicketLinkedBy: 'test.contract_manager@rx1',
      status: 'IN_PROGRESS',
      summary: 'Earlier fault at Site B',
      impact: base.impact,
    });
    expect(linked.data.linkSupplierTicket.statusHistory.map((h: { status: unknown }) => h.status)).toEqual(['IN_PROGRESS', 'NEW']);
    expect((await server.gql('{ incidents { totalCount } }', {}, manager)).data.incidents.totalCount).toBe(before - 1);
    expect(errorCode(await server.gql(INCIDENT, { id: far.id }, manager))).toBe('NOT_FOUND');

    const relink = await server.gql(
      'mutation($id: ID!) { linkSupplierTicket(input: { incidentId: $id, supplierRef: "PDN-OTHER" }) { id } }',
      { id: logged.id },
      manager,
    );
    expect([errorCode(relink), reason(relink)]).toEqual(['CONFLICT', 'SUPPLIER_TICKET_ALREADY_LINKED']);
  });

  it('records the Service Co-ordinator notification of Severity 1 incidents and lists those without one', async () => {
    const sev1 = (await server.gql(LOG, { input: { ...base, summary: 'Unnotified outage' } }, manager)).data.logIncident;
    const sev2 = (await server.gql(LOG, { input: { ...base, severity: 2, summary: 'Degraded' } }, manager)).data.logIncident;
    await server.db.dataSource
      .getRepository(Incident)
      .update({ id: Number(Buffer.from(sev1.id, 'base64url').toString().split(':')[1]) }, { openedAt: new Date(Date.now() - 90 * 60_000) });
    const LIST = '{ severityOneWithoutNotification { minutesSinceOpened incident { id summary } } }';
    const listed = (await server.gql(LIST, {}, manager)).data.severityOneWithoutNotification.find(
      (row: { incident: { id: unknown } }) => row.incident.id === sev1.id,
    );
    expect(listed.minutesSinceOpened).toBeGreaterThanOrEqual(90);
    expect(listed.minutesSinceOpened).toBeLessThan(24 * 60);

    const RECORD =
      'mutation($input: ServiceCoordinatorNotificationInput!) { recordServiceCoordinatorNotification(input: $input) { ' +
      'serviceCoordinatorNotified serviceCoordinatorNotifiedAt serviceCoordinatorNotificationRecordedBy } }';
    const notSev1 = await server.gql(
      RECORD,
      { input: { incidentId: sev2.id, notified: true, notifiedAt: iso(Date.now() - 60_000) } },
      manager,
    );
    expect([errorCode(notSev1), reason(notSev1)]).toEqual(['CONFLICT', 'NOT_SEVERITY_ONE']);
    const noTime = await server.gql(RECORD, { input: { incidentId: sev1.id, notified: true } }, manager);
    expect([errorCode(noTime), field(noTime)]).toEqual(['BAD_USER_INPUT', 'input.notifiedAt']);
    const notifiedAt = iso(Date.now() - 60 * 60_000);
    const recorded = await server.gql(RECORD, { input: { incidentId: sev1.id, notified: true, notifiedAt } }, manager);
    expect(recorded.data.recordServiceCoordinatorNotification).toEqual({
      serviceCoordinatorNotified: true,
      serviceCoordinatorNotifiedAt: notifiedAt,
      serviceCoordinatorNotificationRecordedBy: 'test.contract_manager@rx1',
    });
    expect(
      (await server.gql(LIST, {}, manager)).data.severityOneWithoutNotification.map(
        (row: { incident: { id: unknown } }) => row.incident.id,
      ),
    ).not.toContain(sev1.id);
    // reported as not made: listed again
    await server.gql(RECORD, { input: { incidentId: sev1.id, notified: false } }, manager);
    expect(
      (await server.gql(LIST, {}, manager)).data.severityOneWithoutNotification.map(
        (row: { incident: { id: unknown } }) => row.incident.id,
      ),
    ).toContain(sev1.id);
  });
});
