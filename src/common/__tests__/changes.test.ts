import { applyChanges, changedValue, ifGiven } from '../changes';

describe('applyChanges', () => {
  const record = () => ({ name: 'Northshire General', addressLine2: 'Block B' as string | null, town: 'Leeds' });

  it('keeps what was left out, clears what was given null, and replaces what was given a value', () => {
    expect(applyChanges(record(), { name: undefined, addressLine2: null, town: 'Wakefield' })).toEqual({
      name: 'Northshire General',
      addressLine2: null,
      town: 'Wakefield',
    });
  });

  it('changes nothing when nothing was asked for', () => {
    expect(applyChanges(record(), {})).toEqual(record());
  });
});

describe('ifGiven', () => {
  it('converts a value, and keeps "left out" and "clear" as they are', () => {
    const upper = (text: string) => text.toUpperCase();
    expect(ifGiven('ls1', upper)).toBe('LS1');
    expect(ifGiven(undefined, upper)).toBeUndefined();
    expect(ifGiven<string, string>(null, upper)).toBeNull();
  });
});

describe('changedValue', () => {
  it('is the current value when the change was left out, else the change', () => {
    expect(changedValue('P95', undefined)).toBe('P95');
    expect(changedValue('P95', null)).toBeNull();
    expect(changedValue('P95', 'MEAN')).toBe('MEAN');
  });
});
