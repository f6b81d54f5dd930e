import type { RequestContext } from '../graphql/context';
import type { FeedRun } from './feed-run.entity';
import type { ServiceDirectory } from './service-directory';

/** What became of one record a writer was given. */
export type WriteOutcome =
  | { kind: 'accepted' }
  | { kind: 'unchanged' }
  | { kind: 'rejected'; reason: string; field?: string };

export interface AcceptedItem<T> {
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

/**
 * Stores one kind of record. Each call is one batch in one transaction, so a run that dies
 * leaves whole batches (and whole invoices) or nothing; every natural key makes a re-run safe.
 */
export interface FeedWriter<T> {
  /** records per transaction */
  readonly batchSize: number;
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
