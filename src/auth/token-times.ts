import type { JWTPayload } from 'jose';

export interface TokenTimePolicy {
  readonly maxLifetimeSeconds: number;
  readonly clockSkewSeconds: number;
}

/**
 * Why a signed token's times make it unacceptable, or null. jose has already refused a token
 * past its `exp` or before its `nbf` (within the skew); this adds what it leaves open: a token
 * that lives longer than the policy allows (an `exp` in year 275760 would never need
 * renewing, so a leaked one would never stop working), and one issued in the future (a
 * provider's clock, or a signer, that cannot be trusted). Without `iat`, the lifetime cannot
 * be measured, so `exp` may then lie at most the maximum lifetime ahead of now.
 */
export function tokenTimesProblem(claims: JWTPayload, nowSeconds: number, policy: TokenTimePolicy): string | null {
  const { exp, iat } = claims;
  const { maxLifetimeSeconds: max, clockSkewSeconds: skew } = policy;
  if (typeof exp !== 'number') return 'Token has no "exp" claim: every token must expire';
  if (typeof iat === 'number') {
    if (iat > nowSeconds + skew)
      return `Token claim "iat" is in the future: issued ${Math.round(iat - nowSeconds)} s from now, more than the ${skew} s clock skew allowed`;
    if (exp - iat > max) return `Token lifetime is too long: "exp" is ${Math.round(exp - iat)} s after "iat", at most ${max} s is accepted`;
    return null;
  }
  if (exp > nowSeconds + max + skew) {
    return `Token lifetime is too long: it has no "iat" and its "exp" is ${Math.round(exp - nowSeconds)} s from now, at most ${max} s is accepted`;
  }
  return null;
}
