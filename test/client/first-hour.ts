import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLClient } from 'graphql-request';
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
  InvoiceDocument,
  InvoicesDocument,
  MoveDisputeDocument,
  NotificationsDocument,
  RaiseDisputeDocument,
  ReconcileInvoiceDocument,
  SetBillingPolicyDocument,
  SlaReportDocument,
  type ContractSummaryFragment,
  type NotificationKind,
} from './generated/graphql';
import { monthsBetween, moveMonths } from './redate';

export interface FirstHourOptions {
  /** the server's origin, e.g. http://127.0.0.1:4000 */
  readonly url: string;
  /** Bearer tokens: the trust's contract manager, its administrator and two different finance approvers */
  readonly tokens: { readonly manager: string; readonly admin: string; readonly approver: string; readonly secondApprover: string };
  /** what the second approver's token is issued to (its `sub`), as the first approval names it */
  readonly approverSubject: string;
}

const FIXTURES = join(__dirname, '..', 'fixtures', 'feeds');
/** the month the feed fixtures were written for */
const FIXTURE_MONTH = '2026-11';
const CONTRACT = 'RX1-HSCN-2023-01';

/**
 * A contract manager's first hour, as a portal developer scripts it with operations typed by
 * graphql-codegen: contracts, a feed key for the supplier, its incident, performance and
 * invoice documents, the SLA report, reconciliation, a dispute, two approvals, the payment
 * export and notifications. Each step checks what a user would see.
 */
export async function firstHour({ url, tokens, approverSubject }: FirstHourOptions): Promise<void> {
  const as = (headers: Record<string, string>) => new GraphQLClient(`${url}/graphql`, { headers });
  const manager = as({ authorization: `Bearer ${tokens.manager}` });
  const admin = as({ authorization: `Bearer ${tokens.admin}` });
  const approver = as({ authorization: `Bearer ${tokens.approver}` });
  const secondApprover = as({ authorization: `Bearer ${tokens.secondApprover}` });
  // the supplier's documents are last month's, so that the dispute window is open
  const lastMonth = DateTime.now().setZone('Europe/London').startOf('month').minus({ months: 1 });
  const document = (path: string) => moveMonths(readFileSync(join(FIXTURES, path), 'utf8'), monthsBetween(FIXTURE_MONTH, lastMonth.toFormat('yyyy-MM')));

  // 1. Contracts, page by page, as a generated client pages: `after: null` first, then each page's end cursor
  const contracts: ContractSummaryFragment[] = [];
  let after: string | null = null;
  let totalCount = 0;
  do {
    const page: Awaited<ReturnType<typeof contractsPage>> = await contractsPage(manager, after);
    contracts.push(...page.edges.map((edge) => edge.node));
    totalCount = page.totalCount;
    after = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null;
  } while (after !== null);
  expect(contracts).toHaveLength(totalCount);
  const contract = contracts.find((c) => c.reference === CONTRACT)!;
  expect(contract).toMatchObject({ status: 'ACTIVE', serviceHours: 'TWENTY_FOUR_SEVEN', supplier: { cnspId: 'PDN00001' }, organisation: { odsCode: 'RX1' } });
  const { contract: withServices } = await manager.request(ContractServicesDocument, { id: contract.id });
  const references = withServices.services.map((service) => service.reference);
  expect(references).toEqual(expect.arrayContaining(['PDN-ETH-100037', 'PDN-ETH-100074', 'PDN-ETH-100111', 'PDN-INT-100629']));

  // 2. A feed key for Pennine's systems, issued by the trust's administrator
  const { createApiKey } = await admin.request(CreateFeedKeyDocument, { input: { name: 'Pennine feeds', roles: ['SUPPLIER_FEED'], supplierId: contract.supplier.id } });
  expect(createApiKey.apiKey).toMatchObject({ roles: ['SUPPLIER_FEED'], supplier: { cnspId: 'PDN00001' } });
  const feedKey = createApiKey.secret;
  const supplierSystem = as({ 'x-api-key': feedKey });

  // 3. Incidents over HTTP, as a supplier's system posts them; the answer is the run
  const posted = await fetch(`${url}/feeds/incidents?filename=tickets.csv`, { method: 'POST', headers: { 'content-type': 'text/csv', 'x-api-key': feedKey }, body: document('incidents/valid.csv') });
  expect(posted.status).toBe(200);
  const intake = (await posted.json()) as { run: { id: string; status: string; rowsAccepted: number; rowsRejected: number }; rejectedRows: { location: string; reason: string }[]; moreRejectedRows: number };
  console.log(JSON.stringify(intake, null, 1));
  const { feedRun } = await manager.request(FeedRunDocument, { id: intake.run.id, firstRejected: 10, afterRejected: null });
  console.log(JSON.stringify(feedRun, null, 1));
  const sev1 = await manager.request(IncidentsDocument, { first: 10, after: null, supplierId: contract.supplier.id, severity: [1] });
  console.log(JSON.stringify(sev1, null, 1));

  // 4. Performance through GraphQL with the same key
  const { ingestFeed: performance } = await supplierSystem.request(IngestFeedDocument, {
    input: { supplierId: contract.supplier.id, kind: 'PERFORMANCE', format: 'CSV', document: document('performance/valid.csv'), fileName: 'performance.csv' },
    firstRejected: 10,
    afterRejected: null,
  });
  console.log(JSON.stringify(performance, null, 1));

  // 5. Invoices through GraphQL; find the invoice the document became
  const { ingestFeed: invoiceRun } = await supplierSystem.request(IngestFeedDocument, {
    input: { supplierId: contract.supplier.id, kind: 'INVOICE', format: 'CSV', document: document('invoices/invoices.csv'), fileName: 'invoices.csv' },
    firstRejected: 10,
    afterRejected: null,
  });
  console.log(JSON.stringify(invoiceRun, null, 1));
  const invoicePeriod = lastMonth.minus({ months: 1 }).toFormat('yyyy-MM');
  const invoices = await manager.request(InvoicesDocument, { first: 10, after: null, period: invoicePeriod, status: null });
  console.log(JSON.stringify(invoices, null, 1));
  const invoiceId = invoices.invoices.edges.find((e) => e.node.invoiceNumber === 'PDN-INV-2026-1101')!.node.id;

  // 6. The SLA report for the incidents' month
  const { slaReport } = await manager.request(SlaReportDocument, { contractId: contract.id, period: lastMonth.toFormat('yyyy-MM') });
  console.log(JSON.stringify(slaReport, null, 1));

  // 7. Reconciliation
  const { reconcileInvoice } = await manager.request(ReconcileInvoiceDocument, { id: invoiceId });
  console.log(JSON.stringify(reconcileInvoice, null, 1));
  const oneOff = reconcileInvoice.findings.find((f) => f.type === 'ONE_OFF_WITHOUT_ORDER')!;

  // 8. Dispute
  const { raiseDispute } = await manager.request(RaiseDisputeDocument, { input: { findingIds: [oneOff.id], evidence: 'No order was raised for an out-of-hours visit' } });
  console.log(JSON.stringify(raiseDispute, null, 1));
  const { moveDispute } = await manager.request(MoveDisputeDocument, { input: { id: raiseDispute.id, state: 'SUBMITTED', reason: 'Sent to Pennine billing' } });
  console.log(JSON.stringify(moveDispute, null, 1));

  // 9. Approval
  const policy = await admin.request(SetBillingPolicyDocument, { organisationId: contract.organisation.id, input: { secondApprovalAbove: '5000.00', costCentre: 'RX1-IMT-4410' } });
  console.log(JSON.stringify(policy, null, 1));
  const first = await approver.request(ApproveInvoiceDocument, { input: { id: invoiceId, acceptUndisputedFindings: true } });
  console.log(JSON.stringify(first, null, 1));
  const waiting = await secondApprover.request(NotificationsDocument, { first: 20, after: null, kinds: ['INVOICE_AWAITING_APPROVAL' satisfies NotificationKind] });
  console.log(JSON.stringify(waiting, null, 1), approverSubject);
  const second = await secondApprover.request(ApproveInvoiceDocument, { input: { id: invoiceId, acceptUndisputedFindings: true } });
  console.log(JSON.stringify(second, null, 1));
  const { invoice } = await manager.request(InvoiceDocument, { id: invoiceId });
  console.log(JSON.stringify(invoice.status));

  // 10. Payment export
  const exportPeriod = DateTime.fromISO(second.approveInvoice.approvedAt!).setZone('Europe/London').toFormat('yyyy-MM');
  const exported = await approver.request(ExportPaymentsDocument, { period: exportPeriod });
  console.log(JSON.stringify(exported, null, 1));

  // 11. Notifications
  const notes = await manager.request(NotificationsDocument, { first: 20, after: null, kinds: null });
  console.log(JSON.stringify(notes, null, 1));
}

const contractsPage = async (client: GraphQLClient, after: string | null) => (await client.request(ContractsDocument, { first: 3, after, search: null })).contracts;
