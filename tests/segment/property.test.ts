import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { segmentBoundaries } from '../../src/segment/boundaries.ts';
import { jiebaCut, jiebaTokenize } from '../../src/segment/node-segmenter.ts';
import { boundariesFromTokens } from '../../src/core/tokens.ts';
import { splitParagraphs } from '../../src/core/document.ts';
import { codePointLength } from '../../src/core/offsets.ts';
import { assertWellFormed, fakeTokenize } from './helpers.ts';

/** One "character" of a test text: line breaks, astral Han and emoji, combining marks, lone surrogates, anything. */
const unit = fc.oneof(
  fc.constantFrom(
    '\n', '\r\n', '\r', '𠀀', '😀', '👩‍👩‍👧', 'e\u0301', '\u0301', '。', '，', '！', '；', ' ', '\u3000',
    '利', '安', '隆', '政府', '工作', '报告', '2023', 'ab', '\ud800', '\udc00',
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
);
const text = fc.string({ unit, maxLength: 80 });

const paragraphEdges = (t: string): number[] => splitParagraphs(t).flatMap((p) => [p.start, p.end]);

describe('segmentBoundaries properties (fake tokenizer)', () => {
  it('is ascending from 0 to the code-point length and equals the tokenizer over the whole text', () => {
    fc.assert(
      fc.property(text, (t) => {
        const b = segmentBoundaries(t, fakeTokenize);
        assertWellFormed(b, codePointLength(t));
        // Nothing is cut (short lines), and the fake never joins across "\n": exactly its own answer.
        expect([...b]).toEqual([...boundariesFromTokens(fakeTokenize(t), codePointLength(t))]);
        const set = new Set(b);
        for (const e of paragraphEdges(t)) expect(set.has(e)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('with tiny pieces: covers the text exactly, keeps every token edge, adds only piece edges', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 9 }), (t, maxChunk) => {
        const calls: string[] = [];
        const b = segmentBoundaries(
          t,
          (piece) => {
            calls.push(piece);
            return fakeTokenize(piece);
          },
          undefined,
          { maxChunk },
        );
        const length = codePointLength(t);
        assertWellFormed(b, length);
        for (const c of calls) {
          expect(c).not.toContain('\n');
          expect(c.length).toBeGreaterThan(0);
          expect(codePointLength(c)).toBeLessThanOrEqual(maxChunk);
        }
        expect(calls.join('')).toBe(t.replaceAll('\n', ''));
        const set = new Set(b);
        for (const e of boundariesFromTokens(fakeTokenize(t), length)) expect(set.has(e)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('reports progress that only grows and ends at the total', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 20 }), (t, every) => {
        const calls: [number, number][] = [];
        segmentBoundaries(t, fakeTokenize, (d, n) => calls.push([d, n]), { progressEvery: every, maxChunk: 7 });
        const total = codePointLength(t);
        expect(calls.at(-1)).toEqual([total, total]);
        for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThan(calls[i - 1]![0]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('segmentBoundaries properties (real jieba)', () => {
  it('is well formed and keeps every boundary jieba finds in the whole text', () => {
    fc.assert(
      fc.property(text, (t) => {
        const b = segmentBoundaries(t, jiebaTokenize);
        const length = codePointLength(t);
        assertWellFormed(b, length);
        const set = new Set(b);
        for (const e of boundariesFromTokens(jiebaTokenize(t), length)) expect(set.has(e)).toBe(true);
        for (const e of paragraphEdges(t)) expect(set.has(e)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

describe('segmentBoundaries from jieba cut (words) and tokenize (offsets)', () => {
  it('are the same on any text, whole or cut into tiny pieces', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 9 }), (t, maxChunk) => {
        expect([...segmentBoundaries(t, jiebaCut)]).toEqual([...segmentBoundaries(t, jiebaTokenize)]);
        expect([...segmentBoundaries(t, jiebaCut, undefined, { maxChunk })]).toEqual([...segmentBoundaries(t, jiebaTokenize, undefined, { maxChunk })]);
      }),
      { numRuns: 200 },
    );
  });
});
