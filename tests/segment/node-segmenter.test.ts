import { describe, expect, it } from 'vitest';
import { NodeSegmenter } from '../../src/segment/node-segmenter.ts';
import { codePointLength } from '../../src/core/offsets.ts';
import { assertWellFormed, cpIndexOf, seedText } from './helpers.ts';

describe('NodeSegmenter on the seed report', () => {
  it('segments the whole seed into well-formed code-point boundaries', async () => {
    const text = seedText();
    const progress: [number, number][] = [];
    const b = await new NodeSegmenter().segment(text, (d, t) => progress.push([d, t]));
    const length = codePointLength(text);
    expect(length).toBe(2919);
    assertWellFormed(b, length);
    expect(b.length).toBeGreaterThan(1000); // ~1,650 words in 2,919 code points
    expect(progress.at(-1)).toEqual([length, length]);
  });

  it('puts boundaries at both edges of words and none inside them', async () => {
    const text = seedText();
    const b = new Set(await new NodeSegmenter().segment(text));
    const word = (w: string, from = 0): { start: number; end: number } => {
      const start = cpIndexOf(text, w, from);
      return { start, end: start + codePointLength(w) };
    };
    // 2023年政府工作报告: jieba splits 政府|工作|报告.
    const report = word('政府工作报告');
    expect(report.start).toBe(5);
    for (const e of [5, 7, 9, 11]) expect(b.has(e)).toBe(true);
    for (const inside of [6, 8, 10]) expect(b.has(inside)).toBe(false);
    // 利安隆 (a company) is one word: 推动|利安隆|二期.
    const lal = word('利安隆');
    expect(lal).toEqual({ start: 396, end: 399 });
    expect([395, 396, 397, 398, 399].map((x) => b.has(x))).toEqual([false, true, false, false, true]);
    // 大会战 at its first occurrence.
    const battle = word('大会战');
    expect(battle).toEqual({ start: 43, end: 46 });
    expect([43, 44, 45, 46].map((x) => b.has(x))).toEqual([true, false, false, true]);
  });

  it('gives the same offsets when an astral character and CRLF line ends come first', async () => {
    const seed = seedText();
    const shifted = '𠀀😀\r\n' + seed.replaceAll('\n', '\r\n');
    const b = new Set(await new NodeSegmenter().segment(shifted));
    // 𠀀 😀 \r \n = 4 code points (6 UTF-16 units); each earlier "\n" became "\r\n" (+1 each).
    const lines = seed.slice(0, seed.indexOf('利安隆')).split('\n').length - 1;
    const at = 396 + 4 + lines;
    expect(cpIndexOf(shifted, '利安隆')).toBe(at);
    expect([at - 1, at, at + 1, at + 2, at + 3].map((x) => b.has(x))).toEqual([false, true, false, false, true]);
  });

  it('addWords changes later segmentation', async () => {
    const s = new NodeSegmenter();
    const text = '众卡二期尽快投产';
    const before = [...(await s.segment(text))];
    expect(before).toContain(2); // 众卡|二期
    await s.addWords(['众卡二期']);
    const after = [...(await s.segment(text))];
    expect(after).not.toContain(2);
    expect(after).toContain(4);
  });
});
