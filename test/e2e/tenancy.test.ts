import { Role } from '../../src/auth/roles';
import { buildGraphqlSchema } from '../../src/graphql/schema';
import { createServices } from '../../src/services';
import { fixture, ingest } from '../support/feeds';
import { errorCode, startTestServer, type TestServer } from '../support/test-server';

/**
 * Every root field, called with another tenant's token against RX1's records: nothing of
 * RX1's is returned, every id answers NOT_FOUND (never FORBIDDEN), and nothing changes.
 * The table below must name every root field: a new field without a case fails the suite.
 */
describe('tenancy', () => {
  let server: TestServer;
  let rx1: string;
  let outsider: string;
  /** another tenant's finance approver: approval and payment need the role before tenancy is even asked */
  let financeOutsider: string;
  let ids: Record<string, string>;
  let rx1Snapshot: unknown;
  let rx1ComplianceSnapshot: unknown;

  const COMPLIANCE_SNAPSHOT = `query($org: ID!) { dsptAssessments(organisationId: $org) { id status publishedOn expiresOn }
    connectionAgreements(organisationId: $org) { id version current }
    ipAllocations(organisationId: $org, first: 100, includeReleased: true) { edges { node { id cidr releasedOn site { id } } } }
    ipamDelegates(organisationId: $org, includeRevoked: true) { id active }
    applicationAccessRequests(first: 100) { edges { node { id status history { id } } } } }`;

  const SNAPSHOT =
    `{ contracts(first: 100) { edges { node { id reference title status endDate documents { id } statusHistory { id }
      services(first: 100) { edges { node { id reference status monthlyCharge site { id name postcode } replacedBy { id } termsHistory { ` +
    `id } } } } contacts { id role } } } }
    orders(first: 100) { edges { node { id status committedDate completedOn history { id } } } }
    contacts(first: 100) { edges { node { id name email lastVerifiedAt assignments { id } } } }
    apiKeys(includeRevoked: true) { edges { node { id revokedAt } } }
    incidents(first: 100) { edges { node { id status severity statusHistory { id } } } }
    invoices(first: 100) { edges { node { id grossTotal status lines { id } reconciliation { id } approvedAmount statusHistory { id } ` +
    `approvals { id voidReason } } } }
    feedEndpoints { edges { node { id url enabled lastPulledAt } } }
    disputes { edges { node { id state disputedAmount history { id } } } }
    escalations { edges { node { id status level summary closureAgreedAt updates { id } levelHistory { id } } } }
    overdueReviewActions { id status dueDate }
    loggedIncidents: incidents(first: 100, filter: { severity: [1] }) { edges { node { id supplierRef serviceCoordinatorNotified impact ` +
    `relatedIncidents { id } } } }
    slaContracts: contracts(first: 100) { edges { node { slaTerms { id targetPercent } creditPolicy { id } } } }
    webhookSubscriptions { edges { node { id url kinds enabled signingKeyHint rotatedAt } } } }`;

  beforeAll(async () => {
    server = await startTestServer({ env: { FEED_PULL_ALLOWED_HOSTS: '127.0.0.1:9' } });
    rx1 = await server.token('RX1', Role.ADMIN, Role.CONTRACT_MANAGER);
    outsider = await server.token('Y0A01', Role.ADMIN, Role.CONTRACT_MANAGER);
    financeOutsider = await server.token('Y0A01', Role.FINANCE_APPROVER);

    const key = await server.gql(
      `mutation { createApiKey(input: { name: "RX1 reporting", roles: [REPORTING] }) { apiKey { id } } }`,
      {},
      rx1,
    );
    const found = await server.gql(
      `{ me { organisation { id } }
         contracts(first: 1, filter: { status: [ACTIVE] }) { edges { node { id supplier { id } documents { id } statusHistory { id }
           services(first: 1) { edges { node { id site { id contacts { id contact { id } } } } } } } } } }`,
      {},
      rx1,
    );
    const contract = found.data.contracts.edges[0].node;
    const service = contract.services.edges[0].node;
    ids = {
      organisation: found.data.me.organisation.id,
      supplier: contract.supplier.id,
      contract: contract.id,
      document: contract.documents[0].id,
      statusChange: contract.statusHistory[0].id,
      service: service.id,
      site: service.site.id,
      assignment: service.site.contacts[0].id,
      contact: service.site.contacts[0].contact.id,
      apiKey: key.data.createApiKey.apiKey.id,
    };
    const feedRun = await ingest(server, rx1, {
      supplierId: ids.supplier,
      kind: 'INCIDENT',
      format: 'CSV',
      document: fixture('incidents/valid.csv'),
    });
    ids.feedRun = feedRun.data.ingestFeed.id;
    await ingest(server, rx1, { supplierId: ids.supplier, kind: 'INVOICE', format: 'CSV', document: fixture('invoices/invoices.csv') });
    const inventoryRun = await ingest(server, rx1, {
      supplierId: ids.supplier,
      kind: 'INVENTORY',
      format: 'CSV',
      document: fixture('inventory/inventory.csv'),
    });
    const feedData = await server.gql(
      `query($run: ID!) { incidents(first: 1) { edges { node { id } } } invoices(first: 1) { edges { node { id } } }
         feedRun(id: $run) { rejectedRows(first: 1) { edges { node { id } } } } inventoryComparisons(first: 1) { edges { node { id } } } }`,
      { run: inventoryRun.data.ingestFeed.id },
      rx1,
    );
    ids.incident = feedData.data.incidents.edges[0].node.id;
    ids.invoice = feedData.data.invoices.edges[0].node.id;
    ids.inventoryComparison = feedData.data.inventoryComparisons.edges[0].node.id;
    const endpoint = await server.gql(
      'mutation($s: ID!) { configureFeedEndpoint(input: { supplierId: $s, kind: INVOICE, format: CSV, url: ' +
        '"http://127.0.0.1:9/invoices.csv", enabled: false }) { id } }',
      { s: ids.supplier },
      rx1,
    );
    ids.feedEndpoint = endpoint.data.configureFeedEndpoint.id;
    const term = await server.gql(
      'mutation($c: ID!) { setSlaTerm(contractId: $c, input: { kind: AVAILABILITY, targetPercent: "99.9" }) { id } }',
      { c: ids.contract },
      rx1,
    );
    ids.slaTerm = term.data.setSlaTerm.id;
    const exclusion = await server.gql(
      'mutation($s: ID!) { recordExclusionWindow(input: { serviceId: $s, kind: PLANNED_MAINTENANCE, startsAt: "2026-10-10T10:00:00Z", ' +
        'endsAt: "2026-10-10T12:00:00Z", reason: "upgrade" }) { id } }',
      { s: ids.service },
      rx1,
    );
    ids.exclusionWindow = exclusion.data.recordExclusionWindow.id;
    await ingest(server, rx1, {
      supplierId: ids.supplier,
      kind: 'INVOICE',
      format: 'CSV',
      document: fixture('invoices/invoices-phantom-service.csv'),
    });
    const withPhantom = (
      await server.gql('{ invoices(first: 100) { edges { node { id lines { serviceReference } } } } }', {}, rx1)
    ).data.invoices.edges
      .map((e: { node: unknown }) => e.node)
      .find((invoice: { lines: { serviceReference: unknown }[] }) =>
        invoice.lines.some((line: { serviceReference: unknown }) => line.serviceReference === 'PDN-PHANTOM-9999'),
      ).id;
    const reconciled = await server.gql('mutation($id: ID!) { reconcileInvoice(id: $id) { id } }', { id: withPhantom }, rx1);
    expect(reconciled.errors).toBeUndefined();
    const finding = (
      await server.gql('query($id: ID!) { invoice(id: $id) { reconciliation { findings { id type } } } }', { id: withPhantom }, rx1)
    ).data.invoice.reconciliation.findings.find((f: { type: unknown }) => f.type === 'UNKNOWN_SERVICE');
    ids.finding = finding.id;
    const disputeOf = await server.gql(
      'mutation($f: ID!) { raiseDispute(input: { findingIds: [$f], evidence: "RX1 evidence" }) { id } }',
      { f: ids.finding },
      rx1,
    );
    ids.dispute = disputeOf.data.raiseDispute.id;
    await server.gql(
      'mutation($o: ID!) { setBillingPolicy(organisationId: $o, input: { secondApprovalAbove: "1000000.00", costCentre: "RX1-NET" }) { custom } }',
      { o: ids.organisation },
      rx1,
    );
    const rx1Finance = await server.token('RX1', Role.FINANCE_APPROVER);
    const approved = await server.gql(
      'mutation($id: ID!) { approveInvoice(input: { id: $id, acceptUndisputedFindings: true }) { status statusHistory { id } } }',
      { id: withPhantom },
      rx1Finance,
    );
    expect(approved.data.approveInvoice.status).toBe('APPROVED');
    ids.approvedInvoice = withPhantom;
    ids.invoiceStatusChange = approved.data.approveInvoice.statusHistory[0].id;
    ids.feedRejection = (
      await server.gql(
        'query($run: ID!) { feedRun(id: $run) { rejectedRows(first: 1) { edges { node { id } } } } }',
        { run: ids.feedRun },
        rx1,
      )
    ).data.feedRun.rejectedRows.edges[0].node.id;
    const updatesContact = await server.gql(
      `mutation { createContact(input: { name: "RX1 network duty desk", email: "duty@northshire.example" }) { id } }`,
      {},
      rx1,
    );
    const logged = await server.gql(
      `mutation($s: ID!, $c: ID!) { logIncident(input: { serviceId: $s, severity: 1, summary: "RX1 total loss", occurredAt: "2026-11-01T09:00:00Z",
         impact: "x", customerImpact: "x", stepsTaken: "x", updatesContactId: $c }) { id } }`,
      { s: ids.service, c: updatesContact.data.createContact.id },
      rx1,
    );
    expect(logged.errors).toBeUndefined();
    ids.loggedIncident = logged.data.logIncident.id;
    const escalation = await server.gql(
      'mutation($s: ID!, $c: ID!) { raiseEscalation(input: { kind: COMPLAINT, supplierId: $s, contractId: $c, summary: "RX1 complaint", ' +
        'updateIntervalHours: 1 }) { id levelHistory { id } } }',
      { s: ids.supplier, c: ids.contract },
      rx1,
    );
    ids.escalation = escalation.data.raiseEscalation.id;
    ids.escalationLevelChange = escalation.data.raiseEscalation.levelHistory[0].id;
    const update = await server.gql(
      'mutation($id: ID!) { recordEscalationUpdate(input: { escalationId: $id, givenBy: "PDN", text: "RX1 update" }) { updates { id } } }',
      { id: ids.escalation },
      rx1,
    );
    ids.escalationUpdate = update.data.recordEscalationUpdate.updates[0].id;
    const review = await server.gql(
      `mutation($c: ID!) { recordReview(input: { contractId: $c, heldOn: "2026-11-20", periodFrom: "2026-09", periodTo: "2026-10", attendees: ["RX1 manager"],
         actions: [{ description: "RX1 action", ownerUser: "rx1.manager", dueDate: "2026-11-21" }] }) { id actions { id } evidence { id } } }`,
      { c: ids.contract },
      rx1,
    );
    expect(review.errors).toBeUndefined();
    ids.review = review.data.recordReview.id;
    ids.reviewAction = review.data.recordReview.actions[0].id;
    ids.reviewEvidence = review.data.recordReview.evidence[0].id;
    // an order delivered ten days ago and a change completed today: an order, its steps, a terms period, a legacy link
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    const today = new Date().toISOString().slice(0, 10);
    const step = async (query: string, variables: Record<string, unknown>) => {
      const response = await server.gql(query, variables, rx1);
      expect(response.errors).toBeUndefined();
      return response.data;
    };
    const newService = (
      await step(
        `mutation($c: ID!, $s: ID!, $d: LocalDate!) { createOrder(input: { type: NEW_SERVICE, contractId: $c, siteId: $s, requestedDate: $d, serviceType: VOICE,
        resilience: NON_RESILIENT, bandwidthMbps: 1, monthlyCharge: "50.00", serviceReference: "RX1-TEN-ORDER-1" }) { id } }`,
        { c: ids.contract, s: ids.site, d: tenDaysAgo },
      )
    ).createOrder.id;
    const advance = (id: string, status: string, on: string) =>
      step(
        'mutation($id: ID!, $s: OrderStatus!, $on: LocalDate) { moveOrder(input: { id: $id, status: $s, reason: "x", on: $on }) { id } }',
        { id, s: status, on },
      );
    await advance(newService, 'SUBMITTED', tenDaysAgo);
    await advance(newService, 'ACKNOWLEDGED', tenDaysAgo);
    const delivered = await step(
      'mutation($id: ID!, $on: LocalDate!) { completeOrder(input: { id: $id, completedOn: $on }) { service { id } } }',
      { id: newService, on: tenDaysAgo },
    );
    ids.newService = delivered.completeOrder.service.id;
    const change = (
      await step(
        'mutation($s: ID!, $d: LocalDate!) { createOrder(input: { type: CHANGE, serviceId: $s, requestedDate: $d, monthlyCharge: "55.00" }) { id } }',
        { s: ids.newService, d: today },
      )
    ).createOrder.id;
    await advance(change, 'SUBMITTED', today);
    await step('mutation($id: ID!, $d: LocalDate!) { setOrderCommittedDate(input: { id: $id, committedDate: $d }) { id } }', {
      id: change,
      d: today,
    });
    await advance(change, 'IN_PROGRESS', today);
    const changed = await step(
      'mutation($id: ID!, $on: LocalDate!) { completeOrder(input: { id: $id, completedOn: $on }) { id history { id } service { termsHistory { id } } } }',
      { id: change, on: today },
    );
    ids.order = changed.completeOrder.id;
    ids.orderTransition = changed.completeOrder.history[0].id;
    ids.termsPeriod = changed.completeOrder.service.termsHistory[0].id;
    ids.openOrder = (
      await step('mutation($s: ID!, $d: LocalDate!) { createOrder(input: { type: CEASE, serviceId: $s, requestedDate: $d }) { id } }', {
        s: ids.newService,
        d: today,
      })
    ).createOrder.id;
    const btContract = (
      await step(
        '{ contracts(filter: { search: "RX1-N3-LEGACY-01" }) { edges { node { id services(status: ACTIVE, first: 1) { edges { node { id } } } } } } }',
        {},
      )
    ).contracts.edges[0].node;
    ids.legacyService = btContract.services.edges[0].node.id;
    await step('mutation($l: ID!, $r: ID!) { linkReplacementService(input: { legacyServiceId: $l, replacementServiceId: $r }) { id } }', {
      l: ids.legacyService,
      r: ids.newService,
    });
    const ownContact = await server.gql(`mutation { createContact(input: { name: "Eastbrook IT lead" }) { id } }`, {}, outsider);
    ids.outsiderContact = ownContact.data.createContact.id;
    const compliance = await server.gql(
      `query($org: ID!) { dsptAssessments(organisationId: $org) { id } connectionAgreements(organisationId: $org) { id }
         ipAllocations(organisationId: $org, first: 1) { edges { node { id } } } ipamDelegates(organisationId: $org) { id }
         applicationAccessRequests(first: 1) { edges { node { id history { id } } } } }`,
      { org: ids.organisation },
      rx1,
    );
    ids.dsptAssessment = compliance.data.dsptAssessments[0].id;
    ids.connectionAgreement = compliance.data.connectionAgreements[0].id;
    ids.ipAllocation = compliance.data.ipAllocations.edges[0].node.id;
    ids.ipamDelegate = compliance.data.ipamDelegates[0].id;
    ids.accessRequest = compliance.data.applicationAccessRequests.edges[0].node.id;
    ids.accessTransition = compliance.data.applicationAccessRequests.edges[0].node.history[0].id;
    const webhook = await server.gql(
      'mutation { createWebhookSubscription(input: { url: "http://127.0.0.1:9/rx1-hook", kinds: [CONTRACT_NOTICE_DUE, CONTACT_STALE], ' +
        'deliverExisting: false }) { subscription { id } } }',
      {},
      rx1,
    );
    ids.webhookSubscription = webhook.data.createWebhookSubscription.subscription.id;
    const webhookLog = await server.gql(
      'query($id: ID!) { webhookDeliveries(subscriptionId: $id, first: 1) { edges { node { id } } } }',
      { id: ids.webhookSubscription },
      rx1,
    );
    ids.webhookDelivery = webhookLog.data.webhookDeliveries.edges[0].node.id;
    rx1Snapshot = (await server.gql(SNAPSHOT, {}, rx1)).data;
    rx1ComplianceSnapshot = (await server.gql(COMPLIANCE_SNAPSHOT, { org: ids.organisation }, rx1)).data;
  });

  afterAll(() => server.stop());

  const notFoundAs = async (token: string, query: string, variables: Record<string, unknown> = {}) => {
    const response = await server.gql(query, variables, token);
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(JSON.stringify(response.data ?? {})).not.toMatch(/RX1|Northshire/);
  };
  const notFound = (query: string, variables: Record<string, unknown> = {}) => notFoundAs(outsider, query, variables);
  const noneOfRx1 = async (query: string) => {
    const response = await server.gql(query, {}, outsider);
    expect(response.errors).toBeUndefined();
    const text = JSON.stringify(response.data);
    for (const id of Object.values(ids).filter((id) => id !== ids.supplier && id !== ids.outsiderContact))
      expect(text).not.toContain(JSON.stringify(id));
    expect(text).not.toMatch(/PDN-INC-|PDN-INV-/);
    expect(text).not.toMatch(/RX1|Northshire/);
    return response.data;
  };

  /** One case per root field; `null` marks a field with no tenant data, with the reason. */
  const cases: Record<string, (() => Promise<void>) | { global: string }> = {
    me: async () => {
      const data = await noneOfRx1('{ me { organisation { odsCode } organisations { odsCode } } }');
      expect(data.me.organisations.map((o: { odsCode: string }) => o.odsCode)).toEqual(['Y0A01']);
    },
    errorReasons: { global: 'the same fixed list of error reasons for every caller; no tenant data' },
    node: async () => {
      for (const key of [
        'organisation',
        'contract',
        'document',
        'statusChange',
        'service',
        'site',
        'assignment',
        'contact',
        'apiKey',
        'feedRun',
        'feedRejection',
        'incident',
        'invoice',
        'inventoryComparison',
        'feedEndpoint',
        'slaTerm',
        'exclusionWindow',
        'finding',
        'dispute',
        'invoiceStatusChange',
        'dsptAssessment',
        'connectionAgreement',
        'ipAllocation',
        'ipamDelegate',
        'accessRequest',
        'accessTransition',
        'loggedIncident',
        'escalation',
        'escalationUpdate',
        'escalationLevelChange',
        'review',
        'reviewAction',
        'reviewEvidence',
        'order',
        'openOrder',
        'orderTransition',
        'termsPeriod',
        'newService',
        'legacyService',
        'webhookSubscription',
        'webhookDelivery',
      ]) {
        await notFound('query($id: ID!) { node(id: $id) { id } }', { id: ids[key] });
      }
    },
    organisations: () => noneOfRx1('{ organisations { totalCount edges { node { id odsCode name } } } }').then(() => undefined),
    organisation: () => notFound('query($id: ID!) { organisation(id: $id) { name } }', { id: ids.organisation }),
    suppliers: () =>
      noneOfRx1('{ suppliers { edges { node { name contracts { id reference } contacts { id } } } } }').then(() => undefined),
    supplier: async () => {
      const response = await server.gql(
        'query($id: ID!) { supplier(id: $id) { name contracts { id reference } contacts { id } } }',
        { id: ids.supplier },
        outsider,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data.supplier.contracts).toEqual([]);
      expect(response.data.supplier.contacts).toEqual([]);
    },
    contracts: async () => {
      await noneOfRx1('{ contracts(first: 100) { totalCount edges { node { id reference } } } }');
      const filtered = await server.gql(
        'query($org: ID!) { contracts(filter: { organisationId: $org }) { totalCount edges { node { id } } } }',
        { org: ids.organisation },
        outsider,
      );
      expect(filtered.data.contracts).toEqual({ totalCount: 0, edges: [] });
    },
    contract: () => notFound('query($id: ID!) { contract(id: $id) { reference } }', { id: ids.contract }),
    contractsDueForRenewal: () =>
      noneOfRx1('{ contractsDueForRenewal(withinDays: 3650) { edges { node { id reference } } } }').then(() => undefined),
    sites: async () => {
      await noneOfRx1('{ sites(first: 100) { edges { node { id name } } } }');
      const filtered = await server.gql(
        'query($org: ID!) { sites(filter: { organisationId: $org }) { totalCount } }',
        { org: ids.organisation },
        outsider,
      );
      expect(filtered.data.sites.totalCount).toBe(0);
    },
    site: () => notFound('query($id: ID!) { site(id: $id) { name } }', { id: ids.site }),
    services: async () => {
      await noneOfRx1('{ services(first: 100) { edges { node { id reference } } } }');
      const filtered = await server.gql(
        'query($c: ID!) { services(filter: { contractId: $c }) { totalCount } }',
        { c: ids.contract },
        outsider,
      );
      expect(filtered.data.services.totalCount).toBe(0);
    },
    service: () => notFound('query($id: ID!) { service(id: $id) { reference } }', { id: ids.service }),
    contacts: () => noneOfRx1('{ contacts(first: 100) { edges { node { id name } } } }').then(() => undefined),
    contact: () => notFound('query($id: ID!) { contact(id: $id) { name } }', { id: ids.contact }),
    contactsDueForReview: () =>
      noneOfRx1('{ contactsDueForReview(olderThanDays: 0, first: 100) { edges { node { id name } } } }').then(() => undefined),
    apiKeys: () => noneOfRx1('{ apiKeys(includeRevoked: true) { edges { node { id name } } } }').then(() => undefined),

    createContract: () =>
      notFound(
        `mutation($org: ID!, $supplier: ID!) { createContract(input: { organisationId: $org, supplierId: $supplier, reference: "X-1", title: "x",
          procurementRoute: DIRECT_AWARD, startDate: "2026-01-01", initialTermMonths: 12, noticePeriodDays: 90, serviceWrap: MINIMUM,
          serviceHours: TWENTY_FOUR_SEVEN }) { id } }`,
        { org: ids.organisation, supplier: ids.supplier },
      ),
    updateContract: () =>
      notFound('mutation($id: ID!) { updateContract(input: { id: $id, title: "hijacked" }) { id } }', { id: ids.contract }),
    setContractStatus: () =>
      notFound('mutation($id: ID!) { setContractStatus(input: { id: $id, status: TERMINATED, reason: "x" }) { id } }', {
        id: ids.contract,
      }),
    renewContract: () => notFound('mutation($id: ID!) { renewContract(id: $id) { id } }', { id: ids.contract }),
    addContractDocument: () =>
      notFound('mutation($id: ID!) { addContractDocument(contractId: $id, input: { title: "x", url: "https://x.example/a" }) { id } }', {
        id: ids.contract,
      }),
    removeContractDocument: () => notFound('mutation($id: ID!) { removeContractDocument(id: $id) { id } }', { id: ids.document }),
    createSite: () =>
      notFound(
        'mutation($org: ID!) { createSite(input: { organisationId: $org, odsCode: "ZZZ01", name: "x", addressLine1: "x", town: "x", ' +
          'postcode: "LS1 4AP" }) { id } }',
        { org: ids.organisation },
      ),
    updateSite: () => notFound('mutation($id: ID!) { updateSite(input: { id: $id, name: "hijacked" }) { id } }', { id: ids.site }),
    createService: () =>
      notFound(
        `mutation($c: ID!, $s: ID!) { createService(input: { contractId: $c, siteId: $s, reference: "HIJACK-1", type: ACCESS_CIRCUIT,
          bandwidthMbps: 100, resilience: RESILIENT, monthlyCharge: "1.00" }) { id } }`,
        { c: ids.contract, s: ids.site },
      ),
    updateService: () =>
      notFound('mutation($id: ID!) { updateService(input: { id: $id, monthlyCharge: "0.00" }) { id } }', { id: ids.service }),
    setServiceStatus: () =>
      notFound('mutation($id: ID!) { setServiceStatus(input: { id: $id, status: CEASED, effectiveDate: "2026-01-31" }) { id } }', {
        id: ids.service,
      }),
    createContact: () =>
      notFound('mutation($org: ID!) { createContact(input: { organisationId: $org, name: "x" }) { id } }', { org: ids.organisation }),
    updateContact: () => notFound('mutation($id: ID!) { updateContact(input: { id: $id, name: "hijacked" }) { id } }', { id: ids.contact }),
    markContactVerified: () => notFound('mutation($id: ID!) { markContactVerified(id: $id) { id } }', { id: ids.contact }),
    deleteContact: () => notFound('mutation($id: ID!) { deleteContact(id: $id) }', { id: ids.contact }),
    assignContact: () =>
      notFound(
        'mutation($c: ID!, $s: ID!) { assignContact(input: { contactId: $c, objectType: SITE, objectId: $s, role: SITE_CONTACT }) { id } }',
        {
          c: ids.outsiderContact,
          s: ids.site,
        },
      ),
    unassignContact: () => notFound('mutation($id: ID!) { unassignContact(id: $id) { id } }', { id: ids.assignment }),
    feedRuns: () => noneOfRx1('{ feedRuns(first: 100) { edges { node { id checksum } } } }').then(() => undefined),
    feedRun: () => notFound('query($id: ID!) { feedRun(id: $id) { status } }', { id: ids.feedRun }),
    feedHealth: async () => {
      const data = await noneOfRx1('{ feedHealth { kind lastRunAt lastGoodRunAt supplier { cnspId } } }');
      expect(data.feedHealth.every((h: { lastRunAt: unknown }) => h.lastRunAt === null)).toBe(true);
    },
    ingestFeed: async () => {
      // the outsider holds none of the supplier's services, so nothing of RX1's can be written through it
      const response = await ingest(server, outsider, {
        supplierId: ids.supplier,
        kind: 'INCIDENT',
        format: 'CSV',
        document: fixture('incidents/valid.csv'),
      });
      expect(response.data.ingestFeed).toMatchObject({ status: 'REJECTED', rowsAccepted: 0 });
    },
    incidents: () => noneOfRx1('{ incidents(first: 100) { edges { node { id supplierRef } } } }').then(() => undefined),
    incidentsAtRisk: () =>
      noneOfRx1('{ incidentsAtRisk(first: 100) { totalCount edges { node { id supplierRef } } } }').then(() => undefined),
    incident: () => notFound('query($id: ID!) { incident(id: $id) { supplierRef } }', { id: ids.incident }),
    invoices: () => noneOfRx1('{ invoices(first: 100) { edges { node { id invoiceNumber } } } }').then(() => undefined),
    disputes: () => noneOfRx1('{ disputes { edges { node { id evidence } } } }').then(() => undefined),
    dispute: () => notFound('query($id: ID!) { dispute(id: $id) { state } }', { id: ids.dispute }),
    disputesNearingDeadline: () =>
      noneOfRx1('{ disputesNearingDeadline(withinDays: 365) { totalCount edges { node { id } } } }').then(() => undefined),
    raiseDispute: () =>
      notFound('mutation($f: ID!) { raiseDispute(input: { findingIds: [$f], evidence: "x" }) { id } }', { f: ids.finding }),
    moveDispute: () =>
      notFound('mutation($id: ID!) { moveDispute(input: { id: $id, state: WITHDRAWN, reason: "x" }) { state } }', { id: ids.dispute }),
    auditTrail: async () => {
      const data = await noneOfRx1('{ auditTrail(first: 100) { totalCount edges { node { id recordId entityType after } } } }');
      expect(data.auditTrail.edges.every((e: { node: { after: string | null } }) => !/RX1|Northshire/.test(e.node.after ?? ''))).toBe(true);
      await notFound('query($o: ID!) { auditTrail(filter: { organisationId: $o }) { totalCount } }', { o: ids.organisation });
    },
    approveInvoice: () =>
      notFoundAs(financeOutsider, 'mutation($id: ID!) { approveInvoice(input: { id: $id, acceptUndisputedFindings: true }) { status } }', {
        id: ids.invoice,
      }),
    holdInvoice: () => notFound('mutation($id: ID!) { holdInvoice(id: $id, reason: "x") { status } }', { id: ids.approvedInvoice }),
    releaseInvoice: () => notFound('mutation($id: ID!) { releaseInvoice(id: $id, reason: "x") { status } }', { id: ids.approvedInvoice }),
    recordPayment: () =>
      notFoundAs(
        financeOutsider,
        'mutation($id: ID!) { recordPayment(input: { id: $id, paidOn: "2026-01-01", amount: "1.00", reference: "x" }) { status } }',
        { id: ids.approvedInvoice },
      ),
    exportPayments: async () => {
      const month = new Date().toISOString().slice(0, 7);
      const own = await server.gql(`{ exportPayments(period: "${month}") { rows { organisationOdsCode } csv } }`, {}, financeOutsider);
      expect(own.data.exportPayments.rows).toEqual([]);
      expect(own.data.exportPayments.csv).not.toMatch(/RX1|PDN-/);
      await notFoundAs(financeOutsider, `query($o: ID!) { exportPayments(period: "${month}", organisationId: $o) { csv } }`, {
        o: ids.organisation,
      });
    },
    billingSummary: async () => {
      const data = await noneOfRx1(
        '{ billingSummary(period: "2026-10") { invoiceCount gross bySupplier { supplier { id } } byOrganisation { organisation { odsCode } } } }',
      );
      expect(data.billingSummary.invoiceCount).toBe(0);
      await notFound('query($o: ID!) { billingSummary(period: "2026-10", organisationId: $o) { gross } }', { o: ids.organisation });
    },
    billingPolicy: () => notFound('query($o: ID!) { billingPolicy(organisationId: $o) { costCentre } }', { o: ids.organisation }),
    setBillingPolicy: async () => {
      await notFound('mutation($o: ID!) { setBillingPolicy(organisationId: $o, input: { secondApprovalAbove: "0.00" }) { custom } }', {
        o: ids.organisation,
      });
      const kept = await server.gql(
        'query($o: ID!) { billingPolicy(organisationId: $o) { secondApprovalAbove costCentre } }',
        { o: ids.organisation },
        rx1,
      );
      expect(kept.data.billingPolicy).toEqual({ secondApprovalAbove: '1000000.00', costCentre: 'RX1-NET' });
    },
    reconcileInvoice: () => notFound('mutation($id: ID!) { reconcileInvoice(id: $id) { findingCount } }', { id: ids.invoice }),
    invoice: () => notFound('query($id: ID!) { invoice(id: $id) { invoiceNumber } }', { id: ids.invoice }),
    inventoryComparisons: () => noneOfRx1('{ inventoryComparisons(first: 100) { edges { node { id } } } }').then(() => undefined),
    inventoryComparison: () => notFound('query($id: ID!) { inventoryComparison(id: $id) { matching } }', { id: ids.inventoryComparison }),
    feedEndpoints: () => noneOfRx1('{ feedEndpoints { edges { node { id url } } } }').then(() => undefined),
    configureFeedEndpoint: () =>
      notFound(
        'mutation($s: ID!, $o: ID!) { configureFeedEndpoint(input: { supplierId: $s, organisationId: $o, kind: INVOICE, format: CSV, url: ' +
          '"http://127.0.0.1:9/hijack.csv" }) { id } }',
        { s: ids.supplier, o: ids.organisation },
      ),
    removeFeedEndpoint: () => notFound('mutation($id: ID!) { removeFeedEndpoint(id: $id) }', { id: ids.feedEndpoint }),
    pullFeedNow: () => notFound('mutation($id: ID!) { pullFeedNow(id: $id) { lastOutcome } }', { id: ids.feedEndpoint }),
    serviceAvailability: () =>
      notFound(
        'query($s: ID!) { serviceAvailability(serviceId: $s, from: "2026-10-01T00:00:00Z", to: "2026-10-02T00:00:00Z", granularity: HOUR) { start } }',
        { s: ids.service },
      ),
    capacityAlerts: () =>
      noneOfRx1('{ capacityAlerts(period: "2026-10", thresholdPercent: 0.01, minDays: 1) { daysOver service { id reference } } }').then(
        () => undefined,
      ),
    supplierScorecard: async () => {
      const data = await noneOfRx1(
        `{ supplierScorecard(supplierId: "${ids.supplier}", period: "2026-10") { score kpis { name value basis } } }`,
      );
      expect(data.supplierScorecard.score).toBeNull();
    },
    serviceCalendars: () => noneOfRx1('{ serviceCalendars { id name } }').then(() => undefined),
    defineServiceCalendar: { global: "defines a calendar for the caller's own organisation only; covered by the incident SLA suite" },
    setScorecardWeights: { global: "sets the caller's own organisation's weights only; covered by the SLA suite" },
    slaReport: () => notFound('query($c: ID!) { slaReport(contractId: $c, period: "2026-10") { period } }', { c: ids.contract }),
    creditLedger: async () => {
      await notFound('query($c: ID!) { creditLedger(filter: { contractId: $c }) { totals { owed } } }', { c: ids.contract });
      const data = await noneOfRx1(
        '{ creditLedger { months { period owed } totals { owed outstanding } entries(first: 100) { edges { node { id contract { id } } } } } }',
      );
      expect(data.creditLedger.entries.edges).toEqual([]);
    },
    creditsOutstanding: async () =>
      expect((await noneOfRx1('{ creditsOutstanding { outstanding supplier { id } } }')).creditsOutstanding).toEqual([]),
    slaMonthSnapshot: () =>
      notFound('query($c: ID!) { slaMonthSnapshot(contractId: $c, period: "2026-10") { sha256 content } }', { c: ids.contract }),
    reviseSlaMonth: () =>
      notFound('mutation($c: ID!) { reviseSlaMonth(input: { contractId: $c, period: "2026-10" }) { sha256 } }', { c: ids.contract }),
    waiveCredits: async () => {
      const entries = (await server.gql('{ creditLedger { entries(first: 1) { edges { node { id } } } } }', {}, rx1)).data.creditLedger
        .entries.edges;
      expect(entries.length).toBe(1); // RX1 has credits owed: the outsider must not reach them
      await notFound('mutation($id: ID!) { waiveCredits(input: { entryIds: [$id], reason: "x" }) { id } }', { id: entries[0].node.id });
    },
    setSlaTerm: () =>
      notFound('mutation($c: ID!) { setSlaTerm(contractId: $c, input: { kind: AVAILABILITY, targetPercent: "50" }) { id } }', {
        c: ids.contract,
      }),
    removeSlaTerm: () => notFound('mutation($id: ID!) { removeSlaTerm(id: $id) }', { id: ids.slaTerm }),
    setCreditPolicy: () =>
      notFound(
        'mutation($c: ID!) { setCreditPolicy(contractId: $c, input: { availabilityBands: [{ shortfallUpTo: null, creditPercent: "0" }] }) { id } }',
        { c: ids.contract },
      ),
    recordExclusionWindow: () =>
      notFound(
        'mutation($s: ID!) { recordExclusionWindow(input: { serviceId: $s, kind: CONSUMER_ATTRIBUTED, startsAt: "2026-10-01T00:00:00Z", ' +
          'endsAt: "2026-10-30T00:00:00Z", reason: "x" }) { id } }',
        { s: ids.service },
      ),
    removeExclusionWindow: () => notFound('mutation($id: ID!) { removeExclusionWindow(id: $id) }', { id: ids.exclusionWindow }),
    complianceStatus: () =>
      notFound('query($org: ID!) { complianceStatus(organisationId: $org) { compliant missing { message } } }', { org: ids.organisation }),
    complianceOverview: async () => {
      const data = await noneOfRx1(
        '{ complianceOverview { organisation { odsCode } missing { message subjectId } conflicting { message subjectId } } }',
      );
      expect(data.complianceOverview.map((r: { organisation: { odsCode: unknown } }) => r.organisation.odsCode)).toEqual(['Y0A01']);
    },
    dsptAssessments: () => notFound('query($org: ID!) { dsptAssessments(organisationId: $org) { id } }', { org: ids.organisation }),
    recordDsptAssessment: () =>
      notFound(
        'mutation($org: ID!) { recordDsptAssessment(input: { organisationId: $org, status: STANDARDS_NOT_MET, publishedOn: "2025-01-10" }) { id } }',
        { org: ids.organisation },
      ),
    connectionAgreements: () =>
      notFound('query($org: ID!) { connectionAgreements(organisationId: $org) { id } }', { org: ids.organisation }),
    recordConnectionAgreement: () =>
      notFound(
        'mutation($org: ID!) { recordConnectionAgreement(input: { organisationId: $org, version: "99", signedOn: "2025-01-10", ' +
          'representingCustomers: true, signedByName: "x" }) { id } }',
        { org: ids.organisation },
      ),
    ipAllocations: async () => {
      await noneOfRx1('{ ipAllocations(first: 100, includeReleased: true) { edges { node { id cidr } } } }');
      const filtered = await server.gql(
        'query($org: ID!) { ipAllocations(organisationId: $org) { totalCount } }',
        { org: ids.organisation },
        outsider,
      );
      expect(filtered.data.ipAllocations.totalCount).toBe(0);
    },
    ipOverlaps: () => notFound('query($org: ID!) { ipOverlaps(organisationId: $org) { kind } }', { org: ids.organisation }),
    ripeRangesToReturn: () =>
      notFound('query($org: ID!, $s: ID!) { ripeRangesToReturn(organisationId: $org, supplierId: $s) { cidr } }', {
        org: ids.organisation,
        s: ids.supplier,
      }),
    allocateIpRange: () =>
      notFound('mutation($s: ID!) { allocateIpRange(input: { siteId: $s, cidr: "10.250.0.0/24", registration: PRIVATE }) { id } }', {
        s: ids.site,
      }),
    updateIpAllocation: () =>
      notFound('mutation($id: ID!) { updateIpAllocation(input: { id: $id, description: "hijacked" }) { id } }', { id: ids.ipAllocation }),
    releaseIpRange: () =>
      notFound('mutation($id: ID!) { releaseIpRange(input: { id: $id, reason: "hijack" }) { id } }', { id: ids.ipAllocation }),
    ipamDelegates: () =>
      notFound('query($org: ID!) { ipamDelegates(organisationId: $org, includeRevoked: true) { id } }', { org: ids.organisation }),
    grantIpamDelegateAccess: () =>
      notFound('mutation($c: ID!) { grantIpamDelegateAccess(input: { contactId: $c }) { id } }', { c: ids.contact }),
    revokeIpamDelegateAccess: () =>
      notFound('mutation($id: ID!) { revokeIpamDelegateAccess(input: { id: $id }) { id } }', { id: ids.ipamDelegate }),
    applicationAccessRequests: async () => {
      await noneOfRx1('{ applicationAccessRequests(first: 100) { edges { node { id application } } } }');
      const filtered = await server.gql(
        'query($org: ID!) { applicationAccessRequests(organisationId: $org) { totalCount } }',
        { org: ids.organisation },
        outsider,
      );
      expect(filtered.data.applicationAccessRequests.totalCount).toBe(0);
    },
    applicationAccessRequest: () => notFound('query($id: ID!) { applicationAccessRequest(id: $id) { status } }', { id: ids.accessRequest }),
    requestApplicationAccess: () =>
      notFound('mutation($c: ID!) { requestApplicationAccess(input: { requestedById: $c, application: "x" }) { id } }', { c: ids.contact }),
    moveApplicationAccessRequest: () =>
      notFound('mutation($id: ID!) { moveApplicationAccessRequest(input: { id: $id, status: WITHDRAWN, reason: "x" }) { status } }', {
        id: ids.accessRequest,
      }),
    severityOneWithoutNotification: () =>
      noneOfRx1('{ severityOneWithoutNotification { minutesSinceOpened incident { id summary } } }').then(() => undefined),
    logIncident: () =>
      notFound(
        `mutation($s: ID!, $c: ID!) { logIncident(input: { serviceId: $s, severity: 1, summary: "x", occurredAt: "2026-11-01T09:00:00Z", impact: "x",
          customerImpact: "x", stepsTaken: "x", updatesContactId: $c }) { id } }`,
        { s: ids.service, c: ids.outsiderContact },
      ),
    linkSupplierTicket: () =>
      notFound('mutation($id: ID!) { linkSupplierTicket(input: { incidentId: $id, supplierRef: "HIJACK-1" }) { id } }', {
        id: ids.loggedIncident,
      }),
    recordServiceCoordinatorNotification: () =>
      notFound('mutation($id: ID!) { recordServiceCoordinatorNotification(input: { incidentId: $id, notified: false }) { id } }', {
        id: ids.loggedIncident,
      }),
    escalations: () => noneOfRx1('{ escalations { totalCount edges { node { id summary } } } }').then(() => undefined),
    escalation: () => notFound('query($id: ID!) { escalation(id: $id) { summary } }', { id: ids.escalation }),
    escalationsOverdueForUpdate: () => noneOfRx1('{ escalationsOverdueForUpdate { id summary } }').then(() => undefined),
    raiseEscalation: async () => {
      await notFound(
        'mutation($s: ID!, $c: ID!) { raiseEscalation(input: { kind: ESCALATION, supplierId: $s, contractId: $c, summary: "x", ' +
          'updateIntervalHours: 4 }) { id } }',
        {
          s: ids.supplier,
          c: ids.contract,
        },
      );
      await notFound(
        'mutation($s: ID!, $o: ID!) { raiseEscalation(input: { kind: ESCALATION, supplierId: $s, organisationId: $o, summary: "x", ' +
          'updateIntervalHours: 4 }) { id } }',
        {
          s: ids.supplier,
          o: ids.organisation,
        },
      );
      await notFound(
        'mutation($s: ID!, $i: ID!) { raiseEscalation(input: { kind: ESCALATION, supplierId: $s, incidentId: $i, summary: "x", ' +
          'updateIntervalHours: 4 }) { id } }',
        {
          s: ids.supplier,
          i: ids.loggedIncident,
        },
      );
    },
    recordEscalationUpdate: () =>
      notFound('mutation($id: ID!) { recordEscalationUpdate(input: { escalationId: $id, givenBy: "x", text: "x" }) { id } }', {
        id: ids.escalation,
      }),
    escalate: () => notFound('mutation($id: ID!) { escalate(input: { escalationId: $id, reason: "x" }) { id } }', { id: ids.escalation }),
    agreeEscalationClosure: () => notFound('mutation($id: ID!) { agreeEscalationClosure(id: $id) { id } }', { id: ids.escalation }),
    closeEscalation: () =>
      notFound('mutation($id: ID!) { closeEscalation(input: { escalationId: $id, resolution: "x" }) { id } }', { id: ids.escalation }),
    deleteEscalation: () => notFound('mutation($id: ID!) { deleteEscalation(id: $id) }', { id: ids.escalation }),
    reviews: () => notFound('query($c: ID!) { reviews(contractId: $c) { id } }', { c: ids.contract }),
    review: () => notFound('query($id: ID!) { review(id: $id) { attendees } }', { id: ids.review }),
    overdueReviewActions: () => noneOfRx1('{ overdueReviewActions { id description } }').then(() => undefined),
    recordReview: () =>
      notFound(
        'mutation($c: ID!) { recordReview(input: { contractId: $c, heldOn: "2026-11-20", periodFrom: "2026-10", periodTo: "2026-10", ' +
          'attendees: ["x"] }) { id } }',
        { c: ids.contract },
      ),
    addReviewAction: () =>
      notFound(
        'mutation($id: ID!) { addReviewAction(input: { reviewId: $id, description: "x", ownerUser: "x", dueDate: "2026-12-01" }) { id } }',
        { id: ids.review },
      ),
    setReviewActionStatus: () =>
      notFound('mutation($id: ID!) { setReviewActionStatus(input: { id: $id, status: DONE }) { id } }', { id: ids.reviewAction }),
    orders: async () => {
      await noneOfRx1('{ orders(first: 100) { totalCount edges { node { id status supplierOrderReference } } } }');
      const filtered = await server.gql(
        'query($c: ID!, $s: ID!) { byContract: orders(filter: { contractId: $c }) { totalCount } byService: orders(filter: { serviceId: $s }) { totalCount } }',
        { c: ids.contract, s: ids.newService },
        outsider,
      );
      expect(filtered.data).toEqual({ byContract: { totalCount: 0 }, byService: { totalCount: 0 } });
    },
    order: () => notFound('query($id: ID!) { order(id: $id) { status } }', { id: ids.order }),
    ordersPastCommittedDate: () => noneOfRx1('{ ordersPastCommittedDate { id supplierOrderReference } }').then(() => undefined),
    legacyServicesToCease: () =>
      notFound('query($o: ID!) { legacyServicesToCease(organisationId: $o) { service { reference } dualRunningExposure } }', {
        o: ids.organisation,
      }),
    createOrder: async () => {
      await notFound(
        'mutation($c: ID!, $s: ID!) { createOrder(input: { type: NEW_SERVICE, contractId: $c, siteId: $s, requestedDate: "2026-01-01", ' +
          'serviceType: VOICE, resilience: NON_RESILIENT, bandwidthMbps: 1, monthlyCharge: "1.00" }) { id } }',
        { c: ids.contract, s: ids.site },
      );
      await notFound('mutation($s: ID!) { createOrder(input: { type: CEASE, serviceId: $s, requestedDate: "2026-01-01" }) { id } }', {
        s: ids.newService,
      });
    },
    moveOrder: () =>
      notFound('mutation($id: ID!) { moveOrder(input: { id: $id, status: CANCELLED, reason: "x" }) { status } }', { id: ids.openOrder }),
    setOrderCommittedDate: () =>
      notFound('mutation($id: ID!) { setOrderCommittedDate(input: { id: $id, committedDate: "2099-01-01" }) { status } }', {
        id: ids.openOrder,
      }),
    completeOrder: () =>
      notFound('mutation($id: ID!) { completeOrder(input: { id: $id, completedOn: "2026-01-01" }) { status } }', { id: ids.openOrder }),
    linkReplacementService: () =>
      notFound('mutation($l: ID!, $r: ID!) { linkReplacementService(input: { legacyServiceId: $l, replacementServiceId: $r }) { id } }', {
        l: ids.legacyService,
        r: ids.service,
      }),
    unlinkReplacementService: () =>
      notFound('mutation($l: ID!) { unlinkReplacementService(legacyServiceId: $l) { id } }', { l: ids.legacyService }),
    notifications: async () => {
      const data = await noneOfRx1(
        '{ notifications(first: 100) { totalCount edges { node { kind subjectId message organisation { odsCode } } } } }',
      );
      expect(
        data.notifications.edges.every((e: { node: { organisation: { odsCode: unknown } } }) => e.node.organisation.odsCode === 'Y0A01'),
      ).toBe(true);
      await notFound('query($o: ID!) { notifications(filter: { organisationId: $o }) { totalCount } }', { o: ids.organisation });
    },
    webhookSubscriptions: async () => {
      await noneOfRx1('{ webhookSubscriptions { totalCount edges { node { id url } } } }');
      const filtered = await server.gql(
        'query($o: ID!) { webhookSubscriptions(filter: { organisationId: $o }) { totalCount } }',
        { o: ids.organisation },
        outsider,
      );
      expect(filtered.data.webhookSubscriptions.totalCount).toBe(0);
    },
    webhookDeliveries: () =>
      notFound('query($id: ID!) { webhookDeliveries(subscriptionId: $id) { totalCount edges { node { payload } } } }', {
        id: ids.webhookSubscription,
      }),
    createWebhookSubscription: () =>
      notFound(
        'mutation($o: ID!) { createWebhookSubscription(input: { organisationId: $o, url: "http://127.0.0.1:9/hijack", kinds: ' +
          '[CONTRACT_NOTICE_DUE] }) { secret } }',
        { o: ids.organisation },
      ),
    updateWebhookSubscription: () =>
      notFound(
        'mutation($id: ID!) { updateWebhookSubscription(input: { id: $id, url: "http://127.0.0.1:9/hijack", enabled: true }) { id } }',
        { id: ids.webhookSubscription },
      ),
    deleteWebhookSubscription: () => notFound('mutation($id: ID!) { deleteWebhookSubscription(id: $id) }', { id: ids.webhookSubscription }),
    rotateWebhookSecret: () => notFound('mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }', { id: ids.webhookSubscription }),
    redeliverWebhook: () => notFound('mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { status } }', { id: ids.webhookDelivery }),
    createApiKey: { global: "issues keys for the caller's own organisation only; covered by the auth suite" },
    revokeApiKey: () => notFound('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: ids.apiKey }),
    createSupplier: {
      global:
        "the supplier catalogue is national reference data maintained by NHS England's CATALOGUE_ADMIN alone; covered by catalogue-authority",
    },
    updateSupplier: {
      global:
        "the supplier catalogue is national reference data maintained by NHS England's CATALOGUE_ADMIN alone; covered by catalogue-authority",
    },
  };

  it('has a case for every root query and mutation', async () => {
    const schema = await buildGraphqlSchema(createServices(server.db.config));
    const rootFields = [...Object.keys(schema.getQueryType()!.getFields()), ...Object.keys(schema.getMutationType()!.getFields())];
    expect(Object.keys(cases).sort()).toEqual(rootFields.sort());
  });

  for (const [field, check] of Object.entries(cases)) {
    if (typeof check === 'function') it(`${field}: another tenant sees and changes nothing of RX1's`, check);
  }

  it("leaves RX1's records exactly as they were", async () => {
    expect((await server.gql(SNAPSHOT, {}, rx1)).data).toEqual(rx1Snapshot);
    expect((await server.gql(COMPLIANCE_SNAPSHOT, { org: ids.organisation }, rx1)).data).toEqual(rx1ComplianceSnapshot);
  });

  it('lets a CSU see the organisations it acts for, and a trust only itself', async () => {
    const csu = await server.token('0CX', Role.VIEWER);
    const seen = await server.gql(
      '{ organisations { edges { node { odsCode } } } contracts(first: 100) { edges { node { organisation { odsCode } } } } }',
      {},
      csu,
    );
    expect(seen.data.organisations.edges.map((e: { node: { odsCode: unknown } }) => e.node.odsCode).sort()).toEqual(['0CX', 'RX1', 'RX2']);
    const owners = new Set(
      seen.data.contracts.edges.map((e: { node: { organisation: { odsCode: unknown } } }) => e.node.organisation.odsCode),
    );
    expect([...owners].sort()).toEqual(['0CX', 'RX1', 'RX2']);

    const trust = await server.token('RX2', Role.VIEWER);
    const rx2 = await server.gql('{ contracts(first: 100) { edges { node { organisation { odsCode } } } } }', {}, trust);
    expect(
      new Set(rx2.data.contracts.edges.map((e: { node: { organisation: { odsCode: unknown } } }) => e.node.organisation.odsCode)),
    ).toEqual(new Set(['RX2']));
    expect(errorCode(await server.gql('query($id: ID!) { contract(id: $id) { id } }', { id: ids.contract }, trust))).toBe('NOT_FOUND');
  });
});
