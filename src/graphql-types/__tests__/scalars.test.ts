import { LocalDateScalar } from '../scalars';

describe('LocalDate', () => {
  it('answers a calendar date as it is, the first time and every time after', () => {
    expect(LocalDateScalar.serialize('2026-02-28')).toBe('2026-02-28');
    expect(LocalDateScalar.serialize('2026-02-28')).toBe('2026-02-28');
  });

  it('refuses what is not a calendar date, however many dates it has answered', () => {
    for (let day = 1; day <= 28; day += 1) LocalDateScalar.serialize(`2026-02-${String(day).padStart(2, '0')}`);
    expect(() => LocalDateScalar.serialize('2026-02-30')).toThrow('Value is not a valid LocalDate: 2026-02-30');
    expect(() => LocalDateScalar.serialize('2026-2-3')).toThrow('Value is not a valid LocalDate');
    expect(() => LocalDateScalar.serialize(20260203)).toThrow('Value is not string');
  });

  it('checks inputs every time', () => {
    expect(LocalDateScalar.parseValue('2026-03-31')).toBe('2026-03-31');
    expect(() => LocalDateScalar.parseValue('2026-04-31')).toThrow('Value is not a valid LocalDate: 2026-04-31');
  });
});
