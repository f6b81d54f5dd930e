import type { JWTPayload } from 'jose';

/**
 * Bearer tokens whose signature and claims were verified, remembered by the whole token
 * string (a token that differs by one character is verified afresh) so that a client's next
 * requests with the same token skip the signature check. An entry lasts `ttlMs` and never
 * past the token's own expiry (with the clock tolerance verification allows), so nothing is
 * accepted that verification would refuse, except a token signed with a key the identity
 * provider withdrew within the last `ttlMs`. At most `capacity` tokens, the oldest dropped first.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { readonly claims: JWTPayload; readonly until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly clockToleranceMs: number,
    private readonly now: () => number = Date.now,
    private readonly capacity = 10_000,
  ) {}

  /** the token's verified claims, while they may still be trusted */
  claimsOf(token: string): JWTPayload | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until > this.now()) return entry.claims;
    this.entries.delete(token);
    return undefined;
  }

  remember(token: string, claims: JWTPayload): void {
    if (this.ttlMs <= 0 || typeof claims.exp !== 'number') return;
    const until = Math.min(this.now() + this.ttlMs, claims.exp * 1000 + this.clockToleranceMs);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { claims: Object.freeze({ ...claims }), until });
  }
}
