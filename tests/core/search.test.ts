import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileQuery, findMatches, sliceCodePoints } from '../../src/core/index.ts';

const TEXT = '𠀀力争全年整治1980亩以上。\n新增建设用地600亩以上,招引亿元以上重大产业项目25个。';

function find(text: string, q: string, regex = false) {
  const re = compileQuery({ text: q, regex, caseSensitive: true });
  if (typeof re === 'string') throw new Error(re);
  return findMatches(text, re);
}

describe('search', () => {
  it('finds plain text literally, with code-point offsets after astral characters', () => {
    const ms = find(TEXT, '亩以上');
    expect(ms.map((m) => [m.start, m.end])).toEqual([
      [11, 14],
      [25, 28],
    ]);
    expect(ms.map((m) => sliceCodePoints(TEXT, m.start, m.end))).toEqual(['亩以上', '亩以上']);
    expect(find('a.b axb', 'a.b').map((m) => m.match)).toEqual(['a.b']);
  });

  it('finds regular expressions, and gives context from the same line only', () => {
    const ms = find(TEXT, '\\d+(亩|个)(以上)?', true);
    expect(ms.map((m) => m.match)).toEqual(['1980亩以上', '600亩以上', '25个']);
    expect(ms[0]!.before).toBe('𠀀力争全年整治');
    expect(ms[0]!.after).toBe('。');
    expect(ms[1]!.before).toBe('新增建设用地');
  });

  it('reports an invalid pattern instead of throwing, and skips empty matches', () => {
    expect(compileQuery({ text: '(', regex: true, caseSensitive: false })).toMatch(/Invalid|Unterminated|missing/i);
    expect(compileQuery({ text: '', regex: false, caseSensitive: false })).toBe('empty query');
    expect(find('abc', 'x*', true)).toEqual([]);
  });

  it('is case-insensitive unless asked', () => {
    const re = compileQuery({ text: 'gdp', regex: false, caseSensitive: false }) as RegExp;
    expect(findMatches('占GDP比重', re).map((m) => m.match)).toEqual(['GDP']);
  });

  it('every match slices back to its text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '𠀀', '😀', '\n', '亩') }), fc.constantFrom('a', 'b', '𠀀', 'ab', '亩'), (text, q) => {
        for (const m of find(text, q)) expect(sliceCodePoints(text, m.start, m.end)).toBe(m.match);
      }),
    );
  });
});
