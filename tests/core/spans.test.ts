import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_LABELS, type Label } from '../../src/core/labels.ts';
import { OffsetMap } from '../../src/core/offsets.ts';
import {
  compareSpans,
  spanDifference,
  contains,
  mismatchedSpans,
  overlaps,
  placementProblem,
  trimToContent,
  type Span,
} from '../../src/core/spans.ts';

const SEED = readFileSync(new URL('../../seeds/changshan-2023-work-report-p11.txt', import.meta.url), 'utf8');
const SEED_MAP = new OffsetMap(SEED);

/** Code-point range of the only occurrence of `needle` in the seed. */
function locate(needle: string): { start: number; end: number } {
  const unit = SEED.indexOf(needle);
  expect(unit, `${needle} in seed`).toBeGreaterThanOrEqual(0);
  expect(SEED.indexOf(needle, unit + 1), `${needle} unique in seed`).toBe(-1);
  const start = SEED_MAP.toCodePoint(unit);
  return { start, end: start + Array.from(needle).length };
}

/** Trims the seed occurrence of `needle` and returns the text that remains (or null). */
function trimSeed(needle: string): string | null {
  const { start, end } = locate(needle);
  const r = trimToContent(SEED_MAP, start, end);
  return r && SEED_MAP.slice(r.start, r.end);
}

function trimText(text: string): string | null {
  const map = new OffsetMap(text);
  const r = trimToContent(map, 0, map.length);
  return r && map.slice(r.start, r.end);
}

let n = 0;
function span(label: string, start: number, end: number, id = `s${++n}`): Span {
  return { id, docId: 'd', start, end, label, text: '' };
}

describe('placementProblem', () => {
  const L = DEFAULT_LABELS;
  // 力争全年整治1980亩以上: TARGET [0, 13), METRIC 1980亩以上 [6, 13)
  const target = span('TARGET', 0, 13, 'target');
  const metric = span('METRIC', 6, 13, 'metric');

  it('allows METRIC inside TARGET whichever is made first', () => {
    expect(placementProblem([target], metric, L)).toBeNull();
    expect(placementProblem([metric], target, L)).toBeNull();
    expect(placementProblem([target], span('METRIC', 2, 6), L)).toBeNull();
  });

  it('allows METRIC and TARGET on exactly the same range, in both orders', () => {
    expect(placementProblem([span('TARGET', 3, 9)], span('METRIC', 3, 9), L)).toBeNull();
    expect(placementProblem([span('METRIC', 3, 9)], span('TARGET', 3, 9), L)).toBeNull();
  });

  it('refuses TARGET inside METRIC, both orders', () => {
    expect(placementProblem([span('METRIC', 0, 10)], span('TARGET', 2, 8), L)).not.toBeNull();
    expect(placementProblem([span('TARGET', 2, 8)], span('METRIC', 0, 10), L)).not.toBeNull();
  });

  it('refuses ORG overlapping PROJECT in any way', () => {
    const project = span('PROJECT', 10, 20);
    expect(placementProblem([project], span('ORG', 12, 15), L)).not.toBeNull(); // inside
    expect(placementProblem([project], span('ORG', 5, 25), L)).not.toBeNull(); // around
    expect(placementProblem([project], span('ORG', 15, 25), L)).not.toBeNull(); // crossing
    expect(placementProblem([project], span('ORG', 10, 20), L)).not.toBeNull(); // same range
    expect(placementProblem([span('ORG', 12, 15)], span('PROJECT', 10, 20), L)).not.toBeNull();
  });

  it('refuses a METRIC crossing a TARGET, whichever comes first', () => {
    expect(placementProblem([target], span('METRIC', 10, 16), L)).not.toBeNull();
    expect(placementProblem([span('METRIC', 10, 16)], target, L)).not.toBeNull();
  });

  it('refuses an exact duplicate with a message naming the label', () => {
    const problem = placementProblem([target], span('TARGET', 0, 13), L);
    expect(problem).toContain('TARGET');
    expect(problem).toContain('目标');
  });

  it('refuses two METRICs overlapping inside the same TARGET', () => {
    expect(placementProblem([target, metric], span('METRIC', 8, 10), L)).not.toBeNull();
  });

  it('refuses zero-length and reversed spans', () => {
    expect(placementProblem([], span('TARGET', 4, 4), L)).not.toBeNull();
    expect(placementProblem([], span('TARGET', 5, 4), L)).not.toBeNull();
  });

  it('allows spans that only touch', () => {
    expect(placementProblem([span('ORG', 0, 5)], span('PROJECT', 5, 9), L)).toBeNull();
    expect(placementProblem([span('ORG', 5, 9)], span('PROJECT', 0, 5), L)).toBeNull();
  });

  it("ignores the candidate's own id, so relabelling or moving a span against its old self is fine", () => {
    expect(placementProblem([target], { ...target }, L)).toBeNull(); // same range, same id
    expect(placementProblem([target], { ...target, label: 'PROJECT' }, L)).toBeNull(); // relabel
    expect(placementProblem([target], { ...target, end: 10 }, L)).toBeNull(); // move an edge
    expect(placementProblem([target, metric], { ...target, end: 15 }, L)).toBeNull(); // still around the METRIC
    // ...but the others still count
    expect(placementProblem([target, metric], { ...target, end: 10 }, L)).not.toBeNull(); // now crosses the METRIC
    expect(placementProblem([target, metric], { ...metric, label: 'ORG' }, L)).not.toBeNull();
  });

  it('treats labels unknown to the set as not nesting, and names them by id', () => {
    const problem = placementProblem([span('FOO', 0, 10)], span('BAR', 2, 5), L);
    expect(problem).toContain('BAR');
    expect(problem).toContain('FOO');
  });

  it('follows a custom label set', () => {
    const custom: Label[] = [
      { id: 'A', zh: '甲', en: 'A', color: '#000', hotkey: '1', nestsIn: [] },
      { id: 'B', zh: '乙', en: 'B', color: '#111', hotkey: '2', nestsIn: ['A'] },
    ];
    expect(placementProblem([span('A', 0, 10)], span('B', 2, 5), custom)).toBeNull();
    expect(placementProblem([span('B', 0, 10)], span('A', 2, 5), custom)).not.toBeNull();
  });

  it('property: agrees with the rule in GUIDELINES.md (METRIC nests in TARGET, nothing else overlaps)', () => {
    const labelArb = fc.constantFrom('TARGET', 'PROJECT', 'ORG', 'METRIC');
    const rangeArb = fc
      .tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 }))
      .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);
    fc.assert(
      fc.property(labelArb, rangeArb, labelArb, rangeArb, (la, [as, ae], lb, [bs, be]) => {
        const existing = span(la, as, ae, 'x');
        const cand = span(lb, bs, be, 'y');
        const problem = placementProblem(as < ae ? [existing] : [], cand, DEFAULT_LABELS);
        let ok: boolean;
        if (be <= bs) ok = false;
        else if (as >= ae || be <= as || ae <= bs) ok = true; // nothing there, or no overlap
        else if (as === bs && ae === be && la === lb) ok = false; // duplicate
        else if (la === 'TARGET' && lb === 'METRIC') ok = as <= bs && be <= ae;
        else if (la === 'METRIC' && lb === 'TARGET') ok = bs <= as && ae <= be;
        else ok = false;
        expect(problem === null).toBe(ok);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('trimToContent', () => {
  it('drops the closing 。 of a target clause', () => {
    expect(trimSeed('力争全年整治1980亩以上。')).toBe('力争全年整治1980亩以上');
    expect(trimSeed(',新增建设用地600亩以上。')).toBe('新增建设用地600亩以上');
  });

  it('drops the quotes around a bare quoted name', () => {
    expect(trimSeed('"金川U创谷"')).toBe('金川U创谷');
    expect(trimSeed('"五链融合"')).toBe('五链融合');
    expect(trimSeed('"最多50天"')).toBe('最多50天');
  });

  it('drops the quotes around a bare quoted name when the selection also takes the punctuation after it', () => {
    expect(trimSeed('"金川U创谷"。')).toBe('金川U创谷');
    expect(trimSeed('"五链融合",')).toBe('五链融合');
    expect(trimSeed('"最多50天",')).toBe('最多50天');
    expect(trimText('“五链融合”，')).toBe('五链融合');
    expect(trimText('"五链融合" ')).toBe('五链融合');
  });

  it('keeps quotes when the name continues after them', () => {
    expect(trimSeed('"十链百企共生"专项行动')).toBe('"十链百企共生"专项行动');
    expect(trimSeed('"十链百企共生"专项行动,')).toBe('"十链百企共生"专项行动');
    expect(trimSeed('开展"十链百企共生"专项行动')).toBe('开展"十链百企共生"专项行动');
    expect(trimSeed('"3115"攻坚行动,')).toBe('"3115"攻坚行动');
    expect(trimText('“十链百企共生”专项行动。')).toBe('“十链百企共生”专项行动');
    expect(trimText('，“十链百企共生”专项行动')).toBe('“十链百企共生”专项行动');
  });

  it('keeps % and ‰ that belong to a quantity', () => {
    expect(trimSeed('3.5%以上')).toBe('3.5%以上');
    expect(trimSeed('3.5%以上。')).toBe('3.5%以上');
    expect(trimSeed('15%、')).toBe('15%');
    expect(trimText('增长5‰，')).toBe('增长5‰');
    expect(trimText('15%')).toBe('15%');
  });

  it('trims white space including the ideographic space', () => {
    expect(trimText('\u3000 科创中心 \r\n')).toBe('科创中心');
  });

  it('returns offsets in code points of the document, not of the slice', () => {
    const { start, end } = locate('力争全年整治1980亩以上。');
    expect(trimToContent(SEED_MAP, start, end)).toEqual({ start, end: end - 1 });
    const map = new OffsetMap('𠀀，“𠀀利安隆”。');
    // 𠀀 ， “ 𠀀 利 安 隆 ” 。 → code points 0..9
    expect(trimToContent(map, 1, 9)).toEqual({ start: 3, end: 7 });
    expect(map.slice(3, 7)).toBe('𠀀利安隆');
  });

  it('returns null when only white space and punctuation are selected', () => {
    expect(trimText('')).toBeNull();
    expect(trimText(' ')).toBeNull();
    expect(trimText('，。；、：“”""（）')).toBeNull();
    expect(trimText('""')).toBeNull();
    expect(trimText('"",')).toBeNull();
  });

  it('property: trims only edge characters, never leaves a bare quote at an edge, and is idempotent', () => {
    const pieces = ['"', '“', '”', '（', '）', '《', '》', '，', '。', '、', ' ', '\n', '%', '利', '安', '隆', 'a', '1', '𠀀', '😀'];
    const textArb = fc.array(fc.constantFrom(...pieces), { maxLength: 14 }).map((p) => p.join(''));
    const isEdge = (ch: string) => /^[\s\p{P}]$/u.test(ch) && ch !== '%';
    const partner: Record<string, string> = { '"': '"', '“': '”', '（': '）', '《': '》' };
    fc.assert(
      fc.property(
        textArb.chain((text) => {
          const len = Array.from(text).length;
          return fc
            .tuple(fc.nat({ max: len }), fc.nat({ max: len }))
            .map(([a, b]) => ({ text, start: Math.min(a, b), end: Math.max(a, b) }));
        }),
        ({ text, start, end }) => {
          const map = new OffsetMap(text);
          const chars = Array.from(text);
          const r = trimToContent(map, start, end);
          const selected = chars.slice(start, end);
          if (r === null) {
            expect(selected.every(isEdge)).toBe(true);
            return;
          }
          expect(start).toBeLessThanOrEqual(r.start);
          expect(r.start).toBeLessThan(r.end);
          expect(r.end).toBeLessThanOrEqual(end);
          expect(chars.slice(start, r.start).every(isEdge)).toBe(true);
          expect(chars.slice(r.end, end).every(isEdge)).toBe(true);
          const kept = chars.slice(r.start, r.end);
          expect(isEdge(kept.at(-1)!)).toBe(false);
          const first = kept[0]!;
          if (isEdge(first)) {
            // Only an opening quote/bracket whose partner closes inside, with the name going on after it.
            const closer = partner[first];
            expect(closer).toBeDefined();
            const close = kept.indexOf(closer!, 1);
            expect(close).toBeGreaterThan(1);
            expect(close).toBeLessThan(kept.length - 1);
          }
          expect(trimToContent(map, r.start, r.end)).toEqual(r);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('mismatchedSpans', () => {
  const text = new OffsetMap('𠀀推动利安隆二期尽快落地');
  const good: Span = { id: 'a', docId: 'd', start: 3, end: 8, label: 'PROJECT', text: '利安隆二期' };

  it('accepts spans whose stored text matches the document at their code-point offsets', () => {
    expect(mismatchedSpans(text, [good])).toEqual([]);
    expect(mismatchedSpans(text, [{ ...good, start: 0, end: 1, text: '𠀀' }])).toEqual([]);
  });

  it('reports spans whose text differs, that use UTF-16 offsets, or that fall outside the text', () => {
    const changed = { ...good, id: 'b', text: '利安隆三期' };
    const utf16 = { ...good, id: 'c', start: 4, end: 9 }; // offsets counted in UTF-16 units
    const beyond = { ...good, id: 'd', start: 10, end: 14, text: '尽快落地' };
    const negative = { ...good, id: 'e', start: -1, end: 2, text: '𠀀推' };
    const empty = { ...good, id: 'f', start: 3, end: 3, text: '' };
    const bad = mismatchedSpans(text, [good, changed, utf16, beyond, negative, empty]);
    expect(bad.map((s) => s.id)).toEqual(['b', 'c', 'd', 'e', 'f']);
  });

  it('reports spans with offsets that are not whole numbers, even when slicing would happen to match', () => {
    const doc = new OffsetMap('利安隆二期');
    const whole: Span = { id: 'w', docId: 'd', start: 0, end: 3, label: 'ORG', text: '利安隆' };
    const fractional = { ...whole, id: 'frac', start: 0.5 }; // String.slice would truncate 0.5 to 0
    const nan = { ...whole, id: 'nan', start: Number.NaN }; // NaN clamps and slices from 0
    const fromJsonNull = { ...whole, id: 'null', start: null as unknown as number }; // "start": null
    const infinite = { ...whole, id: 'inf', end: Number.POSITIVE_INFINITY, text: '利安隆二期' };
    const bad = mismatchedSpans(doc, [whole, fractional, nan, fromJsonNull, infinite]);
    expect(bad.map((s) => s.id)).toEqual(['frac', 'nan', 'null', 'inf']);
  });

  it('finds nothing wrong with seed spans made by trimming real selections', () => {
    const spans: Span[] = ['力争全年整治1980亩以上。', '"金川U创谷"', '"十链百企共生"专项行动', '3.5%以上'].map((needle, i) => {
      const { start, end } = locate(needle);
      const r = trimToContent(SEED_MAP, start, end)!;
      return { id: `seed${i}`, docId: 'd', start: r.start, end: r.end, label: 'PROJECT', text: SEED_MAP.slice(r.start, r.end) };
    });
    expect(mismatchedSpans(SEED_MAP, spans)).toEqual([]);
    expect(mismatchedSpans(new OffsetMap('x' + SEED), spans)).toHaveLength(spans.length);
  });
});

describe('compareSpans, overlaps, contains', () => {
  it('orders by start, the outer span first on the same start, then by label', () => {
    const a = span('TARGET', 0, 13, 'a');
    const b = span('METRIC', 0, 4, 'b');
    const c = span('METRIC', 6, 13, 'c');
    const d = span('ORG', 20, 25, 'd');
    const e = span('METRIC', 20, 25, 'e');
    expect([d, c, b, e, a].sort(compareSpans).map((s) => s.id)).toEqual(['a', 'b', 'c', 'e', 'd']);
    expect(compareSpans(a, a)).toBe(0);
  });

  it('property: a total order consistent with start asc / end desc', () => {
    const spanArb = fc
      .record({ a: fc.nat(20), b: fc.nat(20), label: fc.constantFrom('TARGET', 'METRIC', 'ORG') })
      .map(({ a, b, label }) => span(label, Math.min(a, b), Math.max(a, b)));
    fc.assert(
      fc.property(fc.array(spanArb, { maxLength: 15 }), (spans) => {
        const sorted = [...spans].sort(compareSpans);
        for (let i = 1; i < sorted.length; i++) {
          const p = sorted[i - 1]!;
          const q = sorted[i]!;
          expect(compareSpans(p, q)).toBeLessThanOrEqual(0);
          expect(Math.sign(compareSpans(q, p)) + Math.sign(compareSpans(p, q))).toBe(0);
          expect(p.start <= q.start).toBe(true);
          if (p.start === q.start) expect(p.end >= q.end).toBe(true);
        }
      }),
    );
  });

  it('overlaps is strict (touching spans do not overlap); contains includes equal edges', () => {
    expect(overlaps({ start: 0, end: 5 }, { start: 5, end: 9 })).toBe(false);
    expect(overlaps({ start: 0, end: 6 }, { start: 5, end: 9 })).toBe(true);
    expect(contains({ start: 0, end: 5 }, { start: 0, end: 5 })).toBe(true);
    expect(contains({ start: 0, end: 5 }, { start: 1, end: 6 })).toBe(false);
  });
});

describe('spanDifference', () => {
  const s = (id: string, start: number, end: number, label: string): Span => ({ id, docId: 'd', start, end, label, text: '' });
  it('pairs spans by extent and label, whatever their ids', () => {
    const a = [s('a1', 0, 2, 'ORG'), s('a2', 3, 5, 'METRIC'), s('a3', 6, 8, 'TARGET')];
    const b = [s('b1', 0, 2, 'ORG'), s('b2', 3, 5, 'PROJECT'), s('b3', 9, 10, 'TARGET')];
    expect(spanDifference(a, b)).toEqual({ before: [a[1], a[2]], after: [b[1], b[2]] });
    expect(spanDifference(a, a)).toEqual({ before: [], after: [] });
  });
});
