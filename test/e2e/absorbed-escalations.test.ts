import { Role } from '../../src/auth/roles';
import { ingest, supplierId } from '../support/feeds';
import { errorCode, startTestServer, type TestServer } from '../support/test-server';

const iso = (millis: number) => new Date(millis).toISOString();
const nodes = <T>(connection: { edges: { node: T }[] }) => connection.edges.map((edge) => edge.node);

const RAISE = 'mutation($input: RaiseEscalationInput!) { raiseEscalation(input: $input) { id incident { id } } }';
const ESCALATIONS_OF =
  'query($incident: ID!) { escalations(first: 10, filter: { incidentId: $incident }) ' +
  '{ totalCount edges { node { id summary incident { id supplierRef } } } } }';

/**
 * A consumer escalates the supplier's ticket as the feed brought it in, then logs the incident
 * themselves and joins it to that ticket: the feed's copy is folded into the consumer's record
 * (IncidentService.absorb), and the escalation follows it (EscalationService.incidentAbsorbed,
 * registered in src/services.ts).
 */
describe('escalations of an incident folded into the consumer’s record', () => {
  let server: TestServer;
  let manager: string;

  beforeAll(async () => {
    server = await startTestServer();
    manager = await server.token('RX1', Role.CONTRACT_MANAGER);
  });

  afterAll(() => server.stop());

  it("are listed under the consumer's incident once it takes the supplier's ticket, and the feed's copy is gone", async () => {
    const pdn = await supplierId(server, manager, 'PDN00001');
    const services = (
      await server.gql(
        'query($s: ID!) { services(first: 10, filter: { supplierId: $s, status: [ACTIVE] }) { edges { node { id reference organisation { odsCode } } } } }',
        { s: pdn },
        manager,
      )
    ).data.services;
    const service = nodes<{ id: string; reference: string; organisation: { odsCode: string } }>(services).find(
      (s) => s.organisation.odsCode === 'RX1',
    )!;
    const contact = (
      await server.gql(
        'mutation { createContact(input: { name: "Northshire IT duty desk", email: "itduty@northshire.example" }) { id } }',
        {},
        manager,
      )
    ).data.createContact.id;

    // the supplier's feed brings ticket PDN-ESC-1 in as an incident of its own
    const opened = Date.now() - 5 * 3_600_000;
    const csv = [
      'ticket_reference,service_reference,severity,status,summary,opened_at,acknowledged_at,resolved_at,sc_notified,sc_notified_at,status_history',
      `PDN-ESC-1,${service.reference},2,In Progress,Packet loss on the WAN,${iso(opened)},${iso(opened + 10 * 60_000)},,,,` +
        `${iso(opened + 10 * 60_000)} IN_PROGRESS`,
    ].join('\n');
    const run = await ingest(server, manager, { supplierId: pdn, kind: 'INCIDENT', format: 'CSV', document: csv });
    expect(run.data.ingestFeed).toMatchObject({ rowsAccepted: 1, rowsRejected: 0 });
    const incidents = (await server.gql('{ incidents(first: 100) { edges { node { id supplierRef origin } } } }', {}, manager)).data
      .incidents;
    const feedIncident = nodes<{ id: string; supplierRef: string | null; origin: string }>(incidents).find(
      (n) => n.supplierRef === 'PDN-ESC-1',
    )!;
    expect(feedIncident.origin).toBe('SUPPLIER_FEED');

    // the consumer escalates the supplier's ticket
    const raised = await server.gql(
      RAISE,
      {
        input: {
          kind: 'ESCALATION',
          supplierId: pdn,
          incidentId: feedIncident.id,
          summary: 'No update on PDN-ESC-1 for four hours',
          updateIntervalHours: 4,
        },
      },
      manager,
    );
    expect(raised.errors).toBeUndefined();
    const escalation = raised.data.raiseEscalation;
    expect(escalation.incident).toEqual({ id: feedIncident.id });

    // then logs the incident with the HSCN minimum data set and joins it to the supplier's ticket
    const logged = (
      await server.gql(
        'mutation($input: LogIncidentInput!) { logIncident(input: $input) { id } }',
        {
          input: {
            serviceId: service.id,
            severity: 2,
            summary: 'Intermittent WAN at Northshire General',
            occurredAt: iso(opened - 5 * 60_000),
            impact: 'EPR slow',
            customerImpact: 'Clinics delayed',
            stepsTaken: 'Router restarted',
            updatesContactId: contact,
          },
        },
        manager,
      )
    ).data.logIncident;
    const linked = await server.gql(
      'mutation($id: ID!) { linkSupplierTicket(input: { incidentId: $id, supplierRef: "PDN-ESC-1" }) { id origin supplierRef } }',
      { id: logged.id },
      manager,
    );
    expect(linked.errors).toBeUndefined();
    expect(linked.data.linkSupplierTicket).toEqual({ id: logged.id, origin: 'CONSUMER', supplierRef: 'PDN-ESC-1' });

    // the escalation is listed under the consumer's incident, and names it
    const underConsumer = (await server.gql(ESCALATIONS_OF, { incident: logged.id }, manager)).data.escalations;
    expect(underConsumer.totalCount).toBe(1);
    expect(underConsumer.edges[0].node).toEqual({
      id: escalation.id,
      summary: 'No update on PDN-ESC-1 for four hours',
      incident: { id: logged.id, supplierRef: 'PDN-ESC-1' },
    });
    const reread = await server.gql('query($id: ID!) { escalation(id: $id) { incident { id } } }', { id: escalation.id }, manager);
    expect(reread.data.escalation.incident).toEqual({ id: logged.id });

    // the feed-created incident is gone, and nothing names it any more
    expect(errorCode(await server.gql('query($id: ID!) { incident(id: $id) { id } }', { id: feedIncident.id }, manager))).toBe('NOT_FOUND');
    expect((await server.gql(ESCALATIONS_OF, { incident: feedIncident.id }, manager)).data.escalations.totalCount).toBe(0);
  });
});
