import type { IncidentStatus } from '../incidents/incident-status';
import type { ChargeType } from '../billing/charge-type';
import type { FeedLimits } from './limits';
import type { FeedKind, IncidentRecord, InventoryRecord, InvoiceRecord, PerformanceRecord } from '../feed-records/records';

/**
 * What each kind of feed is read into, in its domain's vocabulary: an incident's status is an
 * IncidentStatus, an invoice line's charge a ChargeType. The record shapes
 * (feed-records/records.ts) leave those open; the adapters check every value against the
 * domain's enum, and each domain's writer takes the record so typed.
 */
export interface FeedRecords {
  [FeedKind.PERFORMANCE]: PerformanceRecord;
  [FeedKind.INCIDENT]: IncidentRecord<IncidentStatus>;
  [FeedKind.INVOICE]: InvoiceRecord<ChargeType>;
  [FeedKind.INVENTORY]: InventoryRecord;
}

/** One item an adapter read: a record, or the reason it could not be read. Nothing is dropped. */
export type ParsedItem<T> =
  { ok: true; location: string; raw: string; record: T } | { ok: false; location: string; raw: string; reason: string; field?: string };

/** The raw text of a row or item a rejection keeps and shows, in characters. */
export const RAW_SHOWN = 4_000;

/** A document that cannot be read at all (truncated JSON, wrong columns): the run fails whole. */
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
