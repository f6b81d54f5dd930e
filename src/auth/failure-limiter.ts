import { isIPv4, isIPv6 } from 'node:net';
import { formatIpv6, hostMask, parseIpv6 } from '../common/cidr';

/**
 * Counts failures per client and refuses a client that reaches `limit` failures within
 * `windowMs`, for `windowMs` from that failure. Only failures count; nothing but time lifts
 * a refusal, so a client that also holds a good credential cannot use it to reset the count.
 *
 * The table is held in this process (several processes each count on their own) and holds at
 * most `capacity` clients: one spraying addresses pushes out the clients it has been idle
 * longest first, and can never make the table grow past the cap.
 */
export class FailureLimiter {
  /** in order of each client's latest failure, oldest first (a failure moves its client to the end) */
  private readonly clients = new Map<string, { windowStart: number; failures: number; refusedUntil: number; lastFailure: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly capacity = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** milliseconds until the client may try again; 0 when it is not refused */
  retryAfterMs(client: string): number {
    const entry = this.clients.get(client);
    return entry ? Math.max(0, entry.refusedUntil - this.now()) : 0;
  }

  /** Counts one failure; true when this failure is the one that brings the client to the limit. */
  fail(client: string): boolean {
    const now = this.now();
    this.dropIdle(now);
    const entry = this.clients.get(client);
    const current =
      entry && now - entry.windowStart < this.windowMs
        ? entry
        : { windowStart: now, failures: 0, refusedUntil: entry?.refusedUntil ?? 0, lastFailure: now };
    current.failures += 1;
    current.lastFailure = now;
    const reached = current.failures === this.limit;
    if (reached) current.refusedUntil = now + this.windowMs;
    this.clients.delete(client);
    if (this.clients.size >= this.capacity) this.clients.delete(this.clients.keys().next().value!);
    this.clients.set(client, current);
    return reached;
  }

  /** clients held (for tests and the capacity bound) */
  get size(): number {
    return this.clients.size;
  }

  /** A client whose last failure is a window old holds nothing that still matters: its count has lapsed and any refusal ended. */
  private dropIdle(now: number): void {
    for (const [client, entry] of this.clients) {
      if (now - entry.lastFailure < this.windowMs) return;
      this.clients.delete(client);
    }
  }
}

/**
 * The key a client is counted under: its IPv4 address (an IPv4-mapped IPv6 address counts
 * as the IPv4 one), or the /64 of an IPv6 address, since one subscriber commonly holds a
 * whole /64 and could otherwise take a fresh address for every attempt.
 */
export function clientKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIPv4(address)) return address;
  const value = isIPv6(address) ? parseIpv6(address) : null;
  return value === null ? address : `${formatIpv6(value & ~hostMask(6, 64))}/64`;
}
