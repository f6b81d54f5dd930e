import { isAbstractType, isObjectType, lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';

/** a resolver class, as type-graphql is given it */
type ResolverClass = abstract new (...args: never[]) => object;
import { BaseRecord } from '../db/base-record';
import { ApiKeyResolver } from './api-key.resolver';
import { ApiKey } from '../auth/api-key.entity';
import { authChecker } from '../auth/auth-checker';
import { findVisible } from '../auth/tenancy';
import { ViewerResolver } from './viewer.resolver';
import { ContactAssignmentResolver, ContactResolver } from '../contacts/contact.resolver';
import { ContactAssignment } from '../contacts/contact-assignment.entity';
import { ContractContactsResolver, SiteContactsResolver, SupplierContactsResolver } from '../contacts/contacts-of.resolver';
import { ContractDocument } from '../contracts/contract-document.entity';
import { ContractStatusChange } from '../contracts/contract-status-change.entity';
import { ContractResolver } from '../contracts/contract.resolver';
import { OrganisationContractsResolver, SupplierContractsResolver } from '../contracts/contracts-of.resolver';
import { OrganisationResolver } from '../organisations/organisation.resolver';
import { NetworkServiceResolver } from '../services/network-service.resolver';
import { ContractServicesResolver, includeServiceSites } from '../services/contract-services.resolver';
import { SiteServicesResolver } from '../services/site-services.resolver';
import { SiteResolver } from '../sites/site.resolver';
import { OrganisationSitesResolver } from '../sites/organisation-sites.resolver';
import { SupplierResolver } from '../suppliers/supplier.resolver';
import { refuseNullsWhereNotClearable } from './explicit-null';
import { nullMeansNotGiven } from './null-arguments';
import type { Services } from '../services';
import { NodeResolver, type NodeFetcher } from './node.resolver';
import { ErrorReasonsResolver } from './error-reasons.resolver';
import { DateTimeISOScalar } from '../graphql-types/scalars';
import { FeedEndpoint } from '../feeds/feed-endpoint.entity';
import { FeedEndpointResolver } from '../feeds/feed-endpoint.resolver';
import { FeedRejection } from '../feeds/feed-rejection.entity';
import { FeedHealthResolver, FeedRunResolver } from '../feeds/feeds.resolver';
import { IncidentResolver, IncidentStatusChangeResolver } from '../incidents/incident.resolver';
import { RecordSourceResolver } from '../feed-records/record-source';
import { SlaTerm } from '../sla/sla-term.entity';
import { CreditPolicy } from '../sla/credit-policy.entity';
import { ExclusionWindow } from '../sla/exclusion-window.entity';
import { ScorecardWeights } from '../scorecards/scorecard-weights.entity';
import { ScorecardResolver } from '../scorecards/scorecard.resolver';
import { ServiceCalendarRecord } from '../sla/service-calendar.entity';
import { DowntimeEvidenceResolver } from '../sla/downtime-sources';
import { IncidentSlaResolver } from '../sla/incident-sla.resolver';
import {
  ContractSlaResolver,
  IncidentEvidenceResolver,
  OrderEvidenceResolver,
  ServiceCreditResolver,
  SlaResolver,
  SlaTermResultResolver,
} from '../sla/sla.resolver';
import { InvoiceLine } from '../billing/invoice-line.entity';
import {
  InvoiceLineResolver,
  InvoiceReconciliationResolver,
  InvoiceResolver,
  ReconciliationFindingResolver,
} from '../billing/invoice.resolver';
import { DisputeCreditResolver, DisputeResolver } from '../billing/dispute.resolver';
import { DisputeCredit, DisputeTransition } from '../billing/dispute.entity';
import { InvoiceReconciliation, ReconciliationFinding } from '../billing/reconciliation.entity';
import { AuditResolver } from './audit.resolver';
import { auditMutations } from '../audit/audit.service';
import { BillingPolicy, InvoiceApproval, InvoiceStatusChange } from '../billing/invoice-approval.entity';
import { InvoiceApprovalResolver } from '../billing/invoice-approval.resolver';
import { InventoryDifference } from '../services/inventory-comparison.entity';
import { InventoryComparisonResolver } from '../services/inventory-comparison.resolver';
import { Role } from '../auth/roles';
import { EscalationResolver } from '../escalations/escalation.resolver';
import { EscalationLevelChange, EscalationUpdate } from '../escalations/escalation.entity';
import { ReviewActionResolver, ReviewEvidenceResolver, ServiceReviewResolver } from '../reviews/review.resolver';
import { ReviewAction, ReviewEvidence } from '../reviews/review.entity';
import { notFound } from '../common/errors';
import { ApplicationAccessTransition } from '../compliance/application-access.entity';
import {
  ApplicationAccessRequestResolver,
  ComplianceReportResolver,
  ComplianceResolver,
  ConnectionAgreementResolver,
  DsptAssessmentResolver,
  IpamDelegateResolver,
  IpAllocationResolver,
  SiteIpAllocationsResolver,
} from '../compliance/compliance.resolver';
import { ConnectionAgreement } from '../compliance/connection-agreement.entity';
import { DsptAssessment } from '../compliance/dspt-assessment.entity';
import { IpamDelegate } from '../compliance/ipam-delegate.entity';
import { OrderResolver, ServiceOrdersResolver } from '../orders/order.resolver';
import { OrderTransition } from '../orders/order.entity';
import { ServiceTermsPeriod } from '../orders/service-history.entity';
import { CreditReceipt, SlaMonthSnapshot } from '../billing/ledger/credit-ledger.entity';
import {
  CreditLedgerEntryResolver,
  CreditLedgerMonthResolver,
  CreditLedgerResolver,
  CreditReceiptResolver,
  SlaMonthSnapshotResolver,
  SupplierCreditsOutstandingResolver,
} from '../billing/ledger/credit-ledger.resolver';
import { NotificationResolver } from '../notifications/notification.resolver';
import { WebhookDeliveryResolver, WebhookSubscriptionResolver } from '../notifications/webhook.resolver';
import { WebhookDelivery, WebhookDeliveryAttempt, WebhookSubscription } from '../notifications/webhook.entity';

function nodeFetchers(services: Services): Record<string, NodeFetcher> {
  return {
    Organisation: (ctx, id) => services.organisations.get(ctx, id),
    Supplier: (ctx, id) => services.suppliers.get(ctx, id),
    Contract: (ctx, id) => services.contracts.get(ctx, id),
    ContractDocument: (ctx, id) => findVisible(ctx, ContractDocument, id, ContractDocument.typename),
    ContractStatusChange: (ctx, id) => findVisible(ctx, ContractStatusChange, id, ContractStatusChange.typename),
    Site: (ctx, id) => services.sites.get(ctx, id),
    Service: (ctx, id) => services.inventory.get(ctx, id),
    Contact: (ctx, id) => services.contacts.get(ctx, id),
    ContactAssignment: (ctx, id) => findVisible(ctx, ContactAssignment, id, ContactAssignment.typename),
    FeedRun: (ctx, id) => services.feedRuns.get(ctx, id),
    FeedEndpoint: (ctx, id) => findVisible(ctx, FeedEndpoint, id, FeedEndpoint.typename),
    FeedRejection: (ctx, id) => findVisible(ctx, FeedRejection, id, FeedRejection.typename),
    Incident: (ctx, id) => services.incidents.get(ctx, id),
    IncidentStatusChange: (ctx, id) => services.incidents.getHistoryEntry(ctx, id),
    Escalation: (ctx, id) => services.escalations.get(ctx, id),
    EscalationUpdate: (ctx, id) => findVisible(ctx, EscalationUpdate, id, EscalationUpdate.typename),
    EscalationLevelChange: (ctx, id) => findVisible(ctx, EscalationLevelChange, id, EscalationLevelChange.typename),
    ServiceReview: (ctx, id) => services.reviews.get(ctx, id),
    ReviewEvidence: (ctx, id) => findVisible(ctx, ReviewEvidence, id, ReviewEvidence.typename),
    ReviewAction: (ctx, id) => findVisible(ctx, ReviewAction, id, ReviewAction.typename),
    Invoice: (ctx, id) => services.invoices.get(ctx, id),
    SlaTerm: (ctx, id) => findVisible(ctx, SlaTerm, id, SlaTerm.typename),
    CreditPolicy: (ctx, id) => findVisible(ctx, CreditPolicy, id, CreditPolicy.typename),
    ExclusionWindow: (ctx, id) => findVisible(ctx, ExclusionWindow, id, ExclusionWindow.typename),
    ServiceCalendar: (ctx, id) => findVisible(ctx, ServiceCalendarRecord, id, ServiceCalendarRecord.typename),
    ScorecardWeights: (ctx, id) => findVisible(ctx, ScorecardWeights, id, ScorecardWeights.typename),
    InvoiceLine: (ctx, id) => findVisible(ctx, InvoiceLine, id, InvoiceLine.typename),
    InvoiceReconciliation: (ctx, id) => findVisible(ctx, InvoiceReconciliation, id, InvoiceReconciliation.typename),
    Dispute: (ctx, id) => services.disputes.get(ctx, id),
    DisputeCredit: (ctx, id) => findVisible(ctx, DisputeCredit, id, DisputeCredit.typename),
    CreditLedgerEntry: (ctx, id) => services.creditLedger.get(ctx, id),
    CreditReceipt: (ctx, id) => findVisible(ctx, CreditReceipt, id, CreditReceipt.typename),
    SlaMonthSnapshot: (ctx, id) => findVisible(ctx, SlaMonthSnapshot, id, SlaMonthSnapshot.typename),
    DisputeTransition: (ctx, id) => findVisible(ctx, DisputeTransition, id, DisputeTransition.typename),
    AuditEntry: (ctx, id) => services.audit.get(ctx, id),
    InvoiceStatusChange: (ctx, id) => findVisible(ctx, InvoiceStatusChange, id, InvoiceStatusChange.typename),
    InvoiceApproval: (ctx, id) => findVisible(ctx, InvoiceApproval, id, InvoiceApproval.typename),
    BillingPolicy: (ctx, id) => findVisible(ctx, BillingPolicy, id, BillingPolicy.typename),
    ReconciliationFinding: (ctx, id) => findVisible(ctx, ReconciliationFinding, id, ReconciliationFinding.typename),
    InventoryComparison: (ctx, id) => services.inventoryComparisons.get(ctx, id),
    InventoryDifference: (ctx, id) => findVisible(ctx, InventoryDifference, id, InventoryDifference.typename),
    DsptAssessment: (ctx, id) => findVisible(ctx, DsptAssessment, id, DsptAssessment.typename),
    ConnectionAgreement: (ctx, id) => findVisible(ctx, ConnectionAgreement, id, ConnectionAgreement.typename),
    IpAllocation: (ctx, id) => services.ipam.get(ctx, id),
    IpamDelegate: (ctx, id) => findVisible(ctx, IpamDelegate, id, IpamDelegate.typename),
    ApplicationAccessRequest: (ctx, id) => services.accessRequests.get(ctx, id),
    ApplicationAccessTransition: (ctx, id) => findVisible(ctx, ApplicationAccessTransition, id, ApplicationAccessTransition.typename),
    Order: (ctx, id) => services.orders.get(ctx, id),
    OrderTransition: (ctx, id) => findVisible(ctx, OrderTransition, id, OrderTransition.typename),
    ServiceTermsPeriod: (ctx, id) => findVisible(ctx, ServiceTermsPeriod, id, ServiceTermsPeriod.typename),
    WebhookSubscription: async (ctx, id) => adminOnly(ctx, WebhookSubscription.typename, () => services.webhooks.get(ctx, id)),
    WebhookDelivery: async (ctx, id) =>
      adminOnly(ctx, WebhookDelivery.typename, () => findVisible(ctx, WebhookDelivery, id, WebhookDelivery.typename)),
    WebhookDeliveryAttempt: async (ctx, id) =>
      adminOnly(ctx, WebhookDeliveryAttempt.typename, () => findVisible(ctx, WebhookDeliveryAttempt, id, WebhookDeliveryAttempt.typename)),
    ApiKey: async (ctx, id) => {
      // key metadata is for the organisation's administrators only
      if (!ctx.requireViewer.roles.includes(Role.ADMIN)) throw notFound(ApiKey.typename);
      return findVisible(ctx, ApiKey, id, ApiKey.typename);
    },
  };
}

/** Webhook records are for the organisation's administrators only: anyone else gets NOT_FOUND, as for a record that does not exist. */
function adminOnly<T>(ctx: Parameters<NodeFetcher>[0], typename: string, fetch: () => Promise<T>): Promise<T> {
  if (!ctx.requireViewer.roles.includes(Role.ADMIN)) throw notFound(typename);
  return fetch();
}

export async function buildGraphqlSchema(services: Services): Promise<GraphQLSchema> {
  const resolvers = [
    new ViewerResolver(),
    new NodeResolver(nodeFetchers(services)),
    new ErrorReasonsResolver(),
    new OrganisationResolver(services.organisations),
    new SupplierResolver(services.suppliers),
    new ContractResolver(services.contracts, [includeServiceSites]),
    new OrganisationContractsResolver(),
    new SupplierContractsResolver(),
    new SiteResolver(services.sites),
    new OrganisationSitesResolver(),
    new NetworkServiceResolver(services.inventory),
    new ContractServicesResolver(),
    new SiteServicesResolver(),
    new ContactResolver(services.contacts),
    new ContactAssignmentResolver(),
    new SupplierContactsResolver(),
    new ContractContactsResolver(),
    new SiteContactsResolver(),
    new ApiKeyResolver(services.apiKeys),
    new FeedRunResolver(services.feedRuns, services.feeds),
    new FeedHealthResolver(),
    new FeedEndpointResolver(services.feedPuller),
    new IncidentResolver(services.incidents),
    new IncidentSlaResolver(services.incidentSla),
    new IncidentStatusChangeResolver(),
    new RecordSourceResolver(),
    new InvoiceResolver(services.invoices, services.reconciliation),
    new InvoiceReconciliationResolver(),
    new ReconciliationFindingResolver(),
    new DisputeResolver(services.disputes),
    new DisputeCreditResolver(),
    new CreditLedgerResolver(services.creditLedger),
    new CreditLedgerEntryResolver(services.creditLedger),
    new CreditLedgerMonthResolver(),
    new SupplierCreditsOutstandingResolver(),
    new CreditReceiptResolver(),
    new SlaMonthSnapshotResolver(services.creditLedger),
    new InvoiceLineResolver(),
    new AuditResolver(services.audit),
    new InvoiceApprovalResolver(services.approvals, services.paymentExports, services.billingSummaries),
    new InventoryComparisonResolver(services.inventoryComparisons),
    new SlaResolver(services.slaReports, services.slaConfig, services.performance),
    new ScorecardResolver(services.scorecards),
    new ContractSlaResolver(),
    new SlaTermResultResolver(),
    new ServiceCreditResolver(),
    new IncidentEvidenceResolver(),
    new DowntimeEvidenceResolver(),
    new ComplianceResolver(services.complianceRegister, services.ipam, services.accessRequests, services.complianceStatus),
    new ComplianceReportResolver(),
    new DsptAssessmentResolver(),
    new ConnectionAgreementResolver(),
    new IpAllocationResolver(),
    new SiteIpAllocationsResolver(),
    new IpamDelegateResolver(),
    new ApplicationAccessRequestResolver(),
    new EscalationResolver(services.escalations),
    new ServiceReviewResolver(services.reviews),
    new ReviewEvidenceResolver(services.reviews),
    new ReviewActionResolver(),
    new OrderResolver(services.orders),
    new ServiceOrdersResolver(services.legacyCeases),
    new OrderEvidenceResolver(),
    new NotificationResolver(services.notifications),
    new WebhookSubscriptionResolver(services.webhooks),
    new WebhookDeliveryResolver(services.webhooks),
  ];
  const instances = new Map<object, object>(resolvers.map((resolver) => [resolver.constructor, resolver]));
  const schema = await buildSchema({
    resolvers: resolvers.map((resolver) => resolver.constructor) as unknown as [ResolverClass, ...ResolverClass[]],
    container: { get: (resolverClass: object) => instances.get(resolverClass) },
    authChecker,
    validate: { forbidUnknownValues: false },
    scalarsMap: [{ type: Date, scalar: DateTimeISOScalar }],
  });
  return auditMutations(refuseNullsWhereNotClearable(nullMeansNotGiven(readNodeIdsDirectly(resolveAbstractTypesAtOnce(schema)))));
}

/**
 * Every Node type's `id` is BaseRecord's `globalId` getter, which type-graphql reads through
 * its field-resolver wrapper (parameters, middleware, conversion to the class): hundreds of
 * times in a dashboard answer, for a getter that needs none of it. A record is asked for its
 * id directly; anything else (a plain object the wrapper would first make a record of) still
 * goes through the wrapper. Plain fields carry no guards (simple-resolvers.test.ts), so none is
 * skipped.
 */
function readNodeIdsDirectly(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !type.getInterfaces().some((node) => node.name === 'Node')) continue;
    const id = type.getFields().id!;
    const wrapped = id.resolve!;
    id.resolve = (source, args, context, info) => (source instanceof BaseRecord ? source.globalId : wrapped(source, args, context, info));
  }
  return schema;
}

/**
 * The Node interface and the ContactTarget union name a record's type by its class's
 * `typename`; type-graphql wraps every such `resolveType` in an async function, and
 * graphql-jit (executor.ts), unlike graphql-js, does not wait for one. A record is named here
 * at once, as those functions name it; anything else goes to the wrapped function.
 */
function resolveAbstractTypesAtOnce(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isAbstractType(type)) continue;
    const wrapped = type.resolveType;
    type.resolveType = (value, context, info, abstractType) => {
      const typename = (value as { constructor?: { typename?: unknown } } | null)?.constructor?.typename;
      return typeof typename === 'string' ? typename : wrapped?.(value, context, info, abstractType);
    };
  }
  return schema;
}

/** The schema as committed in schema/schema.graphql: sorted, so that diffs are readable. */
export const printSortedSchema = (schema: GraphQLSchema) => `${printSchema(lexicographicSortSchema(schema))}\n`;
