import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileBytes, utf8File, Utf8Writer } from '../../src/formats/utf8.ts';

const encode = (s: string) => new TextEncoder().encode(s);

describe('Utf8Writer', () => {
  it('writes what TextEncoder gives, code point by code point or as text, growing from any size', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }))), fc.nat(40), (pieces, capacity) => {
        const byPoint = new Utf8Writer(capacity);
        const byText = new Utf8Writer(capacity);
        for (const piece of pieces) {
          for (const ch of piece) byPoint.codePoint(ch.codePointAt(0)!);
          byText.text(piece);
        }
        const whole = encode(pieces.join(''));
        expect(byPoint.result()).toEqual(whole);
        expect(byText.result()).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('writes raw bytes as they are; a result is what was written, and the writer starts again', () => {
    const w = new Utf8Writer(1);
    w.raw(encode('\t目标\n'));
    const first = w.result();
    w.text('𠀀');
    expect(new TextDecoder().decode(first)).toBe('\t目标\n');
    expect(new TextDecoder().decode(w.result())).toBe('𠀀');
    const roomy = new Utf8Writer(1000);
    roomy.text('甲');
    expect(roomy.result().buffer.byteLength).toBe(3); // not the 1,000 bytes set aside
  });
});

describe('files written as bytes', () => {
  it('give their text when asked, and their own bytes to save', () => {
    const bytes = encode('\ufeff甲\tO\n');
    const f = utf8File('a.conll', bytes);
    expect(f.content).toBe('\ufeff甲\tO\n'); // a leading BOM stays part of the text
    expect(fileBytes(f)).toBe(bytes);
    expect(fileBytes({ name: 'b.txt', content: '乙' })).toEqual(encode('乙'));
  });
});
