import type { DataSource } from 'typeorm';
import { ApiKeyService } from './auth/api-key.service';
import { Authenticator } from './auth/authenticator';
import { ContactService } from './contacts/contact.service';
import { ContractService } from './contracts/contract.service';
import { OrganisationScopes } from './organisations/organisation-scopes';
import { OrganisationService } from './organisations/organisation.service';
import { ServiceInventory } from './services/service-inventory';
import { SiteService } from './sites/site.service';
import { SupplierService } from './suppliers/supplier.service';
import type { AppConfig } from './config/config';
import { adapters } from './feeds/adapters';
import { FeedPipeline } from './feeds/feed-pipeline';
import { FeedPuller } from './feeds/feed-puller';
import { FeedRunService } from './feeds/feed-run.service';
import { FeedKind } from './feeds/records';
import { PerformanceWriter } from './performance/performance-writer';
import { IncidentWriter } from './incidents/incident-writer';
import { IncidentService } from './incidents/incident.service';
import { IncidentSlaService } from './sla/incident-sla.service';
import { SlaConfigService } from './sla/sla-config.service';
import { hasServiceCalendar } from './sla/calendars';
import { SlaReportService } from './sla/sla-report.service';
import { PerformanceQueries } from './sla/performance-queries.service';
import { ScorecardService } from './scorecards/scorecard.service';
import { InvoiceWriter } from './billing/invoice-writer';
import { ReconciliationService } from './billing/reconciliation.service';
import { DisputeService } from './billing/dispute.service';
import { InvoiceService } from './billing/invoice.service';
import { AuditService } from './audit/audit.service';
import { InvoiceApprovalService } from './billing/invoice-approval.service';
import { PaymentExportService } from './billing/payment-export.service';
import { BillingSummaryService } from './billing/billing-summary.service';
import { InventoryComparer } from './services/inventory-comparer';
import { InventoryComparisonService } from './services/inventory-comparison.service';
import { EscalationService } from './escalations/escalation.service';
import { ReviewService } from './reviews/review.service';
import { AccessRequestService } from './compliance/access-request.service';
import { ComplianceStatusService } from './compliance/compliance-status.service';
import { IpamService } from './compliance/ipam.service';
import { RegisterService } from './compliance/register.service';
import { OrderService } from './orders/order.service';
import { LegacyCeaseService } from './orders/legacy-cease.service';
import { CreditLedgerService } from './billing/ledger/credit-ledger.service';
import { MonthCloser } from './billing/ledger/month-close';
import { NotificationService } from './notifications/notification.service';
import { WebhookDispatcher } from './notifications/webhook-dispatcher';
import { WebhookService } from './notifications/webhook.service';

/**
 * The composition root: every service, built once and stateless, shared by the API (graphql/schema.ts
 * receives them), the CLI, the seeds and feed ingestion. It sits above the domains and below the API.
 */
export function createServices(config: Pick<AppConfig, 'feeds'>) {
  const suppliers = new SupplierService();
  const organisations = new OrganisationService();
  const contracts = new ContractService(suppliers, hasServiceCalendar);
  const sites = new SiteService();
  const inventory = new ServiceInventory(contracts, sites);
  const contacts = new ContactService(suppliers, contracts, sites);
  const apiKeys = new ApiKeyService(suppliers);
  const feedRuns = new FeedRunService();
  const slaReports = new SlaReportService(contracts);
  const creditLedger = new CreditLedgerService(new MonthCloser(slaReports));
  const feeds = new FeedPipeline(
    adapters,
    {
      [FeedKind.PERFORMANCE]: new PerformanceWriter(config.feeds.retentionDays),
      [FeedKind.INCIDENT]: new IncidentWriter(),
      [FeedKind.INVOICE]: new InvoiceWriter((ctx, run) => creditLedger.invoicesArrived(ctx, run)),
      [FeedKind.INVENTORY]: new InventoryComparer(),
    },
    suppliers,
  );
  const feedPuller = new FeedPuller(feeds, suppliers);
  const incidents = new IncidentService();
  const incidentSla = new IncidentSlaService();
  const slaConfig = new SlaConfigService(contracts, inventory);
  const performance = new PerformanceQueries(inventory);
  const scorecards = new ScorecardService(slaReports, suppliers);
  const invoices = new InvoiceService();
  const disputes = new DisputeService(creditLedger);
  const reconciliation = new ReconciliationService(invoices, creditLedger);
  const billing = {
    approvals: new InvoiceApprovalService(invoices),
    paymentExports: new PaymentExportService(),
    billingSummaries: new BillingSummaryService(),
  };
  const escalations = new EscalationService(suppliers, contracts, incidents);
  const reviews = new ReviewService(contracts, slaReports, creditLedger);
  const complianceRegister = new RegisterService();
  const ipam = new IpamService(suppliers);
  const accessRequests = new AccessRequestService();
  const complianceStatus = new ComplianceStatusService();
  const orders = new OrderService(contracts, sites, inventory);
  const legacyCeases = new LegacyCeaseService(inventory);
  const notifications = new NotificationService(
    contracts,
    contacts,
    reviews,
    incidents,
    escalations,
    orders,
    disputes,
    billing.approvals,
    complianceStatus,
    feedRuns,
  );
  const webhookDispatcher = new WebhookDispatcher(notifications);
  const webhooks = new WebhookService(webhookDispatcher);
  return {
    suppliers,
    organisations,
    contracts,
    sites,
    inventory,
    inventoryComparisons: new InventoryComparisonService(),
    contacts,
    apiKeys,
    feedRuns,
    feeds,
    feedPuller,
    incidents,
    incidentSla,
    slaReports,
    slaConfig,
    performance,
    scorecards,
    invoices,
    reconciliation,
    disputes,
    creditLedger,
    ...billing,
    complianceRegister,
    ipam,
    accessRequests,
    complianceStatus,
    escalations,
    reviews,
    orders,
    legacyCeases,
    notifications,
    webhookDispatcher,
    webhooks,
    audit: new AuditService(),
  };
}

export type Services = ReturnType<typeof createServices>;

/**
 * The authenticator, given the faces it reads organisations and suppliers through (auth/directories.ts):
 * organisation scopes remembered for AUTH_SCOPE_CACHE_SECONDS, and the supplier catalogue.
 */
export function createAuthenticator(config: AppConfig, dataSource: DataSource, services: Pick<Services, 'suppliers'>): Authenticator {
  return new Authenticator(config, dataSource, new OrganisationScopes(dataSource, config.auth.cacheMs), services.suppliers);
}
