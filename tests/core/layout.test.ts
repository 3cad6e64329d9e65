import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { layoutParagraph } from '../../src/core/layout.ts';
import type { Span } from '../../src/core/spans.ts';

function span(id: string, start: number, end: number, label = 'TARGET'): Span {
  return { id, docId: 'd', start, end, label, text: '' };
}

describe('layoutParagraph', () => {
  it('cuts a paragraph at every span edge, outermost span first', () => {
    // 力争全年整治1980亩以上 at [10, 23): TARGET [10,23), METRIC [16,23)
    const t = span('t', 10, 23);
    const m = span('m', 16, 23, 'METRIC');
    const pieces = layoutParagraph(5, 30, [m, t]);
    expect(pieces.map((p) => [p.start, p.end, p.spans.map((s) => s.id)])).toEqual([
      [5, 10, []],
      [10, 16, ['t']],
      [16, 23, ['t', 'm']],
      [23, 30, []],
    ]);
    expect(pieces[1]!.opens.map((s) => s.id)).toEqual(['t']);
    expect(pieces[1]!.closes).toEqual([]);
    expect(pieces[2]!.opens.map((s) => s.id)).toEqual(['m']);
    expect(pieces[2]!.closes.map((s) => s.id)).toEqual(['t', 'm']);
  });

  it('draws crossing spans as flat pieces', () => {
    const a = span('a', 0, 6);
    const b = span('b', 4, 10, 'ORG');
    const pieces = layoutParagraph(0, 10, [a, b]);
    expect(pieces.map((p) => [p.start, p.end, p.spans.map((s) => s.id).sort()])).toEqual([
      [0, 4, ['a']],
      [4, 6, ['a', 'b']],
      [6, 10, ['b']],
    ]);
  });

  it('clips spans that run past the paragraph without opening or closing them there', () => {
    const long = span('long', 0, 50);
    const pieces = layoutParagraph(10, 20, [long]);
    expect(pieces).toHaveLength(1);
    expect(pieces[0]!.spans).toEqual([long]);
    expect(pieces[0]!.opens).toEqual([]);
    expect(pieces[0]!.closes).toEqual([]);
  });

  it('property: pieces tile the paragraph and each carries exactly the spans covering it, outermost first', () => {
    const spanArb = fc
      .tuple(fc.nat(30), fc.integer({ min: 1, max: 12 }))
      .map(([s, len]) => span(`s${s}-${len}`, s, s + len));
    fc.assert(
      fc.property(
        fc.nat(20),
        fc.integer({ min: 1, max: 20 }),
        fc.array(spanArb, { maxLength: 8 }),
        (start, len, spans) => {
          const end = start + len;
          const pieces = layoutParagraph(start, end, spans);
          expect(pieces[0]!.start).toBe(start);
          expect(pieces.at(-1)!.end).toBe(end);
          pieces.forEach((p, i) => {
            expect(p.start).toBeLessThan(p.end);
            if (i > 0) expect(p.start).toBe(pieces[i - 1]!.end);
            const covering = spans.filter((s) => s.start <= p.start && s.end >= p.end);
            expect(new Set(p.spans)).toEqual(new Set(covering));
            for (let k = 1; k < p.spans.length; k++) {
              const outer = p.spans[k - 1]!;
              const inner = p.spans[k]!;
              expect(outer.end - outer.start).toBeGreaterThanOrEqual(inner.end - inner.start);
            }
            // no span edge falls strictly inside a piece
            for (const s of spans) {
              expect(s.start > p.start && s.start < p.end).toBe(false);
              expect(s.end > p.start && s.end < p.end).toBe(false);
            }
            expect(p.opens).toEqual(p.spans.filter((s) => s.start === p.start));
            expect(p.closes).toEqual(p.spans.filter((s) => s.end === p.end));
          });
        },
      ),
    );
  });
});
