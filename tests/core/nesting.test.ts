import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byLabel, describeDropped, flatten, spanRelation } from '../../src/core/nesting.ts';
import { compareSpans, contains, overlaps, type Span } from '../../src/core/spans.ts';
import { RUNS } from './arbitraries.ts';

const TEXT = '力争全年整治1980亩以上。';

function sp(id: string, start: number, end: number, label: string, text = TEXT): Span {
  return { id, docId: 'd', start, end, label, text: Array.from(text).slice(start, end).join('') };
}

const ids = (spans: readonly Span[]) => spans.map((s) => s.id);

describe('flatten', () => {
  // TARGET 力争全年整治1980亩以上 [0,13) holds METRIC 1980亩以上 [6,13), which holds NUM 1980 [6,10).
  const target = sp('t', 0, 13, 'TARGET');
  const metric = sp('m', 6, 13, 'METRIC');
  const num = sp('n', 6, 10, 'NUM');
  const other = sp('o', 13, 14, 'P');

  it('outer keeps the enclosing span and drops what is inside, naming the span that won', () => {
    const r = flatten([metric, num, other, target], 'outer');
    expect(ids(r.kept)).toEqual(['t', 'o']);
    expect(r.dropped).toEqual([
      { span: metric, because: target },
      { span: num, because: target },
    ]);
  });

  it('inner keeps the innermost span', () => {
    const r = flatten([target, metric, num, other], 'inner');
    expect(ids(r.kept)).toEqual(['n', 'o']);
    expect(r.dropped).toEqual([
      { span: target, because: num },
      { span: metric, because: num },
    ]);
  });

  it('inner keeps two inner spans side by side and drops their common outer span', () => {
    const a = sp('a', 0, 4, 'A');
    const b = sp('b', 6, 10, 'B');
    const r = flatten([target, b, a], 'inner');
    expect(ids(r.kept)).toEqual(['a', 'b']);
    expect(r.dropped).toEqual([{ span: target, because: a }]);
  });

  it('crossing spans: outer keeps the earlier-starting one, inner the shorter one', () => {
    const early = sp('e', 0, 8, 'X'); // longer, starts first
    const late = sp('l', 6, 10, 'Y');
    expect(flatten([late, early], 'outer')).toEqual({ kept: [early], dropped: [{ span: late, because: early }] });
    expect(flatten([late, early], 'inner')).toEqual({ kept: [late], dropped: [{ span: early, because: late }] });
    // Equal lengths: the earlier one either way.
    const a = sp('a', 0, 4, 'X');
    const b = sp('b', 2, 6, 'Y');
    expect(ids(flatten([b, a], 'inner').kept)).toEqual(['a']);
    expect(ids(flatten([b, a], 'outer').kept)).toEqual(['a']);
  });

  it('outer: an earlier crossing span wins even over a longer one, and what that one held may stay', () => {
    const a = sp('a', 0, 3, 'A');
    const b = sp('b', 2, 10, 'B'); // crosses a, holds c
    const c = sp('c', 4, 6, 'C');
    const r = flatten([c, b, a], 'outer');
    expect(ids(r.kept)).toEqual(['a', 'c']);
    expect(r.dropped).toEqual([{ span: b, because: a }]);
  });

  it('exact duplicates: one stays', () => {
    const a = sp('a', 6, 13, 'METRIC');
    const b = sp('b', 6, 13, 'METRIC');
    for (const policy of ['outer', 'inner'] as const) {
      const r = flatten([b, a], policy);
      expect(ids(r.kept)).toEqual(['a']);
      expect(r.dropped).toEqual([{ span: b, because: a }]);
    }
  });

  it('no spans, or no overlaps: everything kept, in compareSpans order', () => {
    expect(flatten([], 'outer')).toEqual({ kept: [], dropped: [] });
    const list = [other, num, sp('x', 0, 2, 'X')];
    expect(ids(flatten(list, 'inner').kept)).toEqual(['x', 'n', 'o']);
  });
});

describe('flatten (property)', () => {
  const spansArb = fc
    .array(fc.tuple(fc.nat({ max: 30 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom('A', 'B', 'C')), { maxLength: 25 })
    .map((raw) => raw.map(([start, len, label], k) => ({ id: `s${k}`, docId: 'd', start, end: start + len, label, text: '' })));

  it('kept never overlap, kept ∪ dropped = input, every drop overlaps the kept span named', () => {
    fc.assert(
      fc.property(spansArb, fc.constantFrom('outer' as const, 'inner' as const), (spans, policy) => {
        const { kept, dropped } = flatten(spans, policy);
        for (let i = 0; i < kept.length; i++) for (let j = i + 1; j < kept.length; j++) expect(overlaps(kept[i]!, kept[j]!)).toBe(false);
        expect([...kept, ...dropped.map((d) => d.span)].sort(compareSpans)).toEqual([...spans].sort(compareSpans));
        expect(kept).toEqual([...kept].sort(compareSpans));
        for (const d of dropped) {
          expect(kept).toContain(d.because);
          expect(overlaps(d.span, d.because)).toBe(true);
        }
        // Maximal: every dropped span overlaps some kept span, so none could have been kept as well.
        // Policy: outer never drops a span for one it encloses; inner never for one that encloses it.
        for (const d of dropped) {
          if (policy === 'outer') expect(contains(d.span, d.because) && !contains(d.because, d.span)).toBe(false);
          else expect(contains(d.because, d.span) && !contains(d.span, d.because)).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('a set that does not overlap is kept whole', () => {
    fc.assert(
      fc.property(spansArb, fc.constantFrom('outer' as const, 'inner' as const), (spans, policy) => {
        const disjoint = flatten(spans, 'outer').kept;
        expect(flatten(disjoint, policy)).toEqual({ kept: disjoint, dropped: [] });
      }),
      RUNS,
    );
  });
});

describe('byLabel', () => {
  it('groups spans by label, labels sorted, spans in document order', () => {
    const m = byLabel([sp('b', 6, 13, 'METRIC'), sp('a', 0, 13, 'TARGET'), sp('c', 0, 2, 'METRIC')]);
    expect([...m.keys()]).toEqual(['METRIC', 'TARGET']);
    expect(ids(m.get('METRIC')!)).toEqual(['c', 'b']);
    expect(ids(m.get('TARGET')!)).toEqual(['a']);
    expect(byLabel([]).size).toBe(0);
  });
});

describe('describeDropped', () => {
  it('writes one line per dropped span, with the seed report offsets', () => {
    const seed = 'x'.repeat(206) + '力争全年整治1980亩以上。';
    const target = sp('t', 206, 219, 'TARGET', seed);
    const metric = sp('m', 212, 219, 'METRIC', seed);
    expect(describeDropped('报告', flatten([target, metric], 'outer').dropped)).toEqual([
      '"报告": dropped METRIC [212,219) 「1980亩以上」 inside TARGET [206,219)',
    ]);
    expect(describeDropped('报告', flatten([target, metric], 'inner').dropped)).toEqual([
      '"报告": dropped TARGET [206,219) 「力争全年整治1980亩以上」 containing METRIC [212,219)',
    ]);
    expect(describeDropped('a "b"', [])).toEqual([]);
  });

  it('names the relation', () => {
    expect(spanRelation({ start: 1, end: 2 }, { start: 0, end: 3 })).toBe('inside');
    expect(spanRelation({ start: 0, end: 3 }, { start: 1, end: 2 })).toBe('containing');
    expect(spanRelation({ start: 0, end: 3 }, { start: 0, end: 3 })).toBe('same range as');
    expect(spanRelation({ start: 0, end: 3 }, { start: 2, end: 5 })).toBe('crossing');
  });
});
