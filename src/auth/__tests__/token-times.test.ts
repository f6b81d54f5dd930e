import { tokenTimesProblem } from '../token-times';

describe('token times', () => {
  const now = 1_800_000_000;
  const policy = { maxLifetimeSeconds: 12 * 3_600, clockSkewSeconds: 60 };
  const problem = (claims: { exp?: number; iat?: number }) => tokenTimesProblem(claims, now, policy);

  it('accept a token issued now (or within the skew) that lives up to the maximum', () => {
    expect(problem({ iat: now, exp: now + 3_600 })).toBeNull();
    expect(problem({ iat: now + 60, exp: now + 60 + 12 * 3_600 })).toBeNull();
    expect(problem({ iat: now - 11 * 3_600, exp: now + 3_600 })).toBeNull();
  });

  it('refuse a token that lives longer than the maximum, naming both claims and the limit', () => {
    expect(problem({ iat: now, exp: now + 12 * 3_600 + 1 })).toBe(
      'Token lifetime is too long: "exp" is 43201 s after "iat", at most 43200 s is accepted',
    );
    expect(problem({ iat: now, exp: 8_640_000_000_000 })).toMatch(/^Token lifetime is too long/);
  });

  it('refuse a token issued in the future beyond the skew', () => {
    expect(problem({ iat: now + 61, exp: now + 3_600 })).toBe(
      'Token claim "iat" is in the future: issued 61 s from now, more than the 60 s clock skew allowed',
    );
  });

  it('hold a token without iat to an exp at most the maximum lifetime (and the skew) ahead', () => {
    expect(problem({ exp: now + 12 * 3_600 + 60 })).toBeNull();
    expect(problem({ exp: now + 12 * 3_600 + 61 })).toMatch(/no "iat" and its "exp" is 43261 s from now, at most 43200 s/);
    expect(problem({ exp: 8_640_000_000_000 })).toMatch(/^Token lifetime is too long/);
  });

  it('refuse a token that never expires', () => {
    expect(problem({ iat: now })).toMatch(/no "exp"/);
  });
});
