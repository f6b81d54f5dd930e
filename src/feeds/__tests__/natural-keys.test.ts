import { NaturalKeys } from '../natural-keys';

describe('natural keys of one document', () => {
  it('names where a key was first met, whatever the location looks like', () => {
    const keys = new NaturalKeys(10);
    expect(keys.firstAt('a', 'line 14')).toBeUndefined();
    expect(keys.firstAt('b', '$.troubleTicket[3]')).toBeUndefined();
    expect(keys.firstAt('c', 'lines 20–31')).toBeUndefined();
    expect(keys.firstAt('d', '$.performanceMeasurement[4:9]')).toBeUndefined();
    expect(keys.firstAt('e', '$')).toBeUndefined();
    expect(keys.firstAt('a', 'line 99')).toBe('line 14');
    expect(keys.firstAt('b', '$.troubleTicket[7]')).toBe('$.troubleTicket[3]');
    expect(keys.firstAt('c', 'line 40')).toBe('line 20');
    expect(keys.firstAt('d', '$.performanceMeasurement[12]')).toBe('$.performanceMeasurement[4]');
    expect(keys.firstAt('e', '$')).toBe('an earlier row');
  });

  it('keeps every key as it grows past its first size, and tells keys that differ apart', () => {
    const keys = new NaturalKeys(0);
    let alreadyMet = 0;
    for (let row = 2; row < 200_002; row++) if (keys.firstAt(`svc-${row % 100_000}|${row}`, `line ${row}`) !== undefined) alreadyMet += 1;
    expect(alreadyMet).toBe(0);
    for (const row of [2, 77_777, 200_001]) expect(keys.firstAt(`svc-${row % 100_000}|${row}`, 'line 1')).toBe(`line ${row}`);
    expect(keys.firstAt('svc-2|3', 'line 1')).toBeUndefined();
  });

  it('falls back to "an earlier row" past the location numbers and prefixes it can pack', () => {
    const keys = new NaturalKeys(10);
    keys.firstAt('far', `line ${2 ** 28}`);
    expect(keys.firstAt('far', 'line 1')).toBe('an earlier row');
    for (let i = 0; i < 20; i++) keys.firstAt(`p${i}`, `$.list${i}[1]`);
    expect(keys.firstAt('p0', 'x')).toBe('$.list0[1]');
    expect(keys.firstAt('p19', 'x')).toBe('an earlier row');
  });
});
