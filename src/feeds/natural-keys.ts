import { hash } from 'node:crypto';

const MAX_LOAD = 0.7;
const NUMBER_BITS = 27;
const MAX_NUMBER = 2 ** NUMBER_BITS - 1;
/** prefix codes 1–15; 0 marks an empty slot */
const MAX_PREFIXES = 15;

/**
 * The natural keys met so far in one document, and where each was first met: a later row
 * with the same key is a duplicate, refused with the earlier row named. A national
 * performance feed holds millions of samples, so the table is compact, in typed arrays
 * outside the JavaScript heap: each key is kept as the first 64 bits of its SHA-1 (two
 * distinct keys of a 2,000,000-row document collide with a chance of about 1 in 10 million)
 * and the earlier row's location in 32 bits (a prefix such as `line ` or `$.troubleTicket[`
 * and a number). 12 bytes a slot, at most 70 % full: about 17–34 bytes a row, 2,000,000
 * rows (FEED_MAX_ROWS, checked before the run starts) in under 70 MB.
 */
export class NaturalKeys {
  private slots: Uint32Array;
  private capacity: number;
  private size = 0;
  private readonly prefixes: string[] = [];

  constructor(expectedRows: number) {
    this.capacity = Math.max(1024, Math.ceil(expectedRows / MAX_LOAD));
    this.slots = new Uint32Array(this.capacity * 3);
  }

  /** Where `key` was first met; if it is new, it is remembered as met at `location`. */
  firstAt(key: string, location: string): string | undefined {
    const digest = hash('sha1', key, 'buffer');
    const high = digest.readUInt32LE(0);
    const low = digest.readUInt32LE(4);
    for (let slot = high % this.capacity; ; slot = (slot + 1) % this.capacity) {
      const at = slot * 3;
      const packed = this.slots[at + 2]!;
      if (packed === 0) {
        this.slots[at] = high;
        this.slots[at + 1] = low;
        this.slots[at + 2] = this.pack(location);
        this.size += 1;
        if (this.size > this.capacity * MAX_LOAD) this.grow();
        return undefined;
      }
      if (this.slots[at] === high && this.slots[at + 1] === low) return this.unpack(packed);
    }
  }

  private grow(): void {
    const old = this.slots;
    this.capacity *= 2;
    this.slots = new Uint32Array(this.capacity * 3);
    for (let at = 0; at < old.length; at += 3) {
      if (old[at + 2] === 0) continue;
      let slot = old[at]! % this.capacity;
      while (this.slots[slot * 3 + 2] !== 0) slot = (slot + 1) % this.capacity;
      this.slots.set(old.subarray(at, at + 3), slot * 3);
    }
  }

  /** An invoice's `lines 2–11` is named by its first line, a group of measurements `[4:9]` by its first item. */
  private pack(location: string): number {
    // `line 14`, `lines 20–31`, or a path whose last index is the row's: `$.troubleTicket[3]`, `$.x[4:9]`
    const parts = /^(.*\[|lines? )(\d+)/.exec(location);
    const number = parts ? Number(parts[2]) : NaN;
    if (!parts || number > MAX_NUMBER) return MAX_PREFIXES << NUMBER_BITS;
    const prefix = parts[1] === 'lines ' ? 'line ' : parts[1]!;
    let code = this.prefixes.indexOf(prefix) + 1;
    if (code === 0) {
      if (this.prefixes.length >= MAX_PREFIXES - 1) return MAX_PREFIXES << NUMBER_BITS;
      code = this.prefixes.push(prefix);
    }
    return ((code << NUMBER_BITS) | number) >>> 0;
  }

  private unpack(packed: number): string {
    const code = packed >>> NUMBER_BITS;
    if (code === MAX_PREFIXES) return 'an earlier row';
    const prefix = this.prefixes[code - 1]!;
    return `${prefix}${packed & MAX_NUMBER}${prefix.endsWith('[') ? ']' : ''}`;
  }
}
