import { jsonCheck, jsonItems, readJsonElements, type JsonEvent } from '../adapters/json-stream';
import { DEFAULT_FEED_LIMITS, FeedLimitError, FeedLimitReason, type FeedLimits } from '../limits';
import { FeedFormatError } from '../feed-adapter';

const LIMITS: FeedLimits = { ...DEFAULT_FEED_LIMITS, maxItemBytes: 4096, maxDepth: 8, maxRows: 50 };

/** The text in chunks of `size` bytes, as a socket might deliver it. */
async function* chunks(text: string, size = 7) {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function events(text: string, lists: readonly string[] | '*' = ['items'], limits = LIMITS, size = 7): Promise<JsonEvent[]> {
  const seen: JsonEvent[] = [];
  for await (const event of readJsonElements(chunks(text, size), { lists }, limits)) seen.push(event);
  return seen;
}

async function items(text: string, wrappers: readonly string[] = ['items', 'data'], limits = LIMITS) {
  const seen: { item: unknown; path: string }[] = [];
  for await (const item of jsonItems(chunks(text), wrappers, limits)) seen.push(item);
  return seen;
}

/** How much of a generated document was consumed before reading stopped, and why. */
async function consumedBefore(generate: () => Generator<string>, read: (input: AsyncIterable<Buffer>) => Promise<unknown>) {
  let consumed = 0;
  async function* input() {
    for (const piece of generate()) {
      consumed += piece.length;
      yield Buffer.from(piece);
    }
  }
  const error = await read(input()).then(
    () => null,
    (caught: unknown) => caught,
  );
  return { consumed, error };
}

const drain = async (iterable: AsyncIterable<unknown>) => {
  for await (const _ of iterable);
};

describe('streaming JSON reader', () => {
  it('yields the elements of a top-level array one at a time, with their paths, whatever the chunking', async () => {
    const text = '\uFEFF[ {"id": "a", "n": [1, {"x": "é"}]}, {"id": "b"}, null, 7 ]';
    for (const size of [1, 3, 64]) {
      expect(await events(text, '*', LIMITS, size)).toEqual([
        { kind: 'element', list: null, path: '$[0]', value: { id: 'a', n: [1, { x: 'é' }] } },
        { kind: 'element', list: null, path: '$[1]', value: { id: 'b' } },
        { kind: 'element', list: null, path: '$[2]', value: null },
        { kind: 'element', list: null, path: '$[3]', value: 7 },
      ]);
    }
  });

  it('streams the lists of a top-level object and keeps the rest of it', async () => {
    const text = '{"count": 2, "items": [{"id": 1}, {"id": 2}], "meta": {"page": [1]}, "other": [3]}';
    expect(await events(text, ['items'])).toEqual([
      { kind: 'element', list: 'items', path: '$.items[0]', value: { id: 1 } },
      { kind: 'element', list: 'items', path: '$.items[1]', value: { id: 2 } },
      { kind: 'rest', value: { count: 2, meta: { page: [1] }, other: [3] }, lists: ['items'] },
    ]);
  });

  it('takes the items of the first wrapper met, an unwrapped object as the one item, as before', async () => {
    expect(await items('{"data": [{"id": 1}], "items": [{"id": 2}]}')).toEqual([{ item: { id: 1 }, path: '$.data[0]' }]);
    expect(await items('{"id": "T-1", "items": {"not": "a list"}}')).toEqual([
      { item: { id: 'T-1', items: { not: 'a list' } }, path: '$' },
    ]);
    expect(await items('[]')).toEqual([]);
  });

  it('fails a truncated document, saying where it stopped', async () => {
    await expect(items('[{"id": 1}, {"id": "tw')).rejects.toThrow(
      new FeedFormatError('The JSON document is truncated: it ends inside a value (in $[1])', 'byte 23'),
    );
    await expect(items('[{"id": 1}, {"id": 2}')).rejects.toThrow(/truncated: it ends before its top-level value is closed/);
    await expect(items('   ')).rejects.toThrow(new FeedFormatError('The JSON document is empty'));
  });

  it('fails a malformed document with the byte and the item', async () => {
    const error = await items('[{"id": 1}, {"id" 2}]').catch((caught) => caught);
    expect(error).toBeInstanceOf(FeedFormatError);
    expect(error).toMatchObject({ message: 'The JSON document is malformed: unexpected 2 (in $[1])', location: 'byte 18' });
    await expect(items('[{"id": 1}}')).rejects.toThrow(/malformed: unexpected }/);
    await expect(items('[1, 2] [3]')).rejects.toThrow(/malformed: unexpected \[ after the end of the document/);
    await expect(items('[tru]')).rejects.toThrow(/malformed: unexpected "]"/);
    await expect(items('"just text"')).rejects.toThrow(
      new FeedFormatError('The JSON document is neither an object nor an array of objects', '$'),
    );
  });

  it('refuses nesting deeper than the limit, however deep the document goes, without recursing', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const error = await items(deep).catch((caught) => caught);
    expect(error).toBeInstanceOf(FeedLimitError);
    expect(error).toMatchObject({
      limitReason: FeedLimitReason.NESTING_TOO_DEEP,
      httpStatus: 422,
      details: { reason: 'FEED_NESTING_TOO_DEEP' },
    });
    expect(error.message).toBe('The JSON document nests objects and arrays more than 8 deep (FEED_MAX_DEPTH = 8): $[0], at byte 8');
  });

  it('refuses an item larger than the limit as soon as it passes it, even inside one long string', async () => {
    const huge = function* () {
      yield '[{"id": 1}, {"note": "';
      for (let i = 0; i < 10_000; i++) yield 'x'.repeat(1000);
      yield '"}]';
    };
    const { consumed, error } = await consumedBefore(huge, (input) => drain(jsonItems(input, [], LIMITS)));
    expect(error).toBeInstanceOf(FeedLimitError);
    expect((error as FeedLimitError).message).toBe(
      'A JSON item is larger than 4096 bytes (FEED_MAX_ITEM_BYTES = 4096): $[1], from byte 12',
    );
    expect(consumed).toBeLessThan(2 * LIMITS.maxItemBytes);
  });

  it('holds the rest of a top-level object to the item limit too', async () => {
    const single = `{"id": "T-1", "statusChange": [${Array.from({ length: 400 }, () => '{"status": "new"}').join(',')}]}`;
    await expect(items(single, ['troubleTicket'])).rejects.toThrow(
      /larger than 4096 bytes .*the top-level object outside its lists, at \$\.statusChange/,
    );
    // the same list, when it is the list of items, is read an item at a time
    await expect(items(single, ['statusChange'], { ...LIMITS, maxRows: 1000 })).resolves.toHaveLength(400);
  });

  it('refuses a single key or top-level string longer than the item limit', async () => {
    await expect(items(`{"${'k'.repeat(10_000)}": 1}`)).rejects.toThrow(FeedLimitError);
    await expect(items(`"${'s'.repeat(10_000)}"`)).rejects.toThrow(FeedLimitError);
  });

  it('refuses more rows than the limit as they arrive', async () => {
    const many = function* () {
      yield '[';
      for (let i = 0; i < 1_000_000; i++) yield '[],';
      yield '[]]';
    };
    const { consumed, error } = await consumedBefore(many, (input) => drain(jsonItems(input, [], LIMITS)));
    expect(error).toMatchObject({
      limitReason: FeedLimitReason.TOO_MANY_ROWS,
      message: 'The document holds more than 50 rows; send it in parts (FEED_MAX_ROWS = 50): $[50]',
    });
    expect(consumed).toBeLessThan(1000);
  });

  describe('the check on arrival', () => {
    const check = (text: string, limits = LIMITS) => {
      const checker = jsonCheck(limits);
      for (const piece of [text.slice(0, 5), text.slice(5)]) checker.write(Buffer.from(piece));
      checker.end();
      return checker.rows;
    };

    it('counts the elements of every list, and builds nothing', () => {
      expect(check('{"a": [1, 2, 3], "b": {"c": [4]}, "d": [[5], [6]]}')).toBe(5);
      expect(check('[{}, {}]')).toBe(2);
    });

    it('finds what the readers would find, before anything is read', () => {
      expect(() => check('[{"a": 1}')).toThrow(/truncated/);
      expect(() => check('{"a": [' + '['.repeat(20) + ']'.repeat(20) + ']}')).toThrow(FeedLimitError);
      expect(() => check(`{"x": [{"a": "${'y'.repeat(5000)}"}]}`)).toThrow(/\$\.x\[0\]/);
    });
  });
});
