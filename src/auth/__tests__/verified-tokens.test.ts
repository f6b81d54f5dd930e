import { VerifiedTokens } from '../verified-tokens';

describe('verified bearer tokens', () => {
  let clock = 1_800_000_000_000;
  const now = () => clock;
  const claims = (expSeconds: number) => ({ sub: 'someone@rx1', org: 'RX1', exp: expSeconds });

  it('are trusted for the time to live, then verified again', () => {
    const tokens = new VerifiedTokens(30_000, 30_000, now);
    tokens.remember('a.b.c', claims(clock / 1000 + 3_600));
    clock += 29_999;
    expect(tokens.claimsOf('a.b.c')).toMatchObject({ sub: 'someone@rx1' });
    clock += 1;
    expect(tokens.claimsOf('a.b.c')).toBeUndefined();
  });

  it('are never trusted past their expiry and the clock tolerance, as verification would refuse them', () => {
    const tokens = new VerifiedTokens(30_000, 30_000, now);
    const exp = Math.floor(clock / 1000) - 20; // expired 20 s ago: still inside the 30 s tolerance
    tokens.remember('d.e.f', claims(exp));
    expect(tokens.claimsOf('d.e.f')).toBeDefined();
    clock = (exp + 30) * 1000 - 1;
    expect(tokens.claimsOf('d.e.f')).toBeDefined();
    clock += 1;
    expect(tokens.claimsOf('d.e.f')).toBeUndefined();
  });

  it('match the whole token only', () => {
    const tokens = new VerifiedTokens(30_000, 30_000, now);
    tokens.remember('g.h.i', claims(clock / 1000 + 3_600));
    expect(tokens.claimsOf('g.h.j')).toBeUndefined();
    expect(tokens.claimsOf('g.h.')).toBeUndefined();
  });

  it('are not remembered at all when the time to live is 0', () => {
    const tokens = new VerifiedTokens(0, 30_000, now);
    tokens.remember('a.b.c', claims(clock / 1000 + 3_600));
    expect(tokens.claimsOf('a.b.c')).toBeUndefined();
  });

  it('hold at most their capacity, dropping the oldest', () => {
    const tokens = new VerifiedTokens(30_000, 30_000, now, 2);
    for (const token of ['t1', 't2', 't3']) tokens.remember(token, claims(clock / 1000 + 3_600));
    expect(tokens.claimsOf('t1')).toBeUndefined();
    expect(tokens.claimsOf('t2')).toBeDefined();
    expect(tokens.claimsOf('t3')).toBeDefined();
  });
});
