import { describe, expect, it, vi } from 'vitest';
import { segmentBoundaries, pieces } from '../../src/segment/boundaries.ts';
import { jiebaCut, jiebaTokenize } from '../../src/segment/node-segmenter.ts';
import { boundariesFromTokens, type Token } from '../../src/core/tokens.ts';
import { codePointLength } from '../../src/core/offsets.ts';
import { cpIndexOf, fakeTokenize, seedText } from './helpers.ts';

const list = (b: Uint32Array): number[] => [...b];

describe('segmentBoundaries with jieba (node build)', () => {
  it('gives code-point offsets after an astral character: 𠀀利安隆', () => {
    // jieba: 𠀀 [0,1), 利安隆 [1,4) — code points, not UTF-16 units (𠀀 is 2 units).
    expect(jiebaTokenize('𠀀利安隆').map((t) => [t.word, t.start, t.end])).toEqual([
      ['𠀀', 0, 1],
      ['利安隆', 1, 4],
    ]);
    expect(list(segmentBoundaries('𠀀利安隆', jiebaTokenize))).toEqual([0, 1, 4]);
  });

  it('shifts later paragraphs by code points, not UTF-16 units, after emoji and astral Han', () => {
    const text = '😀😀项目\n𠀀利安隆\n全力打赢';
    // 😀[0,1) 😀[1,2) 项目[2,4) \n[4,5) 𠀀[5,6) 利安隆[6,9) \n[9,10) 全力[10,12) 打赢[12,14)
    expect(list(segmentBoundaries(text, jiebaTokenize))).toEqual([0, 1, 2, 4, 5, 6, 9, 10, 12, 14]);
    expect(codePointLength(text)).toBe(14);
    expect(text.length).toBe(17);
  });

  it('handles CRLF: the CR stays at the end of its line, the LF is its own one-code-point word', () => {
    const text = '推动利安隆\r\n二期\r\n';
    const b = list(segmentBoundaries(text, jiebaTokenize));
    // 推动 [0,2) 利安隆 [2,5) \r [5,6) \n [6,7) 二期 [7,9) \r [9,10) \n [10,11) then the empty last line.
    expect(b).toEqual([0, 2, 5, 6, 7, 9, 10, 11]);
  });

  it('returns [0] for the empty text and never calls jieba for empty lines', () => {
    const tokenize = vi.fn(jiebaTokenize);
    expect(list(segmentBoundaries('', tokenize))).toEqual([0]);
    expect(list(segmentBoundaries('\n\n', tokenize))).toEqual([0, 1, 2]);
    expect(tokenize).not.toHaveBeenCalled();
  });

  it('on the seed equals jieba over the whole text, with and without cutting long lines', () => {
    const text = seedText();
    const whole = boundariesFromTokens(jiebaTokenize(text), codePointLength(text));
    expect(list(segmentBoundaries(text, jiebaTokenize))).toEqual(list(whole));
    // Cuts at 。！？；，、 do not change jieba's answer: it separates punctuation anyway.
    const calls: string[] = [];
    const small = segmentBoundaries(
      text,
      (t) => {
        calls.push(t);
        return jiebaTokenize(t);
      },
      undefined,
      { maxChunk: 120 },
    );
    expect(calls.every((c) => codePointLength(c) <= 120)).toBe(true);
    expect(calls.length).toBeGreaterThan(text.split('\n').length); // long lines really were cut
    expect(list(small)).toEqual(list(whole));
  });

  it('keeps 利安隆 whole in the seed and marks both of its edges', () => {
    const text = seedText();
    const b = new Set(segmentBoundaries(text, jiebaTokenize));
    const at = cpIndexOf(text, '推动利安隆二期');
    expect(at).toBe(394);
    for (const edge of [394, 396, 399, 401]) expect(b.has(edge)).toBe(true);
    expect(b.has(397)).toBe(false);
    expect(b.has(398)).toBe(false);
  });
});

describe('segmentBoundaries from words (jieba cut) equals it from tokens (jieba tokenize)', () => {
  it('on the seed, repeated, cut into long and short pieces', () => {
    const text = seedText().repeat(3);
    for (const maxChunk of [4096, 120, 7]) {
      expect(list(segmentBoundaries(text, jiebaCut, undefined, { maxChunk }))).toEqual(list(segmentBoundaries(text, jiebaTokenize, undefined, { maxChunk })));
    }
  });

  it('counts astral characters as one code point, keeps CRLF, lone surrogates and emoji sequences', () => {
    for (const text of ['𠀀利安隆', '😀😀项目\n𠀀利安隆\n全力打赢', '推动利安隆\r\n二期\r\n', 'a\ud800b 政府\udc00工作', '👩‍👩‍👧报告e\u0301，2023年𠀀𠀀']) {
      expect(list(segmentBoundaries(text, jiebaCut))).toEqual(list(segmentBoundaries(text, jiebaTokenize)));
      expect(list(segmentBoundaries(text, jiebaCut, undefined, { maxChunk: 3 }))).toEqual(list(segmentBoundaries(text, jiebaTokenize, undefined, { maxChunk: 3 })));
    }
    expect(list(segmentBoundaries('😀😀项目\n𠀀利安隆\n全力打赢', jiebaCut))).toEqual([0, 1, 2, 4, 5, 6, 9, 10, 12, 14]);
  });

  it('ignores words that do not make up the piece: only the piece edges remain', () => {
    expect(list(segmentBoundaries('abcde\nxyz', (t) => (t === 'abcde' ? ['ab', 'c'] : ['x', 'yz'])))).toEqual([0, 5, 6, 7, 9]);
    expect(list(segmentBoundaries('ab𠀀cd', () => ['ab', '𠀀', 'cd']))).toEqual([0, 2, 3, 5]);
  });
});

describe('segmentBoundaries mechanics (fake tokenizer)', () => {
  it('shifts each piece by its code-point start', () => {
    const seen: string[] = [];
    const b = segmentBoundaries(
      'ab\n𠀀cd',
      (t) => {
        seen.push(t);
        return [{ start: 0, end: codePointLength(t) }];
      },
    );
    expect(seen).toEqual(['ab', '𠀀cd']);
    expect(list(b)).toEqual([0, 2, 3, 6]);
  });

  it('sorts, dedupes and clamps what a tokenizer returns', () => {
    const tokenize = (): Token[] => [
      { start: 3, end: 5 },
      { start: 0, end: 1 },
      { start: 1, end: 3 },
      { start: 1, end: 3 },
      { start: -4, end: 99 },
      { start: 2.5, end: Number.NaN },
    ];
    // abcde: 1 3 (5 is the end); xyz (3 code points): only 1 survives, 3 and 5 are its end or beyond.
    expect(list(segmentBoundaries('abcde\nxyz', tokenize))).toEqual([0, 1, 3, 5, 6, 7, 9]);
  });

  it('cuts long paragraphs after sentence punctuation, never inside a surrogate pair', () => {
    const sentence = '全力打赢三场大会战。';
    const para = sentence.repeat(50);
    const got = [...pieces(para, 25)];
    expect(got.map((p) => p.text).join('')).toBe(para);
    for (const p of got) {
      expect(p.length).toBeLessThanOrEqual(25);
      expect(p.text.endsWith('。')).toBe(true);
    }
    // No punctuation at all: hard cuts at exactly maxChunk code points, astral characters kept whole.
    const astral = '𠀀'.repeat(10);
    const hard = [...pieces(astral, 3)];
    expect(hard.map((p) => [p.text, p.start, p.length])).toEqual([
      ['𠀀𠀀𠀀', 0, 3],
      ['𠀀𠀀𠀀', 3, 3],
      ['𠀀𠀀𠀀', 6, 3],
      ['𠀀', 9, 1],
    ]);
  });

  it('prefers a comma in the second half over a full stop early in the piece', () => {
    const para = '一。二三四五六七，八九十甲乙丙丁';
    const got = [...pieces(para, 10)];
    expect(got[0]!.text).toBe('一。二三四五六七，');
    expect(got.map((p) => p.text).join('')).toBe(para);
  });

  it('reports progress about every progressEvery code points and once at the end', () => {
    const line = '政府工作报告'.repeat(1000); // 6,000 code points
    const text = Array.from({ length: 10 }, () => line).join('\n'); // 60,009
    const total = codePointLength(text);
    const calls: [number, number][] = [];
    segmentBoundaries(text, fakeTokenize, (d, t) => calls.push([d, t]), { progressEvery: 20_000 });
    expect(calls.at(-1)).toEqual([total, total]);
    expect(calls.every(([, t]) => t === total)).toBe(true);
    expect(calls.length).toBe(3); // ~24k, ~48k, then the end
    for (let i = 1; i < calls.length; i++) {
      expect(calls[i]![0]).toBeGreaterThan(calls[i - 1]![0]);
      expect(calls[i]![0] - calls[i - 1]![0]).toBeLessThanOrEqual(20_000 + 6_001);
    }
  });

  it('reports completion for the empty text too', () => {
    const onProgress = vi.fn();
    segmentBoundaries('', fakeTokenize, onProgress);
    expect(onProgress.mock.calls).toEqual([[0, 0]]);
  });

  it('matches the fake tokenizer over the whole text when nothing is cut', () => {
    const text = 'Zhengbiao 政标：2023年\r\n𠀀利安隆😀e\u0301！\n\n  end';
    const whole = boundariesFromTokens(fakeTokenize(text), codePointLength(text));
    expect(list(segmentBoundaries(text, fakeTokenize))).toEqual(list(whole));
  });
});
