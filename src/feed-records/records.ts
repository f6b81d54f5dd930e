import type { LocalDate } from '../common/dates';
import type { Pence } from '../common/money';

/**
 * What a supplier's feed says, once an adapter has read it: one shape per feed kind, the
 * same whatever the format (CSV template or TM Forum JSON). The pipeline checks these
 * against our records and stores them; adapters only read and convert.
 *
 * A field that takes a domain's vocabulary (an incident's status, an invoice line's charge
 * type) is a type parameter: the domain owns its enum (incidents/incident-status.ts,
 * billing/charge-type.ts), its writer takes the record in that vocabulary
 * (`IncidentRecord<IncidentStatus>`), and the adapters, above the domains, read into it
 * (feeds/feed-adapter.ts binds each kind to its vocabulary). These shapes name no domain.
 */

export enum FeedKind {
  PERFORMANCE = 'PERFORMANCE',
  INCIDENT = 'INCIDENT',
  INVOICE = 'INVOICE',
  INVENTORY = 'INVENTORY',
}

export enum FeedFormat {
  /** the documented CSV templates (docs/feeds/) */
  CSV = 'CSV',
  /** TM Forum Open API JSON: TMF628 performance, TMF621 trouble tickets, TMF678 bills, service inventory */
  TMF = 'TMF',
}

/** The interval lengths a sample may cover, in seconds (5 min, 15 min, 1 h, 1 day). */
export const SAMPLE_INTERVALS = [300, 900, 3_600, 86_400] as const;
export type SampleInterval = (typeof SAMPLE_INTERVALS)[number];

export interface PerformanceRecord {
  serviceReference: string;
  /** start of the interval the sample covers (UTC instant) */
  intervalStart: Date;
  intervalSeconds: SampleInterval;
  /** HSCN QoS class (e.g. EF, AF41, DEFAULT) or null for the whole service */
  qosClass: string | null;
  /** seconds the service was up within the interval; an up/down state becomes all or nothing */
  upSeconds: number | null;
  latencyMs: number | null;
  jitterMs: number | null;
  /** 0–100 */
  packetLossPercent: number | null;
  /** 0–100 (may exceed 100 when bursting above the commit rate) */
  utilisationInPercent: number | null;
  utilisationOutPercent: number | null;
  bpsIn: number | null;
  bpsOut: number | null;
}

/** `Status`: the incidents domain's statuses (IncidentStatus) */
export interface IncidentStatusRecord<Status extends string = string> {
  status: Status;
  at: Date;
  reason: string | null;
}

/** `Status`: the incidents domain's statuses (IncidentStatus) */
export interface IncidentRecord<Status extends string = string> {
  /** the supplier's ticket reference (TMF621 `id`) */
  supplierRef: string;
  /** our own reference for the ticket, when the supplier echoes it (TMF621 `externalId`) */
  externalId: string | null;
  serviceReference: string;
  severity: 1 | 2 | 3 | 4 | 5;
  priority: string | null;
  status: Status;
  summary: string | null;
  openedAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  /** whether the CN-SP told the Service Co-ordinator (Severity 1), and when */
  serviceCoordinatorNotified: boolean | null;
  serviceCoordinatorNotifiedAt: Date | null;
  /** status history as sent; a re-sent ticket adds to what we hold, never duplicates it */
  statusHistory: IncidentStatusRecord<Status>[];
}

/** `Charge`: billing's charge types (ChargeType) */
export interface InvoiceLineRecord<Charge extends string = string> {
  lineNumber: number;
  /** the supplier's service reference; null for charges not tied to a service */
  serviceReference: string | null;
  chargeType: Charge;
  description: string | null;
  periodStart: LocalDate | null;
  periodEnd: LocalDate | null;
  /** exact decimal strings: quantities and unit prices may carry more places than money */
  quantity: string;
  unitPrice: string;
  netAmount: Pence;
  /** percent as an exact decimal string, e.g. "20" or "0" */
  vatRate: string;
  vatAmount: Pence;
  /**
   * where the line stands in the document, for tracing a charge back to what was sent: CSV
   * the file's line ("line 7"), TMF678 the JSON path of its rate ("$[0].billItem[2]")
   */
  sourceLocation: string;
}

/** `Charge`: billing's charge types (ChargeType) */
export interface InvoiceRecord<Charge extends string = string> {
  /** as the document declared it, else inferred where it is unambiguous (adapters/invoice-kind.ts) */
  kind: 'INVOICE' | 'CREDIT_NOTE';
  invoiceNumber: string;
  invoiceDate: LocalDate;
  periodStart: LocalDate;
  periodEnd: LocalDate;
  dueDate: LocalDate | null;
  currency: string;
  netTotal: Pence;
  vatTotal: Pence;
  grossTotal: Pence;
  lines: InvoiceLineRecord<Charge>[];
}

export interface InventoryRecord {
  serviceReference: string;
  siteOdsCode: string | null;
  siteName: string | null;
  postcode: string | null;
  bandwidthMbps: number | null;
  /** the supplier's status mapped to ours: ORDERED, ACTIVE, CEASE_REQUESTED or CEASED */
  status: 'ORDERED' | 'ACTIVE' | 'CEASE_REQUESTED' | 'CEASED' | null;
  installDate: LocalDate | null;
  ceaseDate: LocalDate | null;
  monthlyCharge: Pence | null;
}
