import fc from 'fast-check';
import {
  CidrError,
  contains,
  findOverlappingPairs,
  formatAddress,
  formatCidr,
  formatIpv6,
  hostMask,
  isPrivate,
  overlaps,
  parseCidr,
  parseIpv4,
  parseIpv6,
  privateOverlap,
  rangeOf,
  sizeOf,
  specialPurposeOverlap,
  type Cidr,
  type IpFamily,
} from '../cidr';

const problemOf = (text: string) => {
  try {
    parseCidr(text);
    return null;
  } catch (error) {
    return error instanceof CidrError ? error.problem : 'OTHER';
  }
};

/** Any valid block: an address of the family with its host bits cleared. */
const cidrArb = (family?: IpFamily): fc.Arbitrary<Cidr> =>
  (family ? fc.constant(family) : fc.constantFrom<IpFamily>(4, 6)).chain((f) => {
    const bits = f === 4 ? 32 : 128;
    return fc
      .record({ address: fc.bigInt({ min: 0n, max: (1n << BigInt(bits)) - 1n }), prefix: fc.integer({ min: 0, max: bits }) })
      .map(({ address, prefix }) => ({
        family: f,
        network: address & ~hostMask(f, prefix),
        prefix,
      }));
  });

/** Blocks that collide often: IPv4 inside 10.0.0.0/8 with long prefixes. */
const crowdedArb: fc.Arbitrary<Cidr> = fc
  .record({ low: fc.integer({ min: 0, max: 0xffff }), prefix: fc.integer({ min: 14, max: 32 }) })
  .map(({ low, prefix }) => ({ family: 4 as const, network: (0x0a000000n | BigInt(low << 8)) & ~hostMask(4, prefix), prefix }));

describe('parseIpv4 and parseIpv6', () => {
  it('reads the usual forms by hand', () => {
    expect(parseIpv4('10.1.2.3')).toBe(0x0a010203n);
    expect(parseIpv4('255.255.255.255')).toBe(0xffffffffn);
    expect(parseIpv6('::')).toBe(0n);
    expect(parseIpv6('::1')).toBe(1n);
    expect(parseIpv6('2001:db8::')).toBe(0x20010db8n << 96n);
    expect(parseIpv6('::ffff:192.0.2.1')).toBe((0xffffn << 32n) | 0xc0000201n);
    expect(parseIpv6('1:2:3:4:5:6:7:8')).toBe(0x00010002000300040005000600070008n);
  });

  it.each(['10.1.2', '10.1.2.3.4', '10.1.2.256', '10.01.2.3', '10.1.2.-1', ' 10.1.2.3', '1e1.1.1.1'])('refuses IPv4 %p', (text) => {
    expect(parseIpv4(text)).toBeNull();
  });

  it.each(['1:2:3:4:5:6:7:8:9', '1::2::3', '12345::', 'g::1', '1:2:3:4:5:6:7::8', 'fe80::1%eth0', ':1:2:3:4:5:6:7', '1.2.3.4::'])(
    'refuses IPv6 %p',
    (text) => {
      expect(parseIpv6(text)).toBeNull();
    },
  );

  it('writes IPv6 as RFC 5952 says', () => {
    expect(formatIpv6(parseIpv6('2001:0DB8:0000:0000:0000:0000:0002:0001')!)).toBe('2001:db8::2:1');
    expect(formatIpv6(parseIpv6('2001:db8:0:1:1:1:1:1')!)).toBe('2001:db8:0:1:1:1:1:1'); // one zero group is not compressed
    expect(formatIpv6(parseIpv6('2001:0:0:1:0:0:0:1')!)).toBe('2001:0:0:1::1'); // the longest run
    expect(formatIpv6(parseIpv6('2001:db8:0:0:1:0:0:1')!)).toBe('2001:db8::1:0:0:1'); // the first of equal runs
    expect(formatIpv6(0n)).toBe('::');
    expect(formatIpv6(1n)).toBe('::1');
  });
});

describe('parseCidr', () => {
  it('normalises text and keeps the block', () => {
    expect(formatCidr(parseCidr(' 10.20.0.0/16 '))).toBe('10.20.0.0/16');
    expect(formatCidr(parseCidr('2001:DB8:0000::/48'))).toBe('2001:db8::/48');
    expect(formatCidr(parseCidr('0.0.0.0/0'))).toBe('0.0.0.0/0');
  });

  it('refuses host bits with the network that was meant', () => {
    expect(() => parseCidr('10.1.2.3/16')).toThrow('"10.1.2.3/16" has host bits set below /16: the network is 10.1.0.0/16');
    expect(() => parseCidr('2001:db8::1/64')).toThrow(expect.objectContaining({ problem: 'HOST_BITS_SET', suggestion: '2001:db8::/64' }));
  });

  it('says what is wrong with each malformed range', () => {
    expect(problemOf('10.1.0.0')).toBe('NO_PREFIX');
    expect(problemOf('10.1.0.0/33')).toBe('PREFIX_OUT_OF_RANGE');
    expect(problemOf('::/129')).toBe('PREFIX_OUT_OF_RANGE');
    expect(problemOf('10.1.0.0/016')).toBe('MALFORMED');
    expect(problemOf('10.1.0.0/')).toBe('MALFORMED');
    expect(problemOf('10.1.0.0/16/2')).toBe('MALFORMED');
    expect(problemOf('example.org/24')).toBe('MALFORMED');
  });

  it('round-trips every block through its canonical text (property)', () => {
    fc.assert(
      fc.property(cidrArb(), (cidr) => expect(parseCidr(formatCidr(cidr))).toEqual(cidr)),
      { numRuns: 2000 },
    );
  });

  it('refuses an address with host bits set and suggests its network (property)', () => {
    fc.assert(
      fc.property(cidrArb(), fc.bigInt({ min: 1n, max: (1n << 128n) - 1n }), (cidr, noise) => {
        const host = noise & hostMask(cidr.family, cidr.prefix);
        fc.pre(host !== 0n);
        const textFor = `${formatAddress(cidr.family, cidr.network | host)}/${cidr.prefix}`;
        try {
          parseCidr(textFor);
          return false;
        } catch (error) {
          return error instanceof CidrError && error.problem === 'HOST_BITS_SET' && error.suggestion === formatCidr(cidr);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('ranges, containment and overlap', () => {
  it('works out ranges and sizes by hand', () => {
    expect(rangeOf(parseCidr('10.0.0.0/30'))).toEqual({ first: 0x0a000000n, last: 0x0a000003n });
    expect(sizeOf(parseCidr('2001:db8::/64'))).toBe(1n << 64n);
    expect(contains(parseCidr('10.0.0.0/8'), parseCidr('10.200.1.0/24'))).toBe(true);
    expect(contains(parseCidr('10.200.1.0/24'), parseCidr('10.0.0.0/8'))).toBe(false);
    expect(overlaps(parseCidr('10.0.0.0/25'), parseCidr('10.0.0.128/25'))).toBe(false);
    expect(overlaps(parseCidr('0.0.0.0/0'), parseCidr('::/0'))).toBe(false);
  });

  it('overlap is symmetric and holds exactly when one block contains the other (property)', () => {
    fc.assert(
      fc.property(crowdedArb, crowdedArb, (a, b) => {
        expect(overlaps(a, b)).toBe(overlaps(b, a));
        expect(overlaps(a, b)).toBe(contains(a, b) || contains(b, a));
      }),
      { numRuns: 3000 },
    );
  });

  it('containment agrees with the address ranges (property)', () => {
    fc.assert(
      fc.property(cidrArb(6), cidrArb(6), (a, b) => {
        const [ra, rb] = [rangeOf(a), rangeOf(b)];
        expect(contains(a, b)).toBe(ra.first <= rb.first && rb.last <= ra.last);
      }),
    );
  });

  it('finds exactly the overlapping pairs a brute-force comparison finds (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(crowdedArb, cidrArb()), { maxLength: 40 }), (blocks) => {
        const expected: Array<[number, number]> = [];
        for (let i = 0; i < blocks.length; i += 1)
          for (let j = i + 1; j < blocks.length; j += 1) if (overlaps(blocks[i]!, blocks[j]!)) expected.push([i, j]);
        expect(findOverlappingPairs(blocks)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('finds an identical pair and a nested chain', () => {
    const blocks = ['10.0.0.0/8', '10.1.0.0/16', '192.168.0.0/24', '10.1.2.0/24', '192.168.0.0/24'].map(parseCidr);
    expect(findOverlappingPairs(blocks)).toEqual([
      [0, 1],
      [0, 3],
      [1, 3],
      [2, 4],
    ]);
  });
});

describe('private and special-purpose space', () => {
  it.each([
    ['10.1.0.0/16', true],
    ['172.16.0.0/12', true],
    ['172.32.0.0/16', false],
    ['192.168.10.0/24', true],
    ['fd12:3456::/48', true],
    ['2001:db8::/32', false],
    ['8.0.0.0/7', false],
  ])('%s is private: %s', (text, expected) => {
    expect(isPrivate(parseCidr(text))).toBe(expected);
  });

  it('sees a block that merely touches private space', () => {
    expect(formatCidr(privateOverlap(parseCidr('8.0.0.0/6'))!)).toBe('10.0.0.0/8');
  });

  it('names special-purpose space and leaves documentation ranges alone', () => {
    expect(specialPurposeOverlap(parseCidr('100.64.0.0/16'))?.name).toMatch(/carrier-grade NAT/);
    expect(specialPurposeOverlap(parseCidr('127.0.0.0/24'))?.name).toBe('loopback');
    expect(specialPurposeOverlap(parseCidr('fe80::/64'))?.name).toBe('IPv6 link-local');
    expect(specialPurposeOverlap(parseCidr('198.51.100.0/24'))).toBeUndefined();
    expect(specialPurposeOverlap(parseCidr('2001:db8::/32'))).toBeUndefined();
  });
});
