import { ErrorReason } from '../common/error-reasons';
import { DomainError, ErrorCode } from '../common/errors';
import type { FeedLimits } from '../config/config';

export { DEFAULT_FEED_LIMITS, type FeedLimits } from '../config/config';

/** `extensions.reason` of a document refused for a limit; stable, for clients that branch on it. */
export const FeedLimitReason = {
  DOCUMENT_TOO_LARGE: ErrorReason.FEED_DOCUMENT_TOO_LARGE,
  TOO_MANY_ROWS: ErrorReason.FEED_TOO_MANY_ROWS,
  NESTING_TOO_DEEP: ErrorReason.FEED_NESTING_TOO_DEEP,
  ITEM_TOO_LARGE: ErrorReason.FEED_ITEM_TOO_LARGE,
  RECORD_TOO_LARGE: ErrorReason.FEED_RECORD_TOO_LARGE,
} as const;
export type FeedLimitReason = (typeof FeedLimitReason)[keyof typeof FeedLimitReason];

const SETTINGS: Record<FeedLimitReason, string> = {
  [FeedLimitReason.DOCUMENT_TOO_LARGE]: 'FEED_MAX_BYTES',
  [FeedLimitReason.TOO_MANY_ROWS]: 'FEED_MAX_ROWS',
  [FeedLimitReason.NESTING_TOO_DEEP]: 'FEED_MAX_DEPTH',
  [FeedLimitReason.ITEM_TOO_LARGE]: 'FEED_MAX_ITEM_BYTES',
  [FeedLimitReason.RECORD_TOO_LARGE]: 'FEED_MAX_RECORD_BYTES',
};

/**
 * A document refused because it goes past one of the server's limits: nothing of it is
 * stored and no run is recorded, as for a document over FEED_MAX_BYTES. The message names
 * the limit, its setting and where in the document it was passed; through GraphQL it is a
 * BAD_USER_INPUT on the field that carried the document, over HTTP a 413 (422 for nesting,
 * which is not a matter of size).
 */
export class FeedLimitError extends DomainError {
  readonly setting: string;

  constructor(
    readonly limitReason: FeedLimitReason,
    readonly limit: number,
    private readonly what: string,
    readonly location?: string,
    options: { setting?: string; field?: string } = {},
  ) {
    const setting = options.setting ?? SETTINGS[limitReason];
    super(ErrorCode.BAD_USER_INPUT, `${what} (${setting} = ${limit})${location ? `: ${location}` : ''}`, {
      field: options.field ?? 'document',
      reason: limitReason,
    });
    this.name = 'FeedLimitError';
    this.setting = setting;
  }

  get httpStatus(): 413 | 422 {
    return this.limitReason === FeedLimitReason.NESTING_TOO_DEEP ? 422 : 413;
  }

  /** The same refusal, naming the input that carried the document (`input.document` through GraphQL). */
  forField(field: string): FeedLimitError {
    return new FeedLimitError(this.limitReason, this.limit, this.what, this.location, { setting: this.setting, field });
  }
}

export const tooManyRows = (limits: FeedLimits, location: string) =>
  new FeedLimitError(
    FeedLimitReason.TOO_MANY_ROWS,
    limits.maxRows,
    `The document holds more than ${limits.maxRows} rows; send it in parts`,
    location,
  );

export const nestedTooDeep = (limits: FeedLimits, location: string) =>
  new FeedLimitError(
    FeedLimitReason.NESTING_TOO_DEEP,
    limits.maxDepth,
    `The JSON document nests objects and arrays more than ${limits.maxDepth} deep`,
    location,
  );

export const itemTooLarge = (limits: FeedLimits, location: string) =>
  new FeedLimitError(
    FeedLimitReason.ITEM_TOO_LARGE,
    limits.maxItemBytes,
    `A JSON item is larger than ${limits.maxItemBytes} bytes`,
    location,
  );

export const recordTooLarge = (limits: FeedLimits, location: string) =>
  new FeedLimitError(
    FeedLimitReason.RECORD_TOO_LARGE,
    limits.maxRecordBytes,
    `A CSV record is larger than ${limits.maxRecordBytes} bytes`,
    location,
  );

export const documentTooLarge = (bytes: number, setting: string) =>
  new FeedLimitError(FeedLimitReason.DOCUMENT_TOO_LARGE, bytes, `The document is larger than the ${bytes}-byte limit`, undefined, {
    setting,
  });
