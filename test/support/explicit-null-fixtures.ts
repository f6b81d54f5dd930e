import { DateTime } from 'luxon';
import { Role } from '../../src/auth/roles';
import { DEFAULT_BUSINESS_CALENDAR } from '../../src/contracts/contract-lifecycle';
import { parseMoney } from '../../src/common/money';
import { ingest, supplierId } from './feeds';
import { invoiceCsv } from './invoices';
import type { GraphqlResponse, TestServer, UncheckedData } from './test-server';

/** How test/e2e/explicit-null.test.ts tries one mutation on a real record. */
export interface Fixture {
  /** fresh arguments that succeed as they are, with the clearable fields given values where the mutation allows */
  variables(): Promise<Record<string, unknown>>;
  /** who calls the mutation, when not the tenant's user who holds every role */
  readonly token?: string;
  /** the mutation changes a record that exists (the same one each time): a field left out must keep its value */
  readonly update?: boolean;
  /** the field of the answer that holds the record, e.g. `subscription` */
  readonly within?: string;
  /** more of the record to select, for `reads` */
  readonly select?: string;
  /** how to read what was stored for a field given null; null where the answer cannot show it (say why) */
  readonly reads?: Record<string, ((record: UncheckedData) => unknown) | null>;
  /** clearable fields that a rule of the domain refuses to leave empty in this record, and the error that says so */
  readonly refused?: Record<string, { reason: string; field?: string }>;
  /** what none means for a field, when it is not null */
  readonly clearedTo?: Record<string, unknown>;
}

export type Fixtures = Record<string, Fixture>;

/**
 * The mutations whose fixtures change a record that exists (`update`), named here as well so
 * that the test can tell, before the fixtures are made, which of them to try leaving fields out on.
 */
export const UPDATE_MUTATIONS: readonly string[] = [
  'setBillingPolicy',
  'setCreditPolicy',
  'setSlaTerm',
  'updateContact',
  'updateContract',
  'updateIpAllocation',
  'updateService',
  'updateSite',
  'updateSupplier',
  'updateWebhookSubscription',
];

/** Days of last month, so that every date is in the past whatever today is. */
const lastMonth = DateTime.now().setZone('Europe/London').startOf('month').minus({ months: 1 });
const day = (n: number) => lastMonth.set({ day: n }).toISODate()!;

/**
 * The records the fixtures work on, at RX1, made through the API as a client would: `token`
 * holds every role a user at RX1 can hold, `catalogue` may change the national supplier
 * catalogue.
 */
export async function setUp(server: TestServer, token: string, catalogue: string): Promise<Fixtures> {
  let serial = 0;
  const next = () => ++serial;
  const ok = async (query: string, variables: Record<string, unknown> = {}, as = token) => {
    const response: GraphqlResponse = await server.gql(query, variables, as);
    if (response.errors) throw new Error(`fixture set-up failed: ${JSON.stringify(response.errors)}\n${query}`);
    return Object.values(response.data as Record<string, UncheckedData>)[0];
  };

  const organisation = (await ok('{ me { organisation { id } } }')).organisation.id as string;
  const pdn = await supplierId(server, token, 'PDN00001');
  const contract = (await ok('{ contracts(filter: { search: "RX1-HSCN-2023-01" }) { edges { node { id } } } }')).edges[0].node.id as string;
  const sites = (await ok('{ sites(first: 100) { edges { node { id odsCode } } } }')).edges
    .map((e: { node: unknown }) => e.node)
    .filter((s: { odsCode: string }) => s.odsCode.startsWith('RX1'));
  const site = sites[0].id as string;

  const newContact = async () =>
    (
      await ok('mutation($n: String!) { createContact(input: { name: $n, email: "caretaker@northshire.example" }) { id } }', {
        n: `Caretaker ${next()}`,
      })
    ).id as string;
  const contact = await newContact();
  const newSite = async () =>
    (
      await ok(
        'mutation($o: String!) { createSite(input: { odsCode: $o, name: "Null Lane Clinic", addressLine1: "1 Null Lane", town: "Leeds", ' +
          'postcode: "LS1 4AP" }) { id } }',
        { o: `NUL${next()}` },
      )
    ).id as string;
  // a calendar of the organisation's own, so that clearing one (back to the default) shows
  const calendar = (
    await ok(
      'mutation { defineServiceCalendar(input: { name: "Clinic hours", windows: [{ weekday: 1, from: "08:00", to: "18:00" }] }) { name } }',
    )
  ).name as string;
  const contractInput = () => ({
    supplierId: pdn,
    reference: `NULL-${next()}`,
    title: 'Explicit null',
    procurementRoute: 'DIRECT_AWARD',
    procurementVehicle: 'HSCN DPS',
    startDate: '2026-01-01',
    initialTermMonths: 36,
    renewalTermMonths: 12,
    noticePeriodDays: 90,
    serviceWrap: 'MINIMUM',
    serviceHours: 'BUSINESS_HOURS',
    serviceHoursCalendar: calendar,
    totalContractValue: '12000.00',
  });
  const ownContract = (
    await ok('mutation($input: CreateContractInput!) { createContract(input: $input) { id } }', { input: contractInput() })
  ).id as string;
  const serviceInput = () => ({
    contractId: contract,
    siteId: site,
    reference: `NULL-SVC-${next()}`,
    type: 'ACCESS_CIRCUIT',
    bandwidthMbps: 100,
    resilience: 'RESILIENT',
    qosProfile: 'EF',
    monthlyCharge: '100.00',
  });
  const service = (await ok('mutation($input: CreateServiceInput!) { createService(input: $input) { id } }', { input: serviceInput() }))
    .id as string;
  const incidentInput = (severity: number) => ({
    serviceId: service,
    severity,
    summary: 'No service at Null Lane',
    occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    impact: 'Clinic offline',
    customerImpact: 'Appointments by phone',
    workaround: '4G router',
    stepsTaken: 'Power-cycled the router',
    updatesContactId: contact,
    supplierRef: `PDN-INC-${next()}`,
  });
  const severityOne = (await ok('mutation($input: LogIncidentInput!) { logIncident(input: $input) { id } }', { input: incidentInput(1) }))
    .id as string;
  const escalationInput = () => ({
    kind: 'ESCALATION',
    supplierId: pdn,
    contractId: contract,
    summary: 'Fault unanswered',
    updateIntervalHours: 24,
  });
  const review = (
    await ok('mutation($input: RecordReviewInput!) { recordReview(input: $input) { id } }', {
      input: {
        contractId: contract,
        heldOn: day(20),
        periodFrom: lastMonth.toFormat('yyyy-MM'),
        periodTo: lastMonth.toFormat('yyyy-MM'),
        attendees: ['RX1 contract manager'],
      },
    })
  ).id as string;
  const actionInput = () => ({ description: 'Send the root cause analysis', ownerUser: 'Asha Patel', dueDate: day(28) });
  const orderInput = () => ({
    type: 'NEW_SERVICE',
    contractId: contract,
    siteId: site,
    requestedDate: day(15),
    serviceType: 'INTERNET_BREAKOUT',
    resilience: 'RESILIENT',
    bandwidthMbps: 100,
    monthlyCharge: '100.00',
  });
  const orderAt = async (...statuses: string[]) => {
    const id = (await ok('mutation($input: CreateOrderInput!) { createOrder(input: $input) { id } }', { input: orderInput() }))
      .id as string;
    for (const status of statuses)
      await ok(
        'mutation($id: ID!, $s: OrderStatus!, $on: LocalDate!) { moveOrder(input: { id: $id, status: $s, reason: "Moved on", on: $on }) { id } }',
        { id, s: status, on: day(2) },
      );
    return id;
  };
  const subscription = (
    await ok('mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { subscription { id } } }', {
      input: { url: 'http://127.0.0.1:9/hook', kinds: ['CONTACT_STALE'], description: 'Power BI', deliverExisting: false },
    })
  ).subscription.id as string;
  const allocationInput = () => ({
    siteId: site,
    cidr: `10.77.${next()}.0/24`,
    registration: 'PRIVATE',
    supplierId: pdn,
    description: 'Clinic LAN',
    overlapException: 'Inside the site aggregate',
  });
  const allocation = (
    await ok('mutation($input: AllocateIpRangeInput!) { allocateIpRange(input: $input) { id } }', { input: allocationInput() })
  ).id as string;
  const supplierInput = () => ({
    name: `Null Catalogue Supplier ${next()}`,
    kind: 'OTHER',
    cnspId: `NUL${String(serial).padStart(5, '0')}`,
    complianceStatus: 'COMPLIANT',
    complianceDate: '2026-01-01',
    notes: 'Framework supplier',
  });
  const supplier = (await ok(
    'mutation($input: CreateSupplierInput!) { createSupplier(input: $input) { id cnspId } }',
    { input: supplierInput() },
    catalogue,
  )) as { id: string; cnspId: string };
  const reconciledInvoice = await invoices(server, token, pdn, contract);
  // a site of its own, so that changing its address touches nothing the other fixtures read
  const ownSite = await newSite();

  return {
    // records that exist: a field left out keeps its value
    updateSite: { update: true, variables: async () => ({ input: { id: ownSite, addressLine2: 'Block B' } }) },
    updateContact: {
      update: true,
      variables: async () => ({
        input: {
          id: contact,
          jobTitle: 'Site IT Lead',
          email: 'lead@northshire.example',
          phone: '0113 496 0000',
          hours: '24x7',
          notes: 'Keys at reception',
        },
      }),
    },
    updateContract: {
      update: true,
      variables: async () => ({
        input: {
          id: ownContract,
          procurementVehicle: 'HSCN DPS',
          renewalTermMonths: 12,
          serviceHoursCalendar: calendar,
          totalContractValue: '12000.00',
        },
      }),
      clearedTo: { 'input.serviceHoursCalendar': DEFAULT_BUSINESS_CALENDAR },
    },
    updateService: { update: true, variables: async () => ({ input: { id: service, qosProfile: 'EF' } }) },
    updateSupplier: {
      update: true,
      token: catalogue,
      variables: async () => ({
        input: { id: supplier.id, cnspId: supplier.cnspId, complianceDate: '2026-01-01', notes: 'Framework supplier' },
      }),
    },
    updateWebhookSubscription: { update: true, variables: async () => ({ input: { id: subscription, description: 'Power BI' } }) },
    updateIpAllocation: {
      update: true,
      variables: async () => ({ input: { id: allocation, supplierId: pdn, description: 'Clinic LAN' } }),
    },
    setBillingPolicy: {
      update: true,
      variables: async () => ({ organisationId: organisation, input: { secondApprovalAbove: '1000.00', costCentre: 'NET-4410' } }),
    },
    setCreditPolicy: {
      update: true,
      select: 'availabilityBands { shortfallUpTo creditPercent }',
      variables: async () => ({
        contractId: ownContract,
        input: {
          availabilityBands: [
            { shortfallUpTo: '0.5', creditPercent: '5' },
            { shortfallUpTo: null, creditPercent: '10' },
          ],
          resolutionBreachPercent: '5',
          capPercent: '20',
          capAmount: '500.00',
        },
      }),
      reads: {
        'input.availabilityBands.1.shortfallUpTo': (policy) => policy.availabilityBands[1].shortfallUpTo,
      },
      // only the last band is open-ended
      refused: { 'input.availabilityBands.0.shortfallUpTo': { field: 'input.availabilityBands.1', reason: 'BANDS_OUT_OF_ORDER' } },
    },
    setSlaTerm: {
      update: true,
      variables: async () => ({ contractId: ownContract, input: { kind: 'LATENCY', threshold: '25', statistic: 'P95' } }),
      refused: { 'input.threshold': { reason: 'TARGET_REQUIRED' } },
      clearedTo: { 'input.statistic': 'MEAN' },
    },

    // new records and steps: null leaves the field empty
    createSite: {
      variables: async () => ({
        input: {
          odsCode: `NUL${next()}`,
          name: 'Null Lane Clinic',
          addressLine1: '1 Null Lane',
          addressLine2: 'Block B',
          town: 'Leeds',
          postcode: 'LS1 4AP',
        },
      }),
    },
    createContact: {
      variables: async () => ({
        input: {
          name: `Contact ${next()}`,
          jobTitle: 'Site IT Lead',
          email: 'lead@northshire.example',
          phone: '0113 496 0000',
          hours: '24x7',
          notes: 'Keys at reception',
        },
      }),
    },
    createContract: {
      variables: async () => ({ input: contractInput() }),
      clearedTo: { 'input.serviceHoursCalendar': DEFAULT_BUSINESS_CALENDAR },
    },
    createService: { variables: async () => ({ input: serviceInput() }) },
    createSupplier: { token: catalogue, variables: async () => ({ input: supplierInput() }) },
    createApiKey: { within: 'apiKey', variables: async () => ({ input: { name: 'Reporting', roles: ['REPORTING'] } }) },
    createWebhookSubscription: {
      within: 'subscription',
      variables: async () => ({
        input: { url: 'http://127.0.0.1:9/hook', kinds: ['CONTACT_STALE'], description: 'Power BI', deliverExisting: false },
      }),
    },
    createOrder: {
      variables: async () => ({
        input: {
          ...orderInput(),
          supplierOrderReference: `PDN-ORD-${next()}`,
          description: 'Second breakout',
          serviceReference: `PDN-BRK-${serial}`,
          qosProfile: 'EF',
        },
      }),
      // a new service needs these
      refused: Object.fromEntries(
        ['contractId', 'siteId', 'serviceType', 'resilience', 'bandwidthMbps', 'monthlyCharge'].map((field) => [
          `input.${field}`,
          { reason: 'REQUIRED' },
        ]),
      ),
    },
    allocateIpRange: { variables: async () => ({ input: allocationInput() }) },
    configureFeedEndpoint: {
      select: 'hasCredential',
      variables: async () => ({
        input: {
          supplierId: pdn,
          kind: 'INVOICE',
          format: 'CSV',
          url: 'http://127.0.0.1:9/invoices.csv',
          credential: 'Bearer pdn-pull-token',
        },
      }),
      // the credential is write-only: what was stored shows only as hasCredential
      reads: { 'input.credential': (endpoint) => (endpoint.hasCredential ? 'kept' : null) },
    },
    ingestFeed: {
      variables: async () => ({
        input: { supplierId: pdn, kind: 'INCIDENT', format: 'CSV', document: 'ticket_reference\n', fileName: 'incidents.csv' },
      }),
      reads: { 'input.fileName': (run) => run.sourceName },
    },
    logIncident: { variables: async () => ({ input: incidentInput(3) }) },
    recordServiceCoordinatorNotification: {
      variables: async () => ({
        input: { incidentId: severityOne, notified: true, notifiedAt: new Date(Date.now() - 60_000).toISOString() },
      }),
      // notified, so it must say when
      refused: { 'input.notifiedAt': { reason: 'REQUIRED' } },
    },
    raiseEscalation: { variables: async () => ({ input: escalationInput() }) },
    escalate: {
      select: 'levelHistory { obligation }',
      variables: async () => {
        const id = (
          await ok('mutation($input: RaiseEscalationInput!) { raiseEscalation(input: $input) { id } }', { input: escalationInput() })
        ).id;
        return { input: { escalationId: id, reason: 'No answer in 24 hours', obligation: 'Obligation 4.2' } };
      },
      reads: { 'input.obligation': (escalation) => escalation.levelHistory.at(-1).obligation },
    },
    recordConnectionAgreement: {
      variables: async () => ({
        input: {
          organisationId: organisation,
          version: `${10 + next()}.0`,
          signedOn: day(1),
          representingCustomers: false,
          signedByName: 'Asha Patel',
          signedByJobTitle: 'CIO',
        },
      }),
    },
    recordDsptAssessment: {
      variables: async () => ({
        input: {
          organisationId: organisation,
          status: 'STANDARDS_MET',
          publishedOn: DateTime.fromISO('2024-07-01').plus({ days: next() }).toISODate(),
          notes: 'Published on time',
        },
      }),
    },
    recordReview: {
      select: 'actions { ownerUser ownerContact { id } }',
      variables: async () => ({
        input: {
          contractId: contract,
          heldOn: day(20),
          periodFrom: lastMonth.toFormat('yyyy-MM'),
          periodTo: lastMonth.toFormat('yyyy-MM'),
          attendees: ['RX1 contract manager'],
          notes: 'Credits expected',
          actions: [actionInput()],
        },
      }),
      reads: { 'input.actions.0.ownerContactId': (saved) => saved.actions[0].ownerContact },
      // an action has an owner: a contact or a user
      refused: { 'input.actions.0.ownerUser': { field: 'input.actions.0.ownerContactId', reason: 'OWNER_REQUIRED' } },
    },
    addReviewAction: {
      variables: async () => ({ input: { reviewId: review, ...actionInput() } }),
      refused: { 'input.ownerUser': { field: 'input.ownerContactId', reason: 'OWNER_REQUIRED' } },
    },
    setReviewActionStatus: {
      variables: async () => {
        const id = (
          await ok('mutation($input: AddReviewActionInput!) { addReviewAction(input: $input) { id } }', {
            input: { reviewId: review, ...actionInput() },
          })
        ).id;
        return { input: { id, status: 'DONE', note: 'Sent on time' } };
      },
      reads: { 'input.note': (action) => action.statusNote },
    },
    requestApplicationAccess: {
      variables: async () => ({ input: { requestedById: contact, application: `Spine ${next()}`, notes: 'For the new clinic' } }),
    },
    revokeIpamDelegateAccess: {
      variables: async () => {
        const delegate = (
          await ok('mutation($c: ID!) { grantIpamDelegateAccess(input: { contactId: $c }) { id } }', { c: await newContact() })
        ).id;
        return { input: { id: delegate, reason: 'Left the trust' } };
      },
      reads: { 'input.reason': (delegate) => delegate.revokeReason },
    },
    setOrderCommittedDate: {
      variables: async () => ({ input: { id: await orderAt('SUBMITTED'), committedDate: day(25), reason: 'Wayleave' } }),
      reads: { 'input.reason': null }, // written into the order's history line, which says what happened either way
    },
    completeOrder: {
      variables: async () => ({
        input: {
          id: await orderAt('SUBMITTED', 'ACKNOWLEDGED'),
          completedOn: day(10),
          serviceReference: `PDN-BRK-${next()}`,
          reason: 'Went live early',
        },
      }),
      reads: { 'input.reason': null }, // written into the order's history line
      // the order holds no reference of its own, and a new service needs one
      refused: { 'input.serviceReference': { reason: 'REQUIRED' } },
    },
    approveInvoice: {
      select: 'approvals { note }',
      variables: async () => ({ input: { id: await reconciledInvoice() } }),
      reads: { 'input.note': (invoice) => invoice.approvals.at(-1).note },
    },
  };
}

/**
 * RECONCILED invoices with nothing to dispute, one per call: billed at the contract's own
 * charges, reconciled by a contract manager (the approver may not be the one who reconciled).
 */
async function invoices(server: TestServer, token: string, pdn: string, contract: string) {
  const manager = await server.token('RX1', Role.CONTRACT_MANAGER);
  const services = (
    await server.gql(
      'query($c: ID!) { services(first: 100, filter: { contractId: $c, status: [ACTIVE] }) { edges { node { reference monthlyCharge installDate } } } }',
      { c: contract },
      manager,
    )
  ).data.services.edges
    .map((e: { node: unknown }) => e.node)
    .filter((s: { installDate: unknown }) => s.installDate && s.installDate < '2026-01-01')
    .slice(0, 1) as { reference: string; monthlyCharge: string }[];
  let serial = 0;
  return async () => {
    const month = `2025-${String(++serial).padStart(2, '0')}`;
    const number = `PDN-NULL-${serial}`;
    const run = await ingest(server, manager, {
      supplierId: pdn,
      kind: 'INVOICE',
      format: 'CSV',
      document: invoiceCsv(
        number,
        month,
        services.map((s) => [s.reference, parseMoney(s.monthlyCharge)]),
      ),
    });
    if (run.data?.ingestFeed?.rowsAccepted !== 1) throw new Error(`invoice not received: ${JSON.stringify(run)}`);
    const found = (
      await server.gql('{ invoices(first: 100) { edges { node { id invoiceNumber } } } }', {}, token)
    ).data.invoices.edges.find((e: { node: { invoiceNumber: unknown } }) => e.node.invoiceNumber === number);
    await server.gql('mutation($id: ID!) { reconcileInvoice(id: $id) { id } }', { id: found.node.id }, manager);
    return found.node.id as string;
  };
}
