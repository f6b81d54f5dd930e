import fc from 'fast-check';
import { displayText } from '../display-text';

// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

describe('displayText', () => {
  it('keeps ordinary text, Welsh and emoji as they are', () => {
    expect(displayText('the supplier answered HTTP 500', 500)).toBe('the supplier answered HTTP 500');
    expect(displayText('Siân Ŵyn 🚀', 500)).toBe('Siân Ŵyn 🚀');
  });

  it('puts a message on one line and drops what a reader cannot see', () => {
    expect(displayText('line one\r\nline two\tand\u2028three', 500)).toBe('line one line two and three');
    expect(displayText('a\u0000b\u001b[31mc\u009bd\u202ee\u2066f\u200bg\u200dh\ufeffi\u00adj', 500)).toBe('ab[31mcdefghij');
    expect(displayText('\ud800lone', 500)).toBe('lone');
  });

  it('cuts at the limit with an ellipsis, never inside a surrogate pair', () => {
    expect(displayText('x'.repeat(600), 500)).toBe(`${'x'.repeat(499)}…`);
    expect(displayText(`${'x'.repeat(498)}🚀🚀`, 500)).toBe(`${'x'.repeat(498)}…`);
    expect(displayText('abcdef', 6)).toBe('abcdef');
  });

  it('looks at a bounded prefix of a document-sized message, and says it was cut', () => {
    const huge = `${'\u0000'.repeat(2_000)}tail`.repeat(500);
    expect(displayText(huge, 100)).toBe('…');
    expect(displayText(`start ${'y'.repeat(5_000_000)}`, 100)).toHaveLength(100);
  });

  it('answers one line of at most the limit, with nothing invisible, whatever it is given', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 3_000 }), fc.integer({ min: 2, max: 1_000 }), (text, max) => {
        const shown = displayText(text, max);
        expect(shown.length).toBeLessThanOrEqual(max);
        expect(shown).not.toMatch(INVISIBLE);
        expect(shown).not.toMatch(/[\n\r]/);
        expect(shown).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      }),
    );
  });
});
