import fc from 'fast-check';
import { clientKey, FailureLimiter } from '../failure-limiter';

describe('FailureLimiter', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  it('refuses a client for a window from the failure that reaches the limit', () => {
    const limiter = new FailureLimiter(3, 60_000, 100, clock);
    expect(limiter.fail('a')).toBe(false);
    now += 10_000;
    expect(limiter.fail('a')).toBe(false);
    expect(limiter.retryAfterMs('a')).toBe(0);
    now += 10_000;
    expect(limiter.fail('a')).toBe(true);
    expect(limiter.retryAfterMs('a')).toBe(60_000);
    now += 59_999;
    expect(limiter.retryAfterMs('a')).toBe(1);
    now += 1;
    expect(limiter.retryAfterMs('a')).toBe(0);
  });

  it('lets a count lapse after a window without reaching the limit', () => {
    const limiter = new FailureLimiter(3, 60_000, 100, clock);
    limiter.fail('a');
    limiter.fail('a');
    now += 60_000;
    expect(limiter.fail('a')).toBe(false);
    expect(limiter.fail('a')).toBe(false);
    expect(limiter.fail('a')).toBe(true);
  });

  it('keeps clients apart', () => {
    const limiter = new FailureLimiter(1, 60_000, 100, clock);
    limiter.fail('a');
    expect(limiter.retryAfterMs('a')).toBeGreaterThan(0);
    expect(limiter.retryAfterMs('b')).toBe(0);
  });

  it('never holds more than its capacity, however many addresses fail, dropping the longest idle first', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 400 }), (clients) => {
        const limiter = new FailureLimiter(2, 60_000, 50, clock);
        for (const client of clients) {
          limiter.fail(`10.0.${client >> 8}.${client & 255}`);
          if (limiter.size > 50) return false;
        }
        return true;
      }),
    );
    const limiter = new FailureLimiter(1, 60_000, 3, clock);
    limiter.fail('old');
    now += 1;
    limiter.fail('kept');
    now += 1;
    limiter.fail('newer');
    now += 1;
    limiter.fail('kept');
    limiter.fail('newest');
    expect(limiter.retryAfterMs('old')).toBe(0);
    expect(limiter.retryAfterMs('kept')).toBeGreaterThan(0);
    expect(limiter.retryAfterMs('newest')).toBeGreaterThan(0);
  });

  it('forgets clients a window after their last failure', () => {
    const limiter = new FailureLimiter(5, 60_000, 100, clock);
    for (let i = 0; i < 20; i += 1) limiter.fail(`10.0.0.${i}`);
    now += 60_000;
    limiter.fail('10.0.1.1');
    expect(limiter.size).toBe(1);
  });
});

describe('clientKey', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    ['::ffff:203.0.113.9', '203.0.113.9'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:DB8:1:2::', '2001:db8:1:2::/64'],
    ['::1', '::/64'],
    [undefined, 'unknown'],
  ])('counts %p as %p', (address, key) => {
    expect(clientKey(address)).toBe(key);
  });
});
