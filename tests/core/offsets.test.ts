import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OffsetMap, codePointLength, sliceCodePoints, toCodePoints, toUtf16 } from '../../src/core/offsets.ts';
import { RUNS, textWithOffset, textWithRange, trickyText } from './arbitraries.ts';

/** Reference: UTF-16 offset of each code-point offset 0..n, from Array.from (what Python's len counts). */
function referenceUnits(text: string): number[] {
  const out = [0];
  let u = 0;
  for (const ch of Array.from(text)) {
    u += ch.length;
    out.push(u);
  }
  return out;
}

describe('codePointLength', () => {
  it('counts code points, not UTF-16 units or graphemes', () => {
    expect(codePointLength('')).toBe(0);
    expect(codePointLength('利安隆')).toBe(3);
    expect(codePointLength('𠀀利安隆')).toBe(4);
    expect('𠀀利安隆'.length).toBe(5);
    expect(codePointLength('😀')).toBe(1);
    // ZWJ family: 3 people + 2 joiners = 5 code points, 8 units, 1 grapheme.
    expect(codePointLength('👨‍👩‍👧')).toBe(5);
    // Combining acute: 2 code points although one visible character.
    expect(codePointLength('e\u0301')).toBe(2);
    expect(codePointLength('\r\n')).toBe(2);
  });

  it('counts a lone surrogate as one code point', () => {
    expect(codePointLength('\uD800')).toBe(1);
    expect(codePointLength('\uDC00')).toBe(1);
    expect(codePointLength('\uDC00\uD800')).toBe(2); // low before high: not a pair
    expect(codePointLength('a\uD800b')).toBe(3);
    expect(codePointLength('\uD800\uDC00')).toBe(1); // a valid pair
  });

  it('equals Array.from(text).length for any text', () => {
    fc.assert(
      fc.property(trickyText(), (text) => {
        expect(codePointLength(text)).toBe(Array.from(text).length);
      }),
      RUNS,
    );
  });
});

describe('OffsetMap', () => {
  it("converts '𠀀利安隆': 利安隆 is code points [1,4) and UTF-16 units [2,5)", () => {
    const text = '𠀀利安隆';
    const map = new OffsetMap(text);
    expect(map.length).toBe(4);
    expect(map.isIdentity).toBe(false);
    expect(map.toUtf16(1)).toBe(2);
    expect(map.toUtf16(4)).toBe(5);
    expect(map.toCodePoint(2)).toBe(1);
    expect(map.toCodePoint(5)).toBe(4);
    expect(map.slice(1, 4)).toBe('利安隆');
    expect(map.slice(0, 1)).toBe('𠀀');
    expect(toUtf16(text, 1)).toBe(2);
    expect(toCodePoints(text, 2)).toBe(1);
    expect(sliceCodePoints(text, 1, 4)).toBe('利安隆');
    expect(text.slice(2, 5)).toBe('利安隆');
  });

  it('maps an offset inside a surrogate pair to the start of that character', () => {
    const text = '利𠀀安😀';
    const map = new OffsetMap(text);
    // units: 利=0, 𠀀=1..2, 安=3, 😀=4..5
    expect(map.toCodePoint(2)).toBe(1); // between the halves of 𠀀
    expect(map.toCodePoint(5)).toBe(3); // between the halves of 😀
    expect(map.toCodePoint(1)).toBe(1);
    expect(map.toCodePoint(3)).toBe(2);
    expect(map.toCodePoint(6)).toBe(4);
  });

  it('is the identity for BMP-only text (nearly all Chinese prose)', () => {
    const text = '力争全年整治1980亩以上。\r\ne\u0301';
    const map = new OffsetMap(text);
    expect(map.isIdentity).toBe(true);
    expect(map.length).toBe(text.length);
    for (let i = 0; i <= text.length; i++) {
      expect(map.toUtf16(i)).toBe(i);
      expect(map.toCodePoint(i)).toBe(i);
    }
  });

  it('treats lone surrogates as one code point each', () => {
    const text = '\uDC00a\uD800';
    const map = new OffsetMap(text);
    expect(map.isIdentity).toBe(true);
    expect(map.length).toBe(3);
    expect(map.slice(1, 2)).toBe('a');
  });

  it('clamps offsets outside the text', () => {
    const map = new OffsetMap('𠀀利');
    expect(map.toUtf16(-3)).toBe(0);
    expect(map.toUtf16(99)).toBe(3);
    expect(map.toCodePoint(-1)).toBe(0);
    expect(map.toCodePoint(99)).toBe(2);
  });

  it('handles the empty text', () => {
    const map = new OffsetMap('');
    expect(map.length).toBe(0);
    expect(map.isIdentity).toBe(true);
    expect(map.toUtf16(0)).toBe(0);
    expect(map.toCodePoint(0)).toBe(0);
    expect(map.slice(0, 0)).toBe('');
  });

  it('property: toUtf16 agrees with Array.from, and toCodePoint(toUtf16(cp)) === cp for every cp in [0, length]', () => {
    fc.assert(
      fc.property(trickyText(), (text) => {
        const map = new OffsetMap(text);
        const ref = referenceUnits(text);
        expect(map.length).toBe(ref.length - 1);
        for (let cp = 0; cp <= map.length; cp++) {
          const unit = map.toUtf16(cp);
          expect(unit).toBe(ref[cp]);
          expect(map.toCodePoint(unit)).toBe(cp);
        }
        expect(map.toUtf16(map.length)).toBe(text.length);
      }),
      RUNS,
    );
  });

  it('property: every UTF-16 offset maps to the code point of the character it falls in or starts', () => {
    fc.assert(
      fc.property(trickyText(), (text) => {
        const map = new OffsetMap(text);
        const ref = referenceUnits(text);
        for (let unit = 0; unit <= text.length; unit++) {
          const cp = map.toCodePoint(unit);
          // cp is the last code point starting at or before `unit`.
          expect(ref[cp]!).toBeLessThanOrEqual(unit);
          if (cp < map.length) expect(ref[cp + 1]!).toBeGreaterThan(unit);
          // Round trip lands on `unit` itself unless it split a surrogate pair, then one unit before.
          const back = map.toUtf16(cp);
          const splitsPair =
            unit > 0 &&
            unit < text.length &&
            /[\uD800-\uDBFF]/.test(text[unit - 1]!) &&
            /[\uDC00-\uDFFF]/.test(text[unit]!);
          expect(back).toBe(splitsPair ? unit - 1 : unit);
        }
      }),
      RUNS,
    );
  });

  it('property: slice(s, e) equals Array.from(text).slice(s, e).join("")', () => {
    fc.assert(
      fc.property(textWithRange(), ({ text, start, end }) => {
        const expected = Array.from(text).slice(start, end).join('');
        expect(new OffsetMap(text).slice(start, end)).toBe(expected);
        expect(sliceCodePoints(text, start, end)).toBe(expected);
        expect(codePointLength(expected)).toBe(end - start);
      }),
      RUNS,
    );
  });

  it('property: the free functions agree with OffsetMap', () => {
    fc.assert(
      fc.property(textWithOffset(), ({ text, cp }) => {
        const map = new OffsetMap(text);
        expect(toUtf16(text, cp)).toBe(map.toUtf16(cp));
        const unit = map.toUtf16(cp);
        expect(toCodePoints(text, unit)).toBe(cp);
      }),
      RUNS,
    );
  });

  it('property: slices at consecutive offsets concatenate back to the text', () => {
    fc.assert(
      fc.property(textWithRange(), ({ text, start, end }) => {
        const map = new OffsetMap(text);
        expect(map.slice(0, start) + map.slice(start, end) + map.slice(end, map.length)).toBe(text);
      }),
      RUNS,
    );
  });
});
