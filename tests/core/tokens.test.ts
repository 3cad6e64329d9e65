import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { boundariesFromTokens, boundariesIn, snapToWords, stepWord, type Boundaries } from '../../src/core/tokens.ts';

// 推动利安隆二期尽快落地 segmented as 推动|利安隆|二期|尽快|落地 → boundaries 0 2 5 7 9 11
const TOKENS = [
  { start: 0, end: 2 },
  { start: 2, end: 5 },
  { start: 5, end: 7 },
  { start: 7, end: 9 },
  { start: 9, end: 11 },
];
const B = boundariesFromTokens(TOKENS, 11);

/** Random boundaries: a length and a sorted set of offsets in it including 0 and length. */
const boundariesArb: fc.Arbitrary<{ b: Boundaries; length: number }> = fc
  .integer({ min: 0, max: 60 })
  .chain((length) =>
    fc.uniqueArray(fc.integer({ min: 0, max: length }), { maxLength: length + 1 }).map((cuts) => ({
      length,
      b: boundariesFromTokens(
        cuts.map((c) => ({ start: c, end: c })),
        length,
      ),
    })),
  );

const withRange = boundariesArb.chain(({ b, length }) =>
  fc
    .tuple(fc.integer({ min: 0, max: length }), fc.integer({ min: 0, max: length }))
    .map(([x, y]) => ({ b, length, start: Math.min(x, y), end: Math.max(x, y) })),
);

const withPos = boundariesArb.chain(({ b, length }) =>
  fc.integer({ min: 0, max: length }).map((pos) => ({ b, length, pos })),
);

describe('boundariesFromTokens', () => {
  it('collects token edges, ascending, deduplicated, always with 0 and the length', () => {
    expect(Array.from(B)).toEqual([0, 2, 5, 7, 9, 11]);
    expect(B).toBeInstanceOf(Uint32Array);
  });

  it('adds 0 and length even with no tokens or gaps in the tokens', () => {
    expect(Array.from(boundariesFromTokens([], 5))).toEqual([0, 5]);
    expect(Array.from(boundariesFromTokens([], 0))).toEqual([0]);
    expect(Array.from(boundariesFromTokens([{ start: 3, end: 4 }], 6))).toEqual([0, 3, 4, 6]);
  });

  it('drops edges outside [0, length] and accepts tokens in any order', () => {
    const b = boundariesFromTokens(
      [
        { start: 4, end: 12 },
        { start: -1, end: 2 },
        { start: 2, end: 4 },
      ],
      10,
    );
    expect(Array.from(b)).toEqual([0, 2, 4, 10]);
  });

  it('sorts numerically, not as strings', () => {
    const b = boundariesFromTokens(
      [
        { start: 9, end: 10 },
        { start: 100, end: 101 },
        { start: 20, end: 21 },
      ],
      200,
    );
    expect(Array.from(b)).toEqual([0, 9, 10, 20, 21, 100, 101, 200]);
  });
});

describe('snapToWords', () => {
  it('grows a selection outwards to the nearest word boundaries', () => {
    // "安隆二" (3..6) → "利安隆二期" (2..7)
    expect(snapToWords(B, 3, 6)).toEqual({ start: 2, end: 7 });
    // inside one word
    expect(snapToWords(B, 3, 4)).toEqual({ start: 2, end: 5 });
  });

  it('keeps edges that already sit on boundaries', () => {
    expect(snapToWords(B, 2, 5)).toEqual({ start: 2, end: 5 });
    expect(snapToWords(B, 0, 11)).toEqual({ start: 0, end: 11 });
    expect(snapToWords(B, 2, 6)).toEqual({ start: 2, end: 7 });
    expect(snapToWords(B, 3, 5)).toEqual({ start: 2, end: 5 });
  });

  it('grows a collapsed caret inside a word to that word, and leaves one on a boundary collapsed', () => {
    expect(snapToWords(B, 3, 3)).toEqual({ start: 2, end: 5 });
    expect(snapToWords(B, 5, 5)).toEqual({ start: 5, end: 5 });
  });

  it('returns the range unchanged without boundaries', () => {
    expect(snapToWords(new Uint32Array(0), 3, 4)).toEqual({ start: 3, end: 4 });
  });

  it('property: the result contains the input and starts and ends on boundaries at the nearest ones', () => {
    fc.assert(
      fc.property(withRange, ({ b, start, end }) => {
        const r = snapToWords(b, start, end);
        const list = Array.from(b);
        expect(r.start).toBeLessThanOrEqual(start);
        expect(r.end).toBeGreaterThanOrEqual(end);
        expect(list).toContain(r.start);
        expect(list).toContain(r.end);
        // nearest: no boundary strictly between the snapped and the raw edge
        expect(list.some((x) => x > r.start && x <= start)).toBe(false);
        expect(list.some((x) => x >= end && x < r.end)).toBe(false);
        // idempotent
        expect(snapToWords(b, r.start, r.end)).toEqual(r);
      }),
      { numRuns: 500 },
    );
  });
});

describe('stepWord', () => {
  it('moves to the next boundary forwards and the previous one backwards', () => {
    expect(stepWord(B, 0, 1)).toBe(2);
    expect(stepWord(B, 2, 1)).toBe(5);
    expect(stepWord(B, 3, 1)).toBe(5);
    expect(stepWord(B, 5, -1)).toBe(2);
    expect(stepWord(B, 3, -1)).toBe(2);
    expect(stepWord(B, 11, -1)).toBe(9);
  });

  it('stays put at the ends of the text', () => {
    expect(stepWord(B, 11, 1)).toBe(11);
    expect(stepWord(B, 0, -1)).toBe(0);
    expect(stepWord(new Uint32Array(0), 4, 1)).toBe(4);
    expect(stepWord(new Uint32Array(0), 4, -1)).toBe(4);
  });

  it('property: forwards gives the least boundary > pos, backwards the greatest < pos (else pos)', () => {
    fc.assert(
      fc.property(withPos, ({ b, pos }) => {
        const list = Array.from(b);
        const next = list.find((x) => x > pos) ?? pos;
        const prev = list.filter((x) => x < pos).at(-1) ?? pos;
        expect(stepWord(b, pos, 1)).toBe(next);
        expect(stepWord(b, pos, -1)).toBe(prev);
      }),
      { numRuns: 500 },
    );
  });
});

describe('boundariesIn', () => {
  it('returns the boundaries inside [start, end], both ends included', () => {
    expect(Array.from(boundariesIn(B, 2, 7))).toEqual([2, 5, 7]);
    expect(Array.from(boundariesIn(B, 3, 8))).toEqual([5, 7]);
    expect(Array.from(boundariesIn(B, 0, 11))).toEqual([0, 2, 5, 7, 9, 11]);
    expect(Array.from(boundariesIn(B, 3, 4))).toEqual([]);
    expect(Array.from(boundariesIn(B, 12, 20))).toEqual([]);
  });

  it('is a view on the same buffer (no copy for each paragraph)', () => {
    const sub = boundariesIn(B, 2, 7);
    expect(sub.buffer).toBe(B.buffer);
  });

  it('property: equals filtering the boundaries to [start, end]', () => {
    fc.assert(
      fc.property(withRange, ({ b, start, end }) => {
        expect(Array.from(boundariesIn(b, start, end))).toEqual(Array.from(b).filter((x) => x >= start && x <= end));
      }),
      { numRuns: 500 },
    );
  });
});
