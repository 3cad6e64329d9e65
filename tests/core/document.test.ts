import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hashText, paragraphAt, splitParagraphs, titleFromText } from '../../src/core/document.ts';
import { OffsetMap } from '../../src/core/offsets.ts';
import { RUNS, textWithOffset, trickyText } from './arbitraries.ts';

const SEED = readFileSync(new URL('../../seeds/changshan-2023-work-report-p11.txt', import.meta.url), 'utf8');

describe('splitParagraphs', () => {
  it('splits at every newline, keeping empty lines so offsets stay contiguous', () => {
    const ps = splitParagraphs('ab\n\ncd');
    expect(ps).toEqual([
      { index: 0, start: 0, end: 2, unitStart: 0, unitEnd: 2 },
      { index: 1, start: 3, end: 3, unitStart: 3, unitEnd: 3 },
      { index: 2, start: 4, end: 6, unitStart: 4, unitEnd: 6 },
    ]);
  });

  it('gives one empty paragraph for the empty text and a trailing empty one after a final newline', () => {
    expect(splitParagraphs('')).toEqual([{ index: 0, start: 0, end: 0, unitStart: 0, unitEnd: 0 }]);
    const ps = splitParagraphs('利\n');
    expect(ps).toHaveLength(2);
    expect(ps[1]).toEqual({ index: 1, start: 2, end: 2, unitStart: 2, unitEnd: 2 });
  });

  it('counts code points for starts/ends and UTF-16 units for unitStart/unitEnd with astral characters', () => {
    const text = '𠀀利安隆\n😀二期\n👨‍👩‍👧';
    const ps = splitParagraphs(text);
    expect(ps.map((p) => [p.start, p.end])).toEqual([
      [0, 4],
      [5, 8],
      [9, 14],
    ]);
    expect(ps.map((p) => [p.unitStart, p.unitEnd])).toEqual([
      [0, 5],
      [6, 10],
      [11, 19],
    ]);
    expect(text.slice(ps[1]!.unitStart, ps[1]!.unitEnd)).toBe('😀二期');
  });

  it('keeps a CR of CRLF inside the line (only "\\n" separates paragraphs)', () => {
    const ps = splitParagraphs('甲\r\n乙');
    expect(ps.map((p) => [p.start, p.end])).toEqual([
      [0, 2],
      [3, 4],
    ]);
  });

  it('does not pair a high surrogate with the newline after it', () => {
    const ps = splitParagraphs('\uD800\n𠀀');
    expect(ps.map((p) => [p.start, p.end, p.unitStart, p.unitEnd])).toEqual([
      [0, 1, 0, 1],
      [2, 3, 2, 4],
    ]);
  });

  it('splits the seed report into its 7 lines', () => {
    const ps = splitParagraphs(SEED);
    const lines = SEED.split('\n');
    expect(ps).toHaveLength(lines.length);
    const map = new OffsetMap(SEED);
    ps.forEach((p, i) => expect(map.slice(p.start, p.end)).toBe(lines[i]));
  });

  it('property: paragraphs tile the text, separated by exactly one newline, and unit ranges slice like code-point ranges', () => {
    fc.assert(
      fc.property(trickyText(), (text) => {
        const ps = splitParagraphs(text);
        const cps = Array.from(text);
        const map = new OffsetMap(text);
        const lines = text.split('\n');
        expect(ps).toHaveLength(lines.length);
        expect(ps[0]!.start).toBe(0);
        expect(ps[0]!.unitStart).toBe(0);
        expect(ps.at(-1)!.end).toBe(cps.length);
        expect(ps.at(-1)!.unitEnd).toBe(text.length);
        ps.forEach((p, i) => {
          expect(p.index).toBe(i);
          expect(p.start).toBeLessThanOrEqual(p.end);
          const byCp = cps.slice(p.start, p.end).join('');
          expect(byCp).toBe(lines[i]);
          expect(text.slice(p.unitStart, p.unitEnd)).toBe(byCp);
          expect(map.slice(p.start, p.end)).toBe(byCp);
          expect(map.toUtf16(p.start)).toBe(p.unitStart);
          expect(map.toUtf16(p.end)).toBe(p.unitEnd);
          expect(byCp).not.toContain('\n');
          if (i > 0) {
            const prev = ps[i - 1]!;
            expect(p.start).toBe(prev.end + 1);
            expect(p.unitStart).toBe(prev.unitEnd + 1);
            expect(cps[prev.end]).toBe('\n');
          }
        });
      }),
      RUNS,
    );
  });
});

describe('paragraphAt', () => {
  const text = 'ab\n\n𠀀cd\nef';
  const ps = splitParagraphs(text); // [0,2) [3,3) [4,7) [8,10)

  it('finds the paragraph holding a code point, the newline belonging to the paragraph before it', () => {
    expect(paragraphAt(ps, 0)).toBe(0);
    expect(paragraphAt(ps, 1)).toBe(0);
    expect(paragraphAt(ps, 2)).toBe(0); // the "\n" after "ab"
    expect(paragraphAt(ps, 3)).toBe(1); // the empty line
    expect(paragraphAt(ps, 4)).toBe(2);
    expect(paragraphAt(ps, 6)).toBe(2);
    expect(paragraphAt(ps, 8)).toBe(3);
  });

  it('gives the last paragraph for the very end and beyond, the first for negatives', () => {
    expect(paragraphAt(ps, 10)).toBe(3);
    expect(paragraphAt(ps, 1000)).toBe(3);
    expect(paragraphAt(ps, -5)).toBe(0);
  });

  it('property: agrees with a linear scan', () => {
    fc.assert(
      fc.property(textWithOffset(), ({ text, cp }) => {
        const paras = splitParagraphs(text);
        const expected = paras.findIndex((p) => p.start <= cp && cp <= p.end);
        expect(paragraphAt(paras, cp)).toBe(expected);
      }),
      RUNS,
    );
  });
});

describe('hashText', () => {
  it('is deterministic and 16 hex digits plus the length in hex', () => {
    expect(hashText(SEED)).toBe(hashText(SEED.slice()));
    expect(hashText('利安隆')).toMatch(/^[0-9a-f]{16}3$/);
    expect(hashText('')).toMatch(/^[0-9a-f]{16}0$/);
  });

  it('differs for different texts of the same length', () => {
    const pairs: [string, string][] = [
      ['ab', 'ba'],
      ['利安隆', '隆安利'],
      ['1980亩', '1890亩'],
      ['𠀀', '😀'],
      ['\uD800\uDC00', '\uDC00\uD800'],
      [SEED, SEED.replace('1980', '1981')],
      [SEED, SEED.replace('。', '，')],
      ['\r\n', '\n\r'],
    ];
    for (const [a, b] of pairs) {
      expect(a.length).toBe(b.length);
      expect(hashText(a)).not.toBe(hashText(b));
    }
  });

  it('has no collisions among all 2-character strings over a set of CJK, ASCII and surrogate units', () => {
    const units: string[] = [];
    for (let c = 0x4e00; c < 0x4e00 + 200; c++) units.push(String.fromCharCode(c));
    for (let c = 0x20; c < 0x7f; c++) units.push(String.fromCharCode(c));
    units.push('\uD800', '\uDC00', '\uDBFF', '\uDFFF', '\n', '\r', '，', '。');
    const seen = new Map<string, string>();
    const collisions: string[] = [];
    for (const a of units) {
      for (const b of units) {
        const s = a + b;
        const h = hashText(s);
        const prior = seen.get(h);
        if (prior !== undefined) collisions.push(`${JSON.stringify(s)} = ${JSON.stringify(prior)}`);
        seen.set(h, s);
      }
    }
    expect(collisions).toEqual([]);
    expect(seen.size).toBe(units.length ** 2);
  });

  it('property: different texts get different hashes, the same text the same hash', () => {
    fc.assert(
      fc.property(trickyText(), trickyText(), (a, b) => {
        expect(hashText(a)).toBe(hashText(`${a}`));
        if (a !== b) expect(hashText(a)).not.toBe(hashText(b));
      }),
      RUNS,
    );
  });

  it('property: a one-unit edit changes the hash', () => {
    fc.assert(
      fc.property(
        trickyText().filter((t) => t.length > 0),
        fc.nat(),
        fc.integer({ min: 1, max: 0xffff }),
        (text, at, delta) => {
          const i = at % text.length;
          const changed = String.fromCharCode((text.charCodeAt(i) + delta) & 0xffff);
          const edited = text.slice(0, i) + changed + text.slice(i + 1);
          expect(hashText(edited)).not.toBe(hashText(text));
        },
      ),
      RUNS,
    );
  });
});

describe('titleFromText', () => {
  it('takes the first non-empty line, trimmed', () => {
    expect(titleFromText(SEED)).toBe('2023年政府工作报告-20篇(第11/118页)');
    expect(titleFromText('\n  \n\u3000 第一行 \n第二行')).toBe('第一行');
    expect(titleFromText('标题\r\n正文')).toBe('标题');
  });

  it('shortens to `max` code points with an ellipsis, never splitting a surrogate pair', () => {
    const long = '𠀀'.repeat(40);
    const t = titleFromText(long);
    expect(t).toBe('𠀀'.repeat(30) + '…');
    expect(titleFromText('一二三四五', 3)).toBe('一二三…');
    expect(titleFromText('一二三', 3)).toBe('一二三');
    expect(titleFromText('a'.repeat(30))).toBe('a'.repeat(30));
    expect(titleFromText('a'.repeat(31))).toBe('a'.repeat(30) + '…');
  });

  it('falls back to a placeholder for blank text', () => {
    expect(titleFromText('')).toBe('未命名 Untitled');
    expect(titleFromText(' \n\t\n')).toBe('未命名 Untitled');
  });
});
