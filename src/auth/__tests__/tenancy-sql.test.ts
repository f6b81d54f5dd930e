import { tenancy } from '../tenancy';

describe('tenancy.sql, the viewer condition for a raw SQL read', () => {
  it('holds the column to the scope with one placeholder per organisation', () => {
    expect(tenancy.sql([3, 5], 'c.organisationId')).toEqual({ sql: 'c.organisationId IN (?, ?)', params: [3, 5] });
  });

  it('matches nothing for an empty scope, rather than writing IN (), which MariaDB refuses as a syntax error', () => {
    expect(tenancy.sql([])).toEqual({ sql: '1 = 0', params: [] });
  });

  it('tells whether a record lies in the scope', () => {
    expect(tenancy.has([3, 5], 5)).toBe(true);
    expect(tenancy.has([3, 5], 4)).toBe(false);
  });
});
