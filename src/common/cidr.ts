/**
 * CIDR arithmetic, pure: parsing, canonical text, ranges, containment and overlap, over IPv4
 * and IPv6 alike, for IP address management (compliance/ipam) and the /64 a failed sign-in is
 * counted under (auth/failure-limiter). Addresses are bigints (32 or 128 bits) so that
 * one set of functions serves both families without floating point.
 */

export type IpFamily = 4 | 6;

export interface Cidr {
  readonly family: IpFamily;
  /** the network address: host bits are always zero */
  readonly network: bigint;
  readonly prefix: number;
}

/** Why a CIDR was refused, with a message a person can act on. */
export type CidrProblem = 'MALFORMED' | 'NO_PREFIX' | 'PREFIX_OUT_OF_RANGE' | 'HOST_BITS_SET';

export class CidrError extends Error {
  constructor(
    readonly problem: CidrProblem,
    message: string,
    /** for HOST_BITS_SET: the network the input most likely meant */
    readonly suggestion?: string,
  ) {
    super(message);
    this.name = 'CidrError';
  }
}

const bitsOf = (family: IpFamily) => (family === 4 ? 32 : 128);

const OCTET = /^(0|[1-9][0-9]{0,2})$/;
const HEXTET = /^[0-9a-fA-F]{1,4}$/;
const PREFIX = /^(0|[1-9][0-9]{0,2})$/;

/** An IPv4 address in dotted decimal; leading zeros are refused, since some tools read them as octal. */
export function parseIpv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!OCTET.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

/** An IPv6 address in any RFC 4291 text form, including `::` and a trailing dotted IPv4. */
export function parseIpv6(text: string): bigint | null {
  if (text.length === 0 || text.length > 45 || text.includes('%')) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (half: string): bigint[] | null => {
    if (half === '') return [];
    const parts = half.split(':');
    const groups: bigint[] = [];
    for (let i = 0; i < parts.length; i += 1) {
      const part = parts[i]!;
      if (i === parts.length - 1 && part.includes('.')) {
        const v4 = parseIpv4(part);
        if (v4 === null) return null;
        groups.push(v4 >> 16n, v4 & 0xffffn);
      } else if (HEXTET.test(part)) {
        groups.push(BigInt(`0x${part}`));
      } else {
        return null;
      }
    }
    return groups;
  };
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (!head || !tail) return null;
  // a dotted IPv4 may only end the address
  if (halves.length === 2 && halves[0]!.includes('.')) return null;
  let groups: bigint[];
  if (halves.length === 2) {
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return null;
    groups = [...head, ...Array<bigint>(missing).fill(0n), ...tail];
  } else {
    if (head.length !== 8) return null;
    groups = head;
  }
  return groups.reduce((value, group) => (value << 16n) | group, 0n);
}

function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

/** RFC 5952 text: lower case, no leading zeros, the longest run of two or more zero groups as `::` (the first when tied). */
export function formatIpv6(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j += 1;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (from: number, to: number) =>
    groups
      .slice(from, to)
      .map((g) => g.toString(16))
      .join(':');
  if (bestLength < 2) return hex(0, 8);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLength, 8)}`;
}

export const formatAddress = (family: IpFamily, value: bigint) => (family === 4 ? formatIpv4(value) : formatIpv6(value));

/** The mask of the host part of a prefix: the low `bits - prefix` bits set. */
export const hostMask = (family: IpFamily, prefix: number) => (1n << BigInt(bitsOf(family) - prefix)) - 1n;

/**
 * Parses CIDR text ("10.1.0.0/16", "2001:DB8::/32"). Surrounding spaces are ignored;
 * anything else out of place is refused, including host bits set below the prefix
 * ("10.1.2.3/16"), where the error suggests the network that was probably meant.
 */
export function parseCidr(input: string): Cidr {
  const text = input.trim();
  const slash = text.indexOf('/');
  if (slash < 0) {
    const family = parseIpv4(text) !== null ? 4 : parseIpv6(text) !== null ? 6 : null;
    if (family)
      throw new CidrError(
        'NO_PREFIX',
        `"${text}" is an address, not a range: add the prefix length, e.g. "${text}/${family === 4 ? 32 : 128}"`,
      );
    throw new CidrError('MALFORMED', `"${text}" is not a CIDR range such as "10.1.0.0/16" or "2001:db8::/48"`);
  }
  const addressText = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  const v4 = parseIpv4(addressText);
  const v6 = v4 === null ? parseIpv6(addressText) : null;
  if (v4 === null && v6 === null) throw new CidrError('MALFORMED', `"${text}": "${addressText}" is not an IPv4 or IPv6 address`);
  const family: IpFamily = v4 !== null ? 4 : 6;
  const address = (v4 ?? v6)!;
  if (!PREFIX.test(prefixText)) throw new CidrError('MALFORMED', `"${text}": the prefix length "${prefixText}" is not a whole number`);
  const prefix = Number(prefixText);
  if (prefix > bitsOf(family))
    throw new CidrError('PREFIX_OUT_OF_RANGE', `"${text}": an IPv${family} prefix length is 0 to ${bitsOf(family)}`);
  const host = address & hostMask(family, prefix);
  if (host !== 0n) {
    const suggestion = formatCidr({ family, network: address & ~hostMask(family, prefix), prefix });
    throw new CidrError('HOST_BITS_SET', `"${text}" has host bits set below /${prefix}: the network is ${suggestion}`, suggestion);
  }
  return { family, network: address, prefix };
}

/** Canonical text: the network address in canonical form and the prefix length. */
export const formatCidr = (cidr: Cidr) => `${formatAddress(cidr.family, cidr.network)}/${cidr.prefix}`;

/** The first and last address of a block. */
export function rangeOf(cidr: Cidr): { first: bigint; last: bigint } {
  return { first: cidr.network, last: cidr.network | hostMask(cidr.family, cidr.prefix) };
}

/** How many addresses a block holds. */
export const sizeOf = (cidr: Cidr) => 1n << BigInt(bitsOf(cidr.family) - cidr.prefix);

/** True when every address of `inner` is in `outer`. */
export function contains(outer: Cidr, inner: Cidr): boolean {
  if (outer.family !== inner.family || outer.prefix > inner.prefix) return false;
  return (inner.network & ~hostMask(outer.family, outer.prefix)) === outer.network;
}

/** True when the blocks share an address; two CIDR blocks overlap only when one contains the other. */
export function overlaps(a: Cidr, b: Cidr): boolean {
  if (a.family !== b.family) return false;
  const ra = rangeOf(a);
  const rb = rangeOf(b);
  return ra.first <= rb.last && rb.first <= ra.last;
}

/** Orders blocks by family, then network address, then the wider block first. */
export function compareCidrs(a: Cidr, b: Cidr): number {
  if (a.family !== b.family) return a.family - b.family;
  if (a.network !== b.network) return a.network < b.network ? -1 : 1;
  return a.prefix - b.prefix;
}

/**
 * Every overlapping pair among `items`, as index pairs [i, j] with i < j. A sweep over the
 * blocks sorted by start address, so a clean list of n blocks costs n log n, not n².
 */
export function findOverlappingPairs(items: readonly Cidr[]): Array<[number, number]> {
  const order = items
    .map((cidr, index) => ({ cidr, index, ...rangeOf(cidr) }))
    .sort((a, b) => compareCidrs(a.cidr, b.cidr) || a.index - b.index);
  const pairs: Array<[number, number]> = [];
  // blocks still open at the sweep position; CIDR blocks nest, so this is a stack of ancestors
  const open: typeof order = [];
  for (const entry of order) {
    while (open.length && (open[open.length - 1]!.cidr.family !== entry.cidr.family || open[open.length - 1]!.last < entry.first))
      open.pop();
    for (const outer of open) pairs.push(outer.index < entry.index ? [outer.index, entry.index] : [entry.index, outer.index]);
    open.push(entry);
  }
  return pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

const block = (text: string) => parseCidr(text);

/** Private address space: RFC 1918 for IPv4, unique local addresses (RFC 4193, fc00::/7) for IPv6. */
const PRIVATE_RANGES: readonly Cidr[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'].map(block);

/**
 * Space that no registry allocates to a network (IANA special-purpose registries). The
 * documentation ranges are left out on purpose: examples and test data use them.
 */
const NON_ALLOCATABLE_RANGES: ReadonlyArray<{ cidr: Cidr; name: string }> = [
  ['0.0.0.0/8', '"this network"'],
  ['100.64.0.0/10', 'shared address space (carrier-grade NAT, RFC 6598)'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
  ['::/8', 'reserved IPv6 space (loopback, unspecified, IPv4-mapped)'],
  ['fe80::/10', 'IPv6 link-local'],
  ['ff00::/8', 'IPv6 multicast'],
].map(([text, name]) => ({ cidr: block(text!), name: name! }));

/** True when the whole block is private (RFC 1918 or ULA). */
export const isPrivate = (cidr: Cidr) => PRIVATE_RANGES.some((range) => contains(range, cidr));

/** The private range the block touches, if any. */
export const privateOverlap = (cidr: Cidr) => PRIVATE_RANGES.find((range) => overlaps(range, cidr));

/** The first special-purpose range the block touches, if any. */
export const specialPurposeOverlap = (cidr: Cidr) => NON_ALLOCATABLE_RANGES.find((range) => overlaps(range.cidr, cidr));
