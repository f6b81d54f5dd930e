import type { RequestContext } from '../request/context';
import type { FeedRun } from './feed-run.entity';
import type { ServiceDirectory } from './service-directory';

/** What became of one record a writer was given. */
export type WriteOutcome = { kind: 'accepted' } | { kind: 'unchanged' } | { kind: 'rejected'; reason: string; field?: string };

export interface AcceptedItem<T> {
  /** the item's place in the document: the Nth row (or item) read */
  seq: number;
  location: string;
  raw: string;
  record: T;
}

export interface FeedWriteContext {
  /** the sender's context, in the batch's transaction */
  ctx: RequestContext;
  run: FeedRun;
  services: ServiceDirectory;
}

/** A record's natural key within one document, and how to name it in a rejection. */
export interface NaturalKey {
  readonly key: string;
  /** the record field the key is mainly about */
  readonly field: string;
  /** what the key is, in words: `ticket PDN-INC-1` */
  describe(): string;
}

/**
 * Stores one kind of record. Each call is one batch in one transaction, so a run that dies
 * leaves whole batches (and whole invoices) or nothing; every natural key makes a re-run safe.
 */
export interface FeedWriter<T> {
  /** records per transaction */
  readonly batchSize: number;
  /**
   * The key under which the writer stores a record, or null when it has none yet (a
   * reference the sender does not hold, which write() refuses for that). Two rows of one
   * document with the same key would be stored one over the other, so the pipeline refuses
   * the later one, naming the earlier.
   */
  naturalKey(record: T, context: { services: ServiceDirectory; run: FeedRun }): NaturalKey | null;
  /** one outcome per item, in the items' order */
  write(context: FeedWriteContext, items: AcceptedItem<T>[]): Promise<WriteOutcome[]>;
  /** runs once after the last batch, in its own transaction (e.g. what the supplier did not list) */
  finish?(context: FeedWriteContext): Promise<void>;
  /** forgets whatever the writer held for a run that failed before finishing */
  abandon?(run: FeedRun): void;
}

export const ACCEPTED: WriteOutcome = { kind: 'accepted' };
export const UNCHANGED: WriteOutcome = { kind: 'unchanged' };
export const rejected = (reason: string, field?: string): WriteOutcome => ({ kind: 'rejected', reason, field });

/** The reason given for a reference the sender's organisations do not hold with this supplier. */
export const unknownService = (reference: string) =>
  rejected(`service reference "${reference}" is not a service of this supplier held by your organisation`, 'serviceReference');
