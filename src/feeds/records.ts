import type { LocalDate } from '../common/dates';
import type { Pence } from '../common/money';
import type { FeedLimits } from './limits';
import type { IncidentStatus } from '../incidents/incident-status';
import type { ChargeType } from '../billing/charge-type';

/**
 * What a supplier's feed says, once an adapter has read it: one shape per feed kind, the
 * same whatever the format (CSV template or TM Forum JSON). The pipeline checks these
 * against our records and stores them; adapters only read and convert.
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

export interface IncidentStatusRecord {
  status: IncidentStatus;
  at: Date;
  reason: string | null;
}

export interface IncidentRecord {
  /** the supplier's ticket reference (TMF621 `id`) */
  supplierRef: string;
  /** our own reference for the ticket, when the supplier echoes it (TMF621 `externalId`) */
  externalId: string | null;
  serviceReference: string;
  severity: 1 | 2 | 3 | 4 | 5;
  priority: string | null;
  status: IncidentStatus;
  summary: string | null;
  openedAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  /** whether the CN-SP told the Service Co-ordinator (Severity 1), and when */
  serviceCoordinatorNotified: boolean | null;
  serviceCoordinatorNotifiedAt: Date | null;
  /** status history as sent; a re-sent ticket adds to what we hold, never duplicates it */
  statusHistory: IncidentStatusRecord[];
}

export interface InvoiceLineRecord {
  lineNumber: number;
  /** the supplier's service reference; null for charges not tied to a service */
  serviceReference: string | null;
  chargeType: ChargeType;
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

export interface InvoiceRecord {
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
  lines: InvoiceLineRecord[];
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

export interface FeedRecords {
  [FeedKind.PERFORMANCE]: PerformanceRecord;
  [FeedKind.INCIDENT]: IncidentRecord;
  [FeedKind.INVOICE]: InvoiceRecord;
  [FeedKind.INVENTORY]: InventoryRecord;
}

/** One item an adapter read: a record, or the reason it could not be read. Nothing is dropped. */
export type ParsedItem<T> =
  { ok: true; location: string; raw: string; record: T } | { ok: false; location: string; raw: string; reason: string; field?: string };

/** A document that cannot be read at all (truncated JSON, wrong columns): the run fails whole. */
/** The raw text of a row or item a rejection keeps and shows, in characters. */
export const RAW_SHOWN = 4_000;

export class FeedFormatError extends Error {
  constructor(
    message: string,
    readonly location?: string,
  ) {
    super(message);
    this.name = 'FeedFormatError';
  }
}

/**
 * Reads one format of one kind: a stream of items, in document order. The limits bound
 * what one item may hold (FEED_MAX_ITEM_BYTES, FEED_MAX_DEPTH, FEED_MAX_RECORD_BYTES); the
 * defaults when none are given.
 */
export type FeedAdapter<T> = (input: AsyncIterable<Buffer | string>, limits?: FeedLimits) => AsyncIterable<ParsedItem<T>>;

/**
 * Looks at a document's bytes as they arrive, before any row is read: a FeedLimitError
 * refuses the document there and then; a FeedFormatError says it cannot be read.
 */
export interface DocumentCheck {
  write(chunk: Buffer): void;
  end(): void;
  /** the rows seen: CSV records after the header, or JSON items */
  readonly rows: number;
}
