import { ApiKey } from './auth/api-key.entity';
import { InvoiceLine } from './billing/invoice-line.entity';
import { Invoice } from './billing/invoice.entity';
import { InvoiceReconciliation, ReconciliationFinding } from './billing/reconciliation.entity';
import { Dispute, DisputeCredit, DisputeFinding, DisputeTransition } from './billing/dispute.entity';
import { CreditLedgerEntry, CreditReceipt, SlaMonthSnapshot, SlaMonthSnapshotPart } from './billing/ledger/credit-ledger.entity';
import { BillingPolicy, InvoiceApproval, InvoiceStatusChange } from './billing/invoice-approval.entity';
import { ContactAssignment } from './contacts/contact-assignment.entity';
import { Contact } from './contacts/contact.entity';
import { ContractDocument } from './contracts/contract-document.entity';
import { ContractStatusChange } from './contracts/contract-status-change.entity';
import { Contract } from './contracts/contract.entity';
import { FeedEndpoint } from './feeds/feed-endpoint.entity';
import { FeedRejection } from './feeds/feed-rejection.entity';
import { FeedRun } from './feeds/feed-run.entity';
import { FeedRunRecord } from './feeds/feed-run-record.entity';
import { IncidentStatusChange } from './incidents/incident-status-change.entity';
import { Incident, IncidentLink } from './incidents/incident.entity';
import { ActsFor } from './organisations/acts-for.entity';
import { Organisation } from './organisations/organisation.entity';
import { PerformanceDaily, PerformanceHourly } from './performance/performance-rollup.entity';
import { PerformanceSample } from './performance/performance-sample.entity';
import { PerformanceFeedSpan } from './performance/performance-feed-span.entity';
import { PerformanceMonthFrozen, PerformanceMonthlyPercentile } from './performance/monthly-percentile.entity';
import { InventoryComparison, InventoryDifference } from './services/inventory-comparison.entity';
import { NetworkService } from './services/network-service.entity';
import { Site } from './sites/site.entity';
import { SlaTerm } from './sla/sla-term.entity';
import { CreditPolicy } from './sla/credit-policy.entity';
import { ExclusionWindow } from './sla/exclusion-window.entity';
import { ScorecardWeights } from './scorecards/scorecard-weights.entity';
import { ServiceCalendarRecord } from './sla/service-calendar.entity';
import { Supplier } from './suppliers/supplier.entity';
import { AuditEntry } from './audit/audit-entry.entity';
import { ApplicationAccessRequest, ApplicationAccessTransition } from './compliance/application-access.entity';
import { ConnectionAgreement } from './compliance/connection-agreement.entity';
import { DsptAssessment } from './compliance/dspt-assessment.entity';
import { IpAllocation } from './compliance/ip-allocation.entity';
import { IpamDelegate } from './compliance/ipam-delegate.entity';
import { Escalation, EscalationLevelChange, EscalationUpdate } from './escalations/escalation.entity';
import { ReviewAction, ReviewEvidence, ServiceReview } from './reviews/review.entity';
import { OrderTransition, ServiceOrder } from './orders/order.entity';
import { ServiceReplacement, ServiceTermsPeriod } from './orders/service-history.entity';
import { WebhookDelivery, WebhookDeliveryAttempt, WebhookSubscription } from './notifications/webhook.entity';
import { AuditSubscriber } from './audit/audit-subscriber';
import type { DataModel } from './db/data-source';

/**
 * Every entity and subscriber the data source maps: the wiring layer's list, so db/ knows no domain
 * (it takes this model as an argument) and no domain knows the others' tables through it.
 */
export const entities = [
  Organisation,
  ActsFor,
  Supplier,
  Contract,
  ContractDocument,
  ContractStatusChange,
  Site,
  NetworkService,
  Contact,
  ContactAssignment,
  ApiKey,
  FeedRun,
  FeedRejection,
  FeedRunRecord,
  FeedEndpoint,
  PerformanceSample,
  PerformanceHourly,
  PerformanceDaily,
  Incident,
  IncidentLink,
  IncidentStatusChange,
  Invoice,
  InvoiceLine,
  InventoryComparison,
  InventoryDifference,
  SlaTerm,
  CreditPolicy,
  ExclusionWindow,
  ScorecardWeights,
  ServiceCalendarRecord,
  InvoiceReconciliation,
  ReconciliationFinding,
  Dispute,
  DisputeFinding,
  DisputeTransition,
  DisputeCredit,
  SlaMonthSnapshot,
  SlaMonthSnapshotPart,
  CreditLedgerEntry,
  CreditReceipt,
  InvoiceStatusChange,
  InvoiceApproval,
  BillingPolicy,
  DsptAssessment,
  ConnectionAgreement,
  IpAllocation,
  IpamDelegate,
  ApplicationAccessRequest,
  ApplicationAccessTransition,
  Escalation,
  EscalationUpdate,
  EscalationLevelChange,
  ServiceReview,
  ReviewEvidence,
  ReviewAction,
  ServiceOrder,
  OrderTransition,
  ServiceTermsPeriod,
  ServiceReplacement,
  AuditEntry,
  WebhookSubscription,
  WebhookDelivery,
  WebhookDeliveryAttempt,
  PerformanceMonthlyPercentile,
  PerformanceMonthFrozen,
  PerformanceFeedSpan,
];

export const model: DataModel = { entities, subscribers: [AuditSubscriber] };
