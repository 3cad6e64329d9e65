// The index's lists after any sequence of changes are those of an index built afresh from the result.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpanIndex } from '../../src/core/span-index.ts';
import { splitParagraphs } from '../../src/core/document.ts';
import { compareSpans, type Span } from '../../src/core/spans.ts';

const TEXT = '甲乙丙丁\n戊己庚辛壬癸\n\n子丑寅卯辰巳午未';
const paragraphs = splitParagraphs(TEXT);

const span = (id: number) =>
  fc
    .tuple(fc.nat(TEXT.length - 1), fc.integer({ min: 1, max: 8 }), fc.constantFrom('TARGET', 'METRIC', 'ORG'))
    .map(([start, len, label]): Span => ({ id: `s${id}`, docId: 'd', start, end: Math.min(TEXT.length, start + len), label, text: '' }));

describe('SpanIndex', () => {
  it('keeps all(), its paragraph lists and counts as a fresh index would, change after change', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(5), fc.nat(5), fc.array(span(0), { maxLength: 3 }), fc.nat(1000)), { maxLength: 30 }), (steps) => {
        const index = new SpanIndex(paragraphs, []);
        const live = new Map<string, Span>();
        let next = 0;
        for (const [removeAt, sameId, fresh, n] of steps) {
          if (n % 4 !== 0) index.all(); // mostly the sorted list exists, so that it is kept up to date
          const ids = [...live.keys()];
          // Up to two spans go; a relabel keeps the id; up to three new spans come.
          const gone = ids.length > 0 && removeAt < 4 ? [...new Set([ids[removeAt % ids.length]!, ids[n % ids.length]!])].slice(0, 1 + (removeAt % 2)).map((id) => live.get(id)!) : [];
          const relabel = sameId < 2 && gone[0] ? [{ ...gone[0], label: fresh[0]?.label ?? 'ORG' }] : [];
          const added = [...relabel, ...(sameId < 4 ? fresh.map((f) => ({ ...f, id: `n${next++}` })) : [])];
          index.apply({ docId: 'd', before: gone, after: added });
          for (const g of gone) live.delete(g.id);
          for (const a of added) live.set(a.id, a);
          const fresh2 = new SpanIndex(paragraphs, live.values());
          expect(index.all()).toEqual([...live.values()].sort(compareSpans));
          expect(index.byParagraph).toEqual(fresh2.byParagraph);
          expect(Object.fromEntries(Object.entries(index.counts).filter(([, c]) => c > 0))).toEqual(fresh2.counts);
        }
      }),
      { numRuns: 300 },
    );
  });
});
