import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ClientError, GraphQLClient } from 'graphql-request';
import { DateTime } from 'luxon';
import {
  ApproveInvoiceDocument,
  ContractServicesDocument,
  ContractsDocument,
  CreateFeedKeyDocument,
  ExportPaymentsDocument,
  FeedRunDocument,
  IncidentsDocument,
  IngestFeedDocument,
  IngestInvoicesDocument,
  InvoicesDocument,
  MoveDisputeDocument,
  NotificationsDocument,
  RaiseDisputeDocument,
  ReconcileInvoiceDocument,
  SetBillingPolicyDocument,
  SlaReportDocument,
} from './generated/graphql';
import type { FirstHourOptions } from './first-hour-options';
import { everyNode } from './pages';
import { daysBetween, monthsBetween, moveDays, moveMonths } from './redate';

const FIXTURES = join(__dirname, '..', 'fixtures', 'feeds');
/** the month and first incident day the feed fixtures were written around */
const FIXTURE_MONTH = '2026-11';
const FIXTURE_DAY = '2026-11-02';
const CONTRACT = 'RX1-HSCN-2023-01';
const INVOICE = 'PDN-INV-2026-1101';

/**
 * A contract manager's first hour, as a portal developer scripts it with operations typed by
 * graphql-codegen and sent by graphql-request: contracts, a feed key for the supplier, its
 * incident, performance and invoice documents, the SLA report, reconciliation, a dispute,
 * two approvals, the payment export and notifications. Each step checks what a user sees.
 * Every list is asked for with `after: null` first, as generated clients do.
 */
export async function firstHour({ url, manager: managerToken, admin: adminToken, approvers }: FirstHourOptions): Promise<void> {
  const as = (headers: Record<string, string>) => new GraphQLClient(`${url}/graphql`, { headers });
  const bearer = (token: string) => as({ authorization: `Bearer ${token}` });
  const manager = bearer(managerToken);
  const admin = bearer(adminToken);
  const [approver, secondApprover] = approvers.map((a) => bearer(a.token)) as [GraphQLClient, GraphQLClient];

  const today = DateTime.now().setZone('Europe/London').startOf('day');
  const lastMonth = today.startOf('month').minus({ months: 1 });
  // incidents and invoices land in last month (the invoice dated its first day, for the month before): the dispute window is open
  const byMonth = (path: string) => moveMonths(fixture(path), monthsBetween(FIXTURE_MONTH, lastMonth.toFormat('yyyy-MM')));
  // samples are kept for 35 days: the fixture's day becomes a fortnight ago
  const byDays = (path: string) => moveDays(fixture(path), daysBetween(FIXTURE_DAY, today.minus({ days: 14 }).toISODate()!));

  // 1. The trust's three contracts, two to a page, and the live services of the one with Pennine
  const contracts = await everyNode((after) =>
    manager.request(ContractsDocument, { first: 2, after, search: null }).then((r) => r.contracts),
  );
  expect(contracts).toHaveLength(3);
  const contract = contracts.find((c) => c.reference === CONTRACT)!;
  expect(contract).toMatchObject({
    status: 'ACTIVE',
    serviceHours: 'TWENTY_FOUR_SEVEN',
    disputeWindowDays: 90,
    supplier: { cnspId: 'PDN00001' },
    organisation: { odsCode: 'RX1' },
  });
  const services = await everyNode((after) =>
    manager.request(ContractServicesDocument, { id: contract.id, first: 10, after }).then((r) => r.contract.services),
  );
  expect(services.length).toBeGreaterThan(10);
  expect(services.map((service) => service.reference)).toEqual(
    expect.arrayContaining(['PDN-ETH-100037', 'PDN-ETH-100074', 'PDN-ETH-100111', 'PDN-INT-100629']),
  );
  const supplierId = contract.supplier.id;

  // 2. A feed key for Pennine's systems, issued by the trust's administrator; its secret is shown once
  const { createApiKey } = await admin.request(CreateFeedKeyDocument, {
    input: { name: 'Pennine feeds', roles: ['SUPPLIER_FEED'], supplierId },
  });
  expect(createApiKey.apiKey).toMatchObject({ roles: ['SUPPLIER_FEED'], supplier: { cnspId: 'PDN00001' } });
  const feedKey = createApiKey.secret;
  const supplierSystem = as({ 'x-api-key': feedKey });

  // 3. Incidents, posted over HTTP as a supplier's system sends them: the answer is the run, with the row it refused
  const posted = await fetch(`${url}/feeds/incidents?filename=tickets.csv`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', 'x-api-key': feedKey },
    body: byMonth('incidents/valid.csv'),
  });
  expect(posted.status).toBe(200);
  const intake = (await posted.json()) as {
    run: { id: string; status: string };
    rejectedRows: { location: string; reason: string }[];
    moreRejectedRows: number;
    incidents: { id: string; supplierRef: string; created: boolean }[];
    moreIncidents: number;
  };
  expect(intake).toMatchObject({
    run: { status: 'PARTIAL' },
    moreRejectedRows: 0,
    rejectedRows: [{ location: 'line 6', reason: expect.stringContaining('PDN-UNKNOWN-0001') }],
  });
  // the answer names the incidents the document became, as the run itself lists them
  expect(intake).toMatchObject({ moreIncidents: 0 });
  expect(intake.incidents).toHaveLength(4);
  expect(intake.incidents.every((incident) => incident.created)).toBe(true);
  const { feedRun: incidentRun } = await manager.request(FeedRunDocument, {
    id: intake.run.id,
    firstRejected: 10,
    afterRejected: null,
    firstStored: 2,
    afterStored: null,
  });
  expect(incidentRun).toMatchObject({
    kind: 'INCIDENT',
    format: 'CSV',
    status: 'PARTIAL',
    rowsRead: 5,
    rowsAccepted: 4,
    rowsRejected: 1,
    rejectedRows: { totalCount: 1 },
  });
  expect(incidentRun.incidents.totalCount).toBe(4);
  const stored = await everyNode((after) =>
    manager
      .request(FeedRunDocument, { id: intake.run.id, firstRejected: 0, afterRejected: null, firstStored: 2, afterStored: after })
      .then((r) => r.feedRun.incidents),
  );
  expect(stored.map((incident) => incident.id)).toEqual(intake.incidents.map((incident) => incident.id));
  // the Severity 1 outage: 4 h 45 min open, 2 h 30 min of it waiting for site access, so 135 of its 240 minutes used;
  // found among what the run stored, and again by the contract's incidents
  const severityOne = stored.filter((incident) => incident.severity === 1);
  const byContract = await everyNode((after) =>
    manager.request(IncidentsDocument, { first: 10, after, contractId: contract.id, severity: [1] }).then((r) => r.incidents),
  );
  expect(byContract.map((incident) => incident.id)).toEqual(severityOne.map((incident) => incident.id));
  expect(severityOne).toEqual([
    expect.objectContaining({
      supplierRef: 'PDN-INC-20461',
      status: 'CLOSED',
      service: { reference: 'PDN-ETH-100037' },
      pausedMinutes: 150,
      resolutionBusinessMinutes: 135,
      resolutionTargetMinutes: 240,
      resolutionBreached: false,
      slaStage: 'MET',
    }),
  ]);
  expect(severityOne[0]!.statusHistory.map((change) => change.status)).toEqual([
    'IN_PROGRESS',
    'PENDING',
    'IN_PROGRESS',
    'RESOLVED',
    'CLOSED',
  ]);

  // 4. Performance samples through GraphQL with the same key
  const { ingestFeed: performance } = await supplierSystem.request(IngestFeedDocument, {
    input: { supplierId, kind: 'PERFORMANCE', format: 'CSV', document: byDays('performance/valid.csv'), fileName: 'performance.csv' },
    firstRejected: 10,
    afterRejected: null,
  });
  expect(performance).toMatchObject({ kind: 'PERFORMANCE', status: 'SUCCEEDED', rowsRead: 8, rowsAccepted: 8, rowsRejected: 0 });

  // 5. Invoices through GraphQL; then find the invoice the document became
  const { ingestFeed: invoiceRun } = await supplierSystem.request(IngestInvoicesDocument, {
    input: { supplierId, kind: 'INVOICE', format: 'CSV', document: byMonth('invoices/invoices.csv'), fileName: 'invoices.csv' },
    firstRejected: 10,
    afterRejected: null,
    firstStored: 10,
    afterStored: null,
  });
  expect(invoiceRun).toMatchObject({ kind: 'INVOICE', status: 'SUCCEEDED', rowsRead: 2, rowsAccepted: 2 });
  expect(invoiceRun.invoices).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: false } });
  const invoice = invoiceRun.invoices.edges.map((edge) => edge.node).find((node) => node.invoiceNumber === INVOICE)!;
  expect(invoice).toMatchObject({ invoiceNumber: INVOICE, status: 'RECEIVED', grossTotal: '9189.60' });
  // and by its number, as a portal finds it later
  const found = await everyNode((after) =>
    manager.request(InvoicesDocument, { first: 10, after, invoiceNumber: INVOICE, period: null, status: null }).then((r) => r.invoices),
  );
  expect(found).toEqual([invoice]);

  // 6. Last month's SLA report: the outage met its targets; a Severity 2 answered late and a Severity 3 still open breached, and the late fix is owed a credit
  const { slaReport } = await manager.request(SlaReportDocument, { contractId: contract.id, period: lastMonth.toFormat('yyyy-MM') });
  const term = (kind: string, severity: number) => slaReport.terms.find((t) => t.kind === kind && t.severity === severity)!;
  expect(term('INCIDENT_RESOLUTION', 1)).toMatchObject({ status: 'MET', target: '100% within 240 min', achieved: '1 of 1 (100.0%)' });
  expect(term('INCIDENT_RESPONSE', 2)).toMatchObject({
    status: 'BREACHED',
    incidents: [{ supplierRef: 'PDN-INC-20502', minutes: 205, targetMinutes: 30, breached: true }],
  });
  expect(term('INCIDENT_RESOLUTION', 3)).toMatchObject({
    status: 'BREACHED',
    incidents: [{ supplierRef: 'PDN-INC-20477', targetMinutes: 720, breached: true }],
  });
  // a few hours of samples are not a month's availability
  expect(new Set(slaReport.terms.filter((t) => t.kind === 'AVAILABILITY').map((t) => t.status))).toEqual(new Set(['INSUFFICIENT_DATA']));
  expect(slaReport.credits).toEqual([
    expect.objectContaining({ kind: 'INCIDENT_RESOLUTION', amount: '89.60', service: { reference: 'PDN-ETH-100074' } }),
  ]);
  expect(slaReport.totals).toMatchObject({ met: 6, breached: 2, creditsOwed: '89.60' });

  // 7. Reconciliation: a one-off visit nobody ordered is the only disputable finding; the rest is reported
  const { reconcileInvoice } = await manager.request(ReconcileInvoiceDocument, { id: invoice.id });
  const disputable = reconcileInvoice.findings.filter((f) => f.disputable);
  expect(disputable).toEqual([
    expect.objectContaining({
      type: 'ONE_OFF_WITHOUT_ORDER',
      serviceReference: 'PDN-ETH-100185',
      expectedAmount: '0.00',
      invoicedAmount: '420.00',
      difference: '420.00',
    }),
  ]);
  expect(disputable[0]!.explanation).toContain(
    'one-off charge of £350.00 ("Out-of-hours engineer visit") with no completed order behind it',
  );
  expect(new Set(reconcileInvoice.findings.filter((f) => !f.disputable).map((f) => f.type))).toEqual(new Set(['NOT_BILLED']));
  expect(reconcileInvoice).toMatchObject({ agreedAmount: '8769.60', differenceTotal: '420.00' });

  // 8. A dispute for it, sent to the supplier: the amount is kept back from payment
  const { raiseDispute } = await manager.request(RaiseDisputeDocument, {
    input: { findingIds: [disputable[0]!.id], evidence: 'No order was raised for an out-of-hours visit' },
  });
  expect(raiseDispute).toMatchObject({
    state: 'DRAFT',
    disputedAmount: '420.00',
    deadline: lastMonth.plus({ days: 90 }).toISODate(),
    invoice: { invoiceNumber: INVOICE, withheldAmount: '420.00' },
  });
  const { moveDispute } = await manager.request(MoveDisputeDocument, {
    input: { id: raiseDispute.id, state: 'SUBMITTED', reason: 'Sent to Pennine billing' },
  });
  expect(moveDispute.state).toBe('SUBMITTED');
  expect(moveDispute.history.map((h) => [h.fromState, h.toState])).toEqual([
    [null, 'DRAFT'],
    ['DRAFT', 'SUBMITTED'],
  ]);

  // 9. Approval: the administrator sets a £5,000 second-approval threshold, so the £8,769.60 undisputed needs two different approvers
  const { setBillingPolicy } = await admin.request(SetBillingPolicyDocument, {
    organisationId: contract.organisation.id,
    input: { secondApprovalAbove: '5000.00', costCentre: 'RX1-IMT-4410' },
  });
  expect(setBillingPolicy).toEqual({ secondApprovalAbove: '5000.00', costCentre: 'RX1-IMT-4410', custom: true });
  const first = (await approver.request(ApproveInvoiceDocument, { input: { id: invoice.id } })).approveInvoice;
  expect(first).toMatchObject({
    status: 'RECONCILED',
    approvedAmount: null,
    approvals: [{ stage: 1, amount: '8769.60', approvedBy: approvers[0].subject }],
  });
  const again = await approver.request(ApproveInvoiceDocument, { input: { id: invoice.id } }).then(
    () => null,
    (error: unknown) => error,
  );
  expect(again).toBeInstanceOf(ClientError);
  expect((again as ClientError).response.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SECOND_APPROVER_REQUIRED' });
  // the second approver finds it among their notifications, naming who gave the first approval
  const awaiting = await everyNode((after) =>
    secondApprover.request(NotificationsDocument, { first: 10, after, kinds: ['INVOICE_AWAITING_APPROVAL'] }).then((r) => r.notifications),
  );
  expect(awaiting).toEqual([expect.objectContaining({ kind: 'INVOICE_AWAITING_APPROVAL', subjectId: invoice.id, subjectType: 'Invoice' })]);
  expect(awaiting[0]!.message).toContain(
    `has a first approval by ${approvers[0].subject} for £8769.60 and needs a second, different finance approver (above £5000.00)`,
  );
  const second = (await secondApprover.request(ApproveInvoiceDocument, { input: { id: invoice.id } })).approveInvoice;
  expect(second).toMatchObject({
    status: 'APPROVED',
    approvedAmount: '8769.60',
    approvedVat: '1461.60',
    approvals: [
      { stage: 1, approvedBy: approvers[0].subject },
      { stage: 2, amount: '8769.60', approvedBy: approvers[1].subject },
    ],
  });

  // 10. The payment export for the month of the approval: the undisputed amount, under the trust's cost centre
  const month = DateTime.fromISO(second.approvedAt!).setZone('Europe/London').toFormat('yyyy-MM');
  const { exportPayments } = await approver.request(ExportPaymentsDocument, { period: month });
  expect(exportPayments).toMatchObject({
    totalApproved: '8769.60',
    totalVat: '1461.60',
    rows: [
      {
        supplierName: 'Pennine Digital Networks Ltd',
        organisationOdsCode: 'RX1',
        costCentre: 'RX1-IMT-4410',
        approvedAmount: '8769.60',
        invoice: { invoiceNumber: INVOICE },
      },
    ],
  });
  const rows = parse(exportPayments.csv, { columns: true }) as Record<string, string>[];
  expect(rows).toEqual([
    expect.objectContaining({
      invoice_number: INVOICE,
      supplier_cnsp_id: 'PDN00001',
      cost_centre: 'RX1-IMT-4410',
      approved_amount: '8769.60',
      vat: '1461.60',
      net: '7308.00',
      status: 'APPROVED',
    }),
  ]);

  // 11. Notifications: nothing awaits approval now; the contract manager sees the contract's notice date coming
  const stillAwaiting = await secondApprover.request(NotificationsDocument, {
    first: 10,
    after: null,
    kinds: ['INVOICE_AWAITING_APPROVAL'],
  });
  expect(stillAwaiting.notifications.totalCount).toBe(0);
  const notifications = await everyNode((after) =>
    manager.request(NotificationsDocument, { first: 3, after, kinds: null }).then((r) => r.notifications),
  );
  const notice = notifications.find((n) => n.kind === 'CONTRACT_NOTICE_DUE' && n.subjectId === contract.id)!;
  expect(notice.message).toContain(`Contract ${CONTRACT}`);
  expect(notice.dueOn).toBe(contract.noticeDate);
}

const fixture = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');
