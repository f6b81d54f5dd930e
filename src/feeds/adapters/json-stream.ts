import { Tokenizer, TokenParser, TokenType, type ParsedTokenInfo } from '@streamparser/json';
import { FeedFormatError, type DocumentCheck } from '../feed-adapter';
import { DEFAULT_FEED_LIMITS, FeedLimitError, itemTooLarge, nestedTooDeep, tooManyRows, type FeedLimits } from '../limits';

/**
 * What a JSON document holds, read as it streams: each element of its top-level array or
 * of the lists its top-level object holds, one at a time with its path, and at the end the
 * rest of that object. Only the element being read is ever in memory, with the rest of the
 * top-level object, and both are held to FEED_MAX_ITEM_BYTES; nesting is held to
 * FEED_MAX_DEPTH and elements to FEED_MAX_ROWS. @streamparser/json tokenises the bytes and
 * builds each element; the top two levels (where elements begin and end) are followed here.
 */
export type JsonEvent =
  | { kind: 'element'; list: string | null; path: string; value: unknown }
  | { kind: 'rest'; value: Record<string, unknown>; lists: string[] };

export interface JsonShape {
  /** top-level keys whose arrays hold the items; `'*'` takes every array (the check on arrival) */
  readonly lists: readonly string[] | '*';
  /** the lists are alternatives: the first met holds the items, and later ones are read past */
  readonly firstListOnly?: boolean;
}

/** Reads a JSON document into elements as it streams (see JsonEvent). */
export async function* readJsonElements(
  input: AsyncIterable<Buffer | string>,
  shape: JsonShape,
  limits: FeedLimits = DEFAULT_FEED_LIMITS,
): AsyncGenerator<JsonEvent> {
  const events: JsonEvent[] = [];
  const scanner = new JsonScanner(shape, limits, (event) => events.push(event));
  for await (const chunk of input) {
    scanner.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    yield* events.splice(0);
  }
  scanner.end();
  yield* events.splice(0);
}

/**
 * A document's items as the TMF adapters take them: the elements of a top-level array, of
 * the first of `wrappers` holding an array, or else the one top-level object.
 */
export async function* jsonItems(
  input: AsyncIterable<Buffer | string>,
  wrappers: readonly string[],
  limits: FeedLimits = DEFAULT_FEED_LIMITS,
): AsyncGenerator<{ item: unknown; path: string }> {
  for await (const event of readJsonElements(input, { lists: wrappers, firstListOnly: true }, limits)) {
    if (event.kind === 'element') yield { item: event.value, path: event.path };
    else if (event.lists.length === 0) yield { item: event.value, path: '$' };
  }
}

/** Checks a JSON document as it arrives, building nothing: well-formed, and within the limits. */
export const jsonCheck = (limits: FeedLimits): DocumentCheck => new JsonScanner({ lists: '*' }, limits, null);

type TokenValue = ParsedTokenInfo['value'];

type Expect = 'value' | 'valueOrClose' | 'commaOrClose' | 'key' | 'keyOrClose' | 'colon';

interface Level {
  /** 1: the top-level value; 2: a list in the top-level object */
  depth: 1 | 2;
  container: 'array' | 'object';
  list: string | null;
  pathPrefix: string;
  index: number;
  /** a list read past (firstListOnly), or any list while only checking */
  emits: boolean;
}

interface Unit {
  /** an element of a list, or a member of the top-level object kept in its rest */
  kind: 'element' | 'member';
  path: string;
  key: string;
  startOffset: number;
  /** the depth the unit's tokens return to when it is complete */
  baseDepth: number;
  level: Level;
}

const PRIMITIVES = new Set<TokenType>([TokenType.STRING, TokenType.NUMBER, TokenType.TRUE, TokenType.FALSE, TokenType.NULL]);
const TOKEN_TEXT: Partial<Record<TokenType, string>> = {
  [TokenType.LEFT_BRACE]: '{',
  [TokenType.RIGHT_BRACE]: '}',
  [TokenType.LEFT_BRACKET]: '[',
  [TokenType.RIGHT_BRACKET]: ']',
  [TokenType.COLON]: ':',
  [TokenType.COMMA]: ',',
};

const shown = (token: TokenType, value: TokenValue) =>
  TOKEN_TEXT[token] ?? (typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) : String(value));
const keyPath = (key: string) =>
  /^[A-Za-z_$][\w$@]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key)}]`;

class JsonScanner {
  rows = 0;
  private readonly tokenizer = new Tokenizer({ emitPartialTokens: true });
  /** builds (or, when only checking, validates and drops) one element or member at a time */
  private readonly parser: TokenParser;
  private depth = 0;
  private started = false;
  private finished = false;
  private levels: Level[] = [];
  private expect: Expect = 'value';
  private unit: Unit | null = null;
  private unitValue: unknown;
  private key = '';
  private rest: Record<string, unknown> = {};
  /** bytes of the top-level object's rest already read, and whether it is still kept */
  private restBytes = 0;
  private keepingRest = true;
  private readonly listsSeen: string[] = [];
  /** where the member being read began (at its key) */
  private memberStart = 0;
  private position = 0;

  constructor(
    private readonly shape: JsonShape,
    private readonly limits: FeedLimits,
    private readonly emit: ((event: JsonEvent) => void) | null,
  ) {
    // one value after another, each an element or a member; `paths: []` builds nothing to keep
    this.parser = new TokenParser({ separator: '', keepStack: false, paths: emit ? ['$'] : [] });
    this.parser.onValue = ({ value }) => {
      this.unitValue = value;
    };
    this.tokenizer.onToken = (token) => this.onToken(token);
  }

  write(chunk: Buffer): void {
    try {
      this.tokenizer.write(chunk);
    } catch (error) {
      throw this.readingError(error);
    }
    this.position += chunk.length;
  }

  end(): void {
    if (!this.started) throw new FeedFormatError('The JSON document is empty');
    try {
      if (!this.tokenizer.isEnded) this.tokenizer.end();
    } catch (error) {
      if (error instanceof FeedFormatError || error instanceof FeedLimitError) throw error;
      throw new FeedFormatError(`The JSON document is truncated: it ends inside a value${this.inside()}`, `byte ${this.position}`);
    }
    if (!this.finished)
      throw new FeedFormatError(
        `The JSON document is truncated: it ends before its ${this.unit ? 'item' : 'top-level value'} is closed${this.inside()}`,
        `byte ${this.position}`,
      );
  }

  private onToken({ token, value, offset, partial }: ParsedTokenInfo): void {
    // a string or number still arriving (at the end of a chunk): measured, not yet parsed
    if (partial) {
      this.checkSize(this.tokenizerPosition(), offset);
      return;
    }
    this.started = true;
    if (this.unit) return this.unitToken(token, value, offset);
    if (this.finished) throw this.malformed(token, value, offset, 'after the end of the document');
    const level = this.levels.at(-1);
    if (!level) return this.topLevel(token, value, offset);
    if (level.container === 'array') return this.arrayToken(level, token, value, offset);
    return this.objectToken(level, token, value, offset);
  }

  private topLevel(token: TokenType, value: TokenValue, offset: number): void {
    if (token === TokenType.LEFT_BRACKET || token === TokenType.LEFT_BRACE) {
      this.depth = 1;
      this.levels.push({
        depth: 1,
        container: token === TokenType.LEFT_BRACKET ? 'array' : 'object',
        list: null,
        pathPrefix: '$',
        index: 0,
        emits: this.emit !== null,
      });
      this.expect = token === TokenType.LEFT_BRACKET ? 'valueOrClose' : 'keyOrClose';
      return;
    }
    if (PRIMITIVES.has(token)) throw new FeedFormatError('The JSON document is neither an object nor an array of objects', '$');
    throw this.malformed(token, value, offset);
  }

  private arrayToken(level: Level, token: TokenType, value: TokenValue, offset: number): void {
    if (token === TokenType.RIGHT_BRACKET && (this.expect === 'valueOrClose' || this.expect === 'commaOrClose')) return this.close(level);
    if (token === TokenType.COMMA && this.expect === 'commaOrClose') {
      this.expect = 'value';
      return;
    }
    if (
      this.expect === 'commaOrClose' ||
      token === TokenType.COMMA ||
      token === TokenType.COLON ||
      token === TokenType.RIGHT_BRACE ||
      token === TokenType.RIGHT_BRACKET
    ) {
      throw this.malformed(token, value, offset);
    }
    this.rows += 1;
    const path = `${level.pathPrefix}[${level.index}]`;
    if (this.rows > this.limits.maxRows) throw tooManyRows(this.limits, path);
    this.unit = { kind: 'element', path, key: '', startOffset: offset, baseDepth: level.depth, level };
    this.unitToken(token, value, offset);
  }

  private objectToken(level: Level, token: TokenType, value: TokenValue, offset: number): void {
    switch (this.expect) {
      case 'keyOrClose':
      case 'key':
        if (token === TokenType.STRING) {
          this.key = value as string;
          this.expect = 'colon';
          this.memberStart = offset;
          return;
        }
        if (token === TokenType.RIGHT_BRACE && this.expect === 'keyOrClose') return this.close(level);
        break;
      case 'colon':
        if (token === TokenType.COLON) {
          this.expect = 'value';
          return;
        }
        break;
      case 'commaOrClose':
        if (token === TokenType.COMMA) {
          this.expect = 'key';
          return;
        }
        if (token === TokenType.RIGHT_BRACE) return this.close(level);
        break;
      case 'value':
        if (token === TokenType.COMMA || token === TokenType.COLON || token === TokenType.RIGHT_BRACE || token === TokenType.RIGHT_BRACKET)
          break;
        if (token === TokenType.LEFT_BRACKET && this.isList(this.key)) return this.openList(this.key, offset);
        this.unit = { kind: 'member', path: `$${keyPath(this.key)}`, key: this.key, startOffset: this.memberStart, baseDepth: 1, level };
        return this.unitToken(token, value, offset);
      default:
        break;
    }
    throw this.malformed(token, value, offset);
  }

  private isList(key: string): boolean {
    return this.shape.lists === '*' || this.shape.lists.includes(key);
  }

  private openList(key: string, offset: number): void {
    this.depth = 2;
    if (this.depth > this.limits.maxDepth) throw nestedTooDeep(this.limits, `$${keyPath(key)}, at byte ${offset}`);
    const emits = this.emit !== null && !(this.shape.firstListOnly && this.listsSeen.length > 0);
    if (emits) this.listsSeen.push(key);
    // a wrapper's other members are not an item: stop keeping them
    if (this.shape.firstListOnly && emits) this.keepingRest = false;
    this.levels.push({ depth: 2, container: 'array', list: key, pathPrefix: `$${keyPath(key)}`, index: 0, emits });
    this.expect = 'valueOrClose';
  }

  private close(level: Level): void {
    this.levels.pop();
    this.depth -= 1;
    if (level.depth === 2) {
      this.expect = 'commaOrClose';
      return;
    }
    this.finished = true;
    if (level.container === 'object' && this.emit) this.emit({ kind: 'rest', value: this.rest, lists: this.listsSeen });
  }

  private unitToken(token: TokenType, value: TokenValue, offset: number): void {
    const unit = this.unit!;
    if (token === TokenType.LEFT_BRACE || token === TokenType.LEFT_BRACKET) {
      this.depth += 1;
      if (this.depth > this.limits.maxDepth) throw nestedTooDeep(this.limits, `${unit.path}, at byte ${offset}`);
    } else if (token === TokenType.RIGHT_BRACE || token === TokenType.RIGHT_BRACKET) {
      this.depth -= 1;
    }
    this.checkSize(offset, offset);
    try {
      this.parser.write({ token, value });
    } catch (error) {
      throw this.malformed(token, value, offset, undefined, error);
    }
    if (this.depth !== unit.baseDepth) return;
    this.unit = null;
    this.expect = 'commaOrClose';
    if (unit.kind === 'element') {
      unit.level.index += 1;
      if (unit.level.emits && this.emit) this.emit({ kind: 'element', list: unit.level.list, path: unit.path, value: this.unitValue });
    } else {
      this.restBytes += offset - unit.startOffset;
      if (this.keepingRest && this.emit) this.rest[unit.key] = this.unitValue;
    }
    this.unitValue = undefined;
  }

  /**
   * The element being read, or the rest of the top-level object, may not outgrow
   * FEED_MAX_ITEM_BYTES; nor may a single value outside them (a key, a top-level string).
   */
  private checkSize(position: number, tokenOffset: number): void {
    const unit = this.unit;
    if (!unit) {
      if (position - tokenOffset > this.limits.maxItemBytes)
        throw itemTooLarge(this.limits, `a value from byte ${tokenOffset}${this.inside()}`);
      return;
    }
    const bytes = position - unit.startOffset + (unit.kind === 'member' ? this.restBytes : 0);
    if (bytes > this.limits.maxItemBytes) {
      throw itemTooLarge(
        this.limits,
        unit.kind === 'element' ? `${unit.path}, from byte ${unit.startOffset}` : `the top-level object outside its lists, at ${unit.path}`,
      );
    }
  }

  /** Where the tokenizer has read to: the end of the chunk being written. */
  private tokenizerPosition(): number {
    return (this.tokenizer as unknown as { streamByteLength: number }).streamByteLength;
  }

  private inside(): string {
    if (this.unit) return ` (in ${this.unit.path})`;
    const level = this.levels.at(-1);
    return level ? ` (in ${level.pathPrefix})` : '';
  }

  private malformed(token: TokenType, value: TokenValue, offset: number, context?: string, cause?: unknown): FeedFormatError {
    const detail = cause instanceof Error && !/^Unexpected /.test(cause.message) ? `: ${cause.message}` : '';
    return new FeedFormatError(
      `The JSON document is malformed: unexpected ${shown(token, value)}${context ? ` ${context}` : ''}${this.inside()}${detail}`,
      `byte ${offset}`,
    );
  }

  private readingError(error: unknown): Error {
    if (error instanceof FeedFormatError || error instanceof FeedLimitError || !(error instanceof Error)) return error as Error;
    const position = /absolute position "(\d+)"/.exec(error.message)?.[1];
    const character = /Unexpected "(.*?)" at chunk/s.exec(error.message)?.[1];
    if (position !== undefined) {
      return new FeedFormatError(
        `The JSON document is malformed: unexpected ${JSON.stringify(character ?? '?')}${this.inside()}`,
        `byte ${position}`,
      );
    }
    return new FeedFormatError(`The JSON document cannot be read: ${error.message}${this.inside()}`, `byte ${this.position}`);
  }
}
