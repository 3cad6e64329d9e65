// Inter-annotator agreement: figures against hand-computed cases (the arithmetic in the comments),
// textbook tables for the table-level measures, and properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  agreementMatrix,
  cohenKappa,
  fleissKappa,
  krippendorffAlpha,
  multiAgreement,
  overlapMatches,
  pairAgreement,
  type LayerDoc,
  type LayerSpan,
} from '../../src/core/agreement.ts';

const TEN = '0123456789';
const span = (start: number, end: number, label: string): LayerSpan => ({ start, end, label });
const doc = (text: string, ...spans: LayerSpan[]): LayerDoc => ({ text, spans });

describe('pairAgreement, hand-computed', () => {
  // A: METRIC [0,3), TARGET [5,9); B: METRIC [0,3), TARGET [6,9), over 10 characters.
  //   char    0 1 2 3 4 5 6 7 8 9
  //   A       M M M O O T T T T O
  //   B       M M M O O O T T T O
  const A = [doc(TEN, span(0, 3, 'METRIC'), span(5, 9, 'TARGET'))];
  const B = [doc(TEN, span(0, 3, 'METRIC'), span(6, 9, 'TARGET'))];

  it('counts exact and overlap matches into F1 = 2·matched / (|A| + |B|)', () => {
    const r = pairAgreement(A, B);
    // exact: METRIC [0,3) matches, TARGET [5,9) ≠ [6,9): 2·1/(2+2) = 0.5; overlap: both match: 2·2/4 = 1.
    expect(r.overall).toMatchObject({ f1_exact: 0.5, f1_overlap: 1, a_spans: 2, b_spans: 2, matched_exact: 1, matched_overlap: 2, chars: 10 });
    expect(r.labels.METRIC).toMatchObject({ f1_exact: 1, f1_overlap: 1, matched_exact: 1 });
    expect(r.labels.TARGET).toMatchObject({ f1_exact: 0, f1_overlap: 1, matched_exact: 0, matched_overlap: 1 });
    expect(Object.keys(r.labels)).toEqual(['METRIC', 'TARGET']);
  });

  it('computes the overall kappa over label sets of characters', () => {
    const r = pairAgreement(A, B).overall;
    // Agreeing characters: 0-2 (M,M), 3-4 (O,O), 6-8 (T,T), 9 (O,O) = 9 of 10 (5 is T/O): po = 0.9.
    // A: M 3, O 3, T 4; B: M 3, O 4, T 3. pe = (3·3 + 3·4 + 4·3)/100 = 33/100 = 0.33.
    // kappa = (0.9 − 0.33)/(1 − 0.33) = 0.57/0.67 = 57/67.
    expect(r.observed).toBeCloseTo(0.9, 12);
    expect(r.expected).toBeCloseTo(0.33, 12);
    expect(r.kappa).toBeCloseTo(57 / 67, 12);
  });

  it('computes a label kappa over in/out of that label', () => {
    const r = pairAgreement(A, B).labels;
    // METRIC: identical: po = 1, pe = 0.3·0.3 + 0.7·0.7 = 0.58, kappa = 1.
    expect(r.METRIC).toMatchObject({ kappa: 1, observed: 1 });
    expect(r.METRIC!.expected).toBeCloseTo(0.58, 12);
    // TARGET: A in 4, B in 3, they differ on char 5 only: po = 0.9; pe = 0.4·0.3 + 0.6·0.7 = 0.54;
    // kappa = 0.36/0.46 = 18/23.
    expect(r.TARGET!.observed).toBeCloseTo(0.9, 12);
    expect(r.TARGET!.expected).toBeCloseTo(0.54, 12);
    expect(r.TARGET!.kappa).toBeCloseTo(18 / 23, 12);
  });

  it('pools the project over all documents, not an average of theirs', () => {
    // A second document "abcde": A tags METRIC [0,2), B nothing.
    const r = pairAgreement([...A, doc('abcde', span(0, 2, 'METRIC'))], [...B, doc('abcde')]);
    // Spans: A 3, B 2; exact matches 1 → 2/5 = 0.4; overlap matches 2 → 4/5 = 0.8.
    expect(r.overall).toMatchObject({ f1_exact: 0.4, f1_overlap: 0.8, a_spans: 3, b_spans: 2, chars: 15 });
    // Characters pooled: doc 1 (M,M)3 (O,O)3 (T,O)1 (T,T)3; doc 2 (M,O)2 (O,O)3. po = 12/15 = 0.8.
    // A: M 5, O 6, T 4; B: M 3, O 9, T 3. pe = (15 + 54 + 12)/225 = 0.36. kappa = 0.44/0.64 = 0.6875.
    expect(r.overall.kappa).toBeCloseTo(0.6875, 12);
    // Document 2 alone: po = 3/5, pe = 0.4·0 + 0.6·1 = 0.6, kappa = 0; the mean (57/67 + 0)/2 ≈ 0.425 differs.
    expect(r.documents).toHaveLength(2);
    expect(r.documents[0]!.overall.kappa).toBeCloseTo(57 / 67, 12);
    expect(r.documents[1]!.overall.kappa).toBe(0);
    expect(r.documents[1]!.overall).toMatchObject({ f1_exact: 0, a_spans: 1, b_spans: 0, chars: 5 });
  });

  it('one label only, partly overlapping spans', () => {
    // A METRIC [0,4), B METRIC [2,6): exact 0, overlap 1. In/out agree on 2,3 (in) and 6-9 (out): po = 0.6;
    // both in on 4 of 10: pe = 0.4·0.4 + 0.6·0.6 = 0.52; kappa = 0.08/0.48 = 1/6.
    const r = pairAgreement([doc(TEN, span(0, 4, 'METRIC'))], [doc(TEN, span(2, 6, 'METRIC'))]);
    expect(r.overall).toMatchObject({ f1_exact: 0, f1_overlap: 1, matched_exact: 0, matched_overlap: 1 });
    expect(r.overall.kappa).toBeCloseTo(1 / 6, 12);
    expect(r.labels.METRIC!.kappa).toBeCloseTo(1 / 6, 12);
  });
});

describe('pairAgreement, degenerate cases', () => {
  it('no spans at all in either layer: F1 and kappa are null, the counts say why', () => {
    const r = pairAgreement([doc(TEN)], [doc(TEN)]);
    // No spans: 2·0/(0 + 0) is undefined. Every character O for both: po = pe = 1, kappa 0/0.
    expect(r.overall).toEqual({ f1_exact: null, f1_overlap: null, kappa: null, a_spans: 0, b_spans: 0, matched_exact: 0, matched_overlap: 0, chars: 10, observed: 1, expected: 1 });
    expect(r.labels).toEqual({});
  });

  it('a label neither of the pair uses (but another layer does) gives null, not 1', () => {
    const r = pairAgreement([doc(TEN, span(0, 2, 'METRIC'))], [doc(TEN, span(0, 2, 'METRIC'))], ['METRIC', 'TARGET']);
    expect(r.labels.TARGET).toMatchObject({ f1_exact: null, kappa: null, a_spans: 0, b_spans: 0 });
    expect(r.labels.METRIC).toMatchObject({ f1_exact: 1, kappa: 1 });
  });

  it('no characters: every figure null', () => {
    const r = pairAgreement([doc('')], [doc('')]);
    expect(r.overall).toMatchObject({ kappa: null, chars: 0, observed: null, expected: null });
  });

  it('identical layers: kappa 1 and F1 1', () => {
    const layer = [doc(TEN, span(0, 3, 'METRIC'), span(0, 8, 'TARGET'), span(9, 10, 'PROJECT'))];
    const r = pairAgreement(layer, layer);
    expect(r.overall).toMatchObject({ f1_exact: 1, f1_overlap: 1, kappa: 1, observed: 1 });
    for (const l of Object.values(r.labels)) expect(l).toMatchObject({ f1_exact: 1, kappa: 1 });
  });

  it('disjoint layers: F1 0 and kappa ≤ 0', () => {
    // A METRIC [0,5), B METRIC [5,10): no character agrees, po = 0; pe = 0.5·0.5 + 0.5·0.5 = 0.5; kappa = −1.
    const r = pairAgreement([doc(TEN, span(0, 5, 'METRIC'))], [doc(TEN, span(5, 10, 'METRIC'))]);
    expect(r.overall).toMatchObject({ f1_exact: 0, f1_overlap: 0, kappa: -1, observed: 0, expected: 0.5 });
    // A METRIC [0,2), B nothing: F1 = 0/(1 + 0) = 0; po = 0.8, pe = 0.2·0 + 0.8·1 = 0.8, kappa = 0.
    const empty = pairAgreement([doc(TEN, span(0, 2, 'METRIC'))], [doc(TEN)]);
    expect(empty.overall).toMatchObject({ f1_exact: 0, f1_overlap: 0, kappa: 0, a_spans: 1, b_spans: 0 });
  });

  it('the whole text in one label for both: pe = 1, kappa null; F1 still sees the boundaries', () => {
    const same = pairAgreement([doc(TEN, span(0, 10, 'TARGET'))], [doc(TEN, span(0, 10, 'TARGET'))]);
    expect(same.overall).toMatchObject({ f1_exact: 1, kappa: null, observed: 1, expected: 1 });
    expect(same.labels.TARGET).toMatchObject({ kappa: null, observed: 1, expected: 1 });
    // B cuts it in two: exact 0 of 1 + 2; overlap: the one A span matches one of B's: 2·1/3.
    const cut = pairAgreement([doc(TEN, span(0, 10, 'TARGET'))], [doc(TEN, span(0, 5, 'TARGET'), span(5, 10, 'TARGET'))]);
    expect(cut.overall).toMatchObject({ f1_exact: 0, matched_overlap: 1, kappa: null });
    expect(cut.overall.f1_overlap).toBeCloseTo(2 / 3, 12);
  });

  it('nested spans: a character in a METRIC inside a TARGET has the category METRIC+TARGET', () => {
    // A: TARGET [0,10) with METRIC [4,8); B: TARGET [0,10) with METRIC [4,7).
    //   char  0-3  4-6    7      8-9
    //   A     T    M+T    M+T    T
    //   B     T    M+T    T      T
    // po = 9/10; A: T 6, M+T 4; B: T 7, M+T 3; pe = 0.6·0.7 + 0.4·0.3 = 0.54; kappa = 0.36/0.46 = 18/23.
    const a = [doc(TEN, span(0, 10, 'TARGET'), span(4, 8, 'METRIC'))];
    const b = [doc(TEN, span(4, 7, 'METRIC'), span(0, 10, 'TARGET'))];
    const r = pairAgreement(a, b);
    expect(r.overall.observed).toBeCloseTo(0.9, 12);
    expect(r.overall.expected).toBeCloseTo(0.54, 12);
    expect(r.overall.kappa).toBeCloseTo(18 / 23, 12);
    // TARGET covers every character for both: null. METRIC in/out is the same table as above.
    expect(r.labels.TARGET!.kappa).toBeNull();
    expect(r.labels.METRIC!.kappa).toBeCloseTo(18 / 23, 12);
    // Spans: TARGET matches exactly, METRIC by overlap only: exact 2·1/4, overlap 2·2/4.
    expect(r.overall).toMatchObject({ f1_exact: 0.5, f1_overlap: 1 });
    // The categories are sets, not the innermost label: B's extra TARGET around the same METRIC makes
    // every character differ (A: O×6, M×4; B: T×6, M+T×4): po = 0, no category shared so pe = 0, kappa 0;
    // the METRIC kappa alone is 1.
    const around = pairAgreement([doc(TEN, span(4, 8, 'METRIC'))], [doc(TEN, span(4, 8, 'METRIC'), span(0, 10, 'TARGET'))]);
    expect(around.overall).toMatchObject({ observed: 0, expected: 0, kappa: 0 });
    expect(around.labels.METRIC!.kappa).toBe(1);
  });

  it('astral characters count as one code point each', () => {
    // '𠀀𠀀ab' is 4 code points (6 UTF-16 units). A METRIC [0,2), B METRIC [1,3):
    // agree on 1 (in) and 3 (out): po = 0.5; pe = 0.5·0.5 + 0.5·0.5 = 0.5; kappa = 0.
    const text = '𠀀𠀀ab';
    const r = pairAgreement([doc(text, span(0, 2, 'METRIC'))], [doc(text, span(1, 3, 'METRIC'))]);
    expect(r.overall).toMatchObject({ chars: 4, observed: 0.5, expected: 0.5, kappa: 0, f1_overlap: 1 });
    expect(() => pairAgreement([doc(text, span(0, 5, 'METRIC'))], [doc(text)])).toThrow(/span \[0,5\) METRIC does not fit a text of 4 characters/);
  });

  it('throws a clear error when the layers do not hold the same texts', () => {
    expect(() => pairAgreement([doc(TEN)], [doc('012x456789')])).toThrow(/document 1: the text of layer 2 differs from that of layer 1 at character 3/);
    expect(() => pairAgreement([doc(TEN)], [doc(TEN), doc(TEN)])).toThrow(/layer 2 has 2 document\(s\), layer 1 has 1/);
    expect(() => pairAgreement([doc(TEN, span(3, 3, 'METRIC'))], [doc(TEN)])).toThrow(/does not fit/);
  });
});

describe('overlapMatches', () => {
  it('finds a maximum matching where matching greedily by start would not', () => {
    // A [0,10) and [2,3); B [2,3) and [5,6). Greedy: A [0,10) takes B [2,3) and A [2,3) is left: 1.
    // Maximum: A [0,10)–B [5,6), A [2,3)–B [2,3): 2.
    expect(overlapMatches([span(0, 10, 'X'), span(2, 3, 'X')], [span(2, 3, 'X'), span(5, 6, 'X')])).toBe(2);
  });

  it('matches each span at most once', () => {
    expect(overlapMatches([span(0, 10, 'X')], [span(0, 2, 'X'), span(4, 6, 'X')])).toBe(1);
    expect(overlapMatches([span(0, 2, 'X'), span(0, 2, 'X')], [span(1, 3, 'X')])).toBe(1);
    expect(overlapMatches([span(0, 2, 'X')], [span(2, 4, 'X')])).toBe(0); // touching is not sharing
  });

  it('equals a brute-force maximum matching', () => {
    const spans = fc.array(
      fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 5 })).map(([s, w]) => span(s, s + w, 'X')),
      { maxLength: 5 },
    );
    const brute = (a: LayerSpan[], b: LayerSpan[], used: Set<number>): number => {
      const [first, ...rest] = a;
      if (!first) return 0;
      let best = brute(rest, b, used);
      b.forEach((s, j) => {
        if (used.has(j) || !(first.start < s.end && s.start < first.end)) return;
        used.add(j);
        best = Math.max(best, 1 + brute(rest, b, used));
        used.delete(j);
      });
      return best;
    };
    fc.assert(fc.property(spans, spans, (a, b) => overlapMatches(a, b) === brute(a, b, new Set())));
  });
});

describe('table-level measures against textbook examples', () => {
  it("Cohen's kappa: Wikipedia's 50 applications (20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no) give 0.4", () => {
    // po = 35/50 = 0.7; A yes 25/50, B yes 30/50: pe = 0.5·0.6 + 0.5·0.4 = 0.5; kappa = 0.2/0.5 = 0.4.
    expect(cohenKappa([[20, 5], [10, 15]])).toEqual({ value: 0.4, observed: 0.7, expected: 0.5 });
    expect(cohenKappa([[5, 0], [0, 0]])).toEqual({ value: null, observed: 1, expected: 1 });
    expect(cohenKappa([])).toEqual({ value: null, observed: null, expected: null });
    expect(() => cohenKappa([[1, 2], [3]])).toThrow(/square/);
  });

  it("Fleiss' kappa: Wikipedia's (Fleiss 1971 style) table of 10 subjects, 14 raters, 5 categories gives 0.210", () => {
    const table = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    const r = fleissKappa(table);
    expect(r.observed).toBeCloseTo(0.378, 3); // P̄
    expect(r.expected).toBeCloseTo(0.213, 3); // P̄e
    expect(r.value).toBeCloseTo(0.21, 3);
    // Weights count a row several times: the table twice over gives the same figures.
    expect(fleissKappa(table, table.map(() => 2)).value).toBeCloseTo(r.value!, 12);
    expect(() => fleissKappa([[1, 1], [3, 0]])).toThrow(/same number/);
    expect(fleissKappa([[0, 3], [0, 3]]).value).toBeNull();
  });

  it("Krippendorff's alpha, nominal: Krippendorff (2011)'s 4 observers × 12 units give 0.743, Wikipedia's 3 coders × 15 units 0.691", () => {
    const table = (rows: string[], k: number) =>
      Array.from({ length: rows[0]!.split(' ').length }, (_, u) => {
        const counts = new Array<number>(k).fill(0);
        for (const r of rows) {
          const v = r.split(' ')[u]!;
          if (v !== '.') counts[Number(v) - 1]!++;
        }
        return counts;
      });
    const k2011 = table(['1 2 3 3 2 1 4 1 2 . . .', '1 2 3 3 2 2 4 1 2 5 . 3', '. 3 3 3 2 3 4 2 2 5 1 .', '1 2 3 3 2 4 4 1 2 5 1 .'], 5);
    expect(krippendorffAlpha(k2011).value).toBeCloseTo(0.743, 3);
    const wiki = table(['. . . . . 3 4 1 2 1 1 3 3 . 3', '1 . 2 1 3 3 4 3 . . . . . . .', '. . 2 1 3 4 4 . 2 1 1 3 3 . 4'], 4);
    expect(krippendorffAlpha(wiki).value).toBeCloseTo(0.691, 3);
    expect(krippendorffAlpha([[1, 0], [0, 1]])).toEqual({ value: null, observed: null, expected: null }); // nothing pairable
    expect(krippendorffAlpha([[2, 0], [3, 0]]).value).toBeNull(); // one category only
  });
});

describe('multiAgreement', () => {
  it("three raters over characters, by hand: Fleiss' kappa 23/35, alpha 24/35", () => {
    // 'abcd': A METRIC [0,2), B METRIC [0,2), C METRIC [0,1). Units: char 0 in×3; char 1 in×2 out×1; 2, 3 out×3.
    // Fleiss: P = 1, (4 + 1 − 3)/6 = 1/3, 1, 1 → P̄ = 5/6; p_in = 5/12, p_out = 7/12, P̄e = 74/144;
    //   kappa = (5/6 − 74/144)/(1 − 74/144) = (46/144)/(70/144) = 23/35.
    // Alpha: n = 12 values, n_in = 5, n_out = 7; disagreeing coincidences: char 1, (9 − 5)/(3 − 1) = 2;
    //   alpha = 1 − (n − 1)·2/(144 − 25 − 49) = 1 − 22/70 = 24/35.
    const r = multiAgreement([[doc('abcd', span(0, 2, 'METRIC'))], [doc('abcd', span(0, 2, 'METRIC'))], [doc('abcd', span(0, 1, 'METRIC'))]]);
    expect(r).toMatchObject({ raters: 3, chars: 4, spans: [1, 1, 1] });
    expect(r.fleiss.overall.value).toBeCloseTo(23 / 35, 12);
    expect(r.fleiss.overall.observed).toBeCloseTo(5 / 6, 12);
    expect(r.fleiss.labels.METRIC!.value).toBeCloseTo(23 / 35, 12);
    expect(r.alpha.overall.value).toBeCloseTo(24 / 35, 12);
    expect(r.alpha.labels.METRIC!.value).toBeCloseTo(24 / 35, 12);
    expect(r.documents).toHaveLength(1);
  });

  it('with two raters Fleiss is Scott\'s pi and alpha = 1 − (1 − 1/2N)(1 − pi)', () => {
    // The 10-character example: pooled shares M 6/20, O 7/20, T 7/20; pe = 0.09 + 0.1225 + 0.1225 = 0.335;
    // po = 0.9; pi = 0.565/0.665 = 113/133; alpha = 1 − (19/20)(20/133) = 1 − 19/133 = 6/7.
    // Cohen's kappa, with each annotator's own shares, is 57/67: close to pi, not equal.
    const a = [doc(TEN, span(0, 3, 'METRIC'), span(5, 9, 'TARGET'))];
    const b = [doc(TEN, span(0, 3, 'METRIC'), span(6, 9, 'TARGET'))];
    const r = multiAgreement([a, b]);
    expect(r.fleiss.overall.value).toBeCloseTo(113 / 133, 12);
    expect(r.alpha.overall.value).toBeCloseTo(6 / 7, 12);
  });

  it('identical layers give 1; no spans give null', () => {
    const layer = [doc(TEN, span(0, 3, 'METRIC'))];
    const r = multiAgreement([layer, layer, layer]);
    expect([r.fleiss.overall.value, r.alpha.overall.value]).toEqual([1, 1]);
    const none = multiAgreement([[doc(TEN)], [doc(TEN)], [doc(TEN)]]);
    expect([none.fleiss.overall.value, none.alpha.overall.value]).toEqual([null, null]);
  });
});

describe('agreementMatrix', () => {
  it('gives every pair i < j over the union of labels, and the multi figures for three or more', () => {
    const a = [doc(TEN, span(0, 3, 'METRIC'))];
    const b = [doc(TEN, span(0, 3, 'METRIC'), span(5, 9, 'TARGET'))];
    const c = [doc(TEN)];
    const m = agreementMatrix(['a', 'b', 'c'], [a, b, c]);
    expect(m.labels).toEqual(['METRIC', 'TARGET']);
    expect(m.pairs.map((p) => `${p.a}-${p.b}`)).toEqual(['a-b', 'a-c', 'b-c']);
    expect(Object.keys(m.pairs[1]!.agreement.labels)).toEqual(['METRIC', 'TARGET']);
    expect(m.pairs[1]!.agreement.labels.TARGET!.f1_exact).toBeNull();
    expect(m.multi?.raters).toBe(3);
    expect(agreementMatrix(['a', 'b'], [a, b]).multi).toBeUndefined();
    expect(() => agreementMatrix(['a', 'b'], [a, [doc('x')]])).toThrow(/the text of b differs from that of a/);
  });
});

describe('properties', () => {
  const LABELS = ['METRIC', 'TARGET', 'PROJECT'];
  const layer = (n: number) =>
    fc.array(
      fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 1, max: n }), fc.constantFrom(...LABELS)).map(([s, w, l]) => span(s, Math.min(n, s + w), l)),
      { maxLength: 6 },
    );
  const texts = fc.integer({ min: 1, max: 25 }).chain((n) => fc.tuple(fc.constant('x'.repeat(n)), layer(n), layer(n), layer(n)));

  it('is symmetric in A and B (with a_spans and b_spans swapped)', () => {
    fc.assert(
      fc.property(texts, ([text, sa, sb]) => {
        const ab = pairAgreement([doc(text, ...sa)], [doc(text, ...sb)]);
        const ba = pairAgreement([doc(text, ...sb)], [doc(text, ...sa)]);
        const swap = (f: typeof ab.overall) => ({ ...f, a_spans: f.b_spans, b_spans: f.a_spans });
        expect(ba.overall).toEqual(swap(ab.overall));
        for (const l of Object.keys(ab.labels)) expect(ba.labels[l]).toEqual(swap(ab.labels[l]!));
      }),
    );
  });

  it('gives 1 for identical layers (null only when there is nothing to tell apart)', () => {
    fc.assert(
      fc.property(texts, ([text, sa]) => {
        const r = pairAgreement([doc(text, ...sa)], [doc(text, ...[...sa].reverse())]);
        expect(r.overall.f1_exact).toBe(sa.length === 0 ? null : 1);
        expect(r.overall.f1_overlap).toBe(sa.length === 0 ? null : 1);
        expect(r.overall.observed).toBe(1);
        if (r.overall.kappa !== null) expect(r.overall.kappa).toBe(1);
        else expect(r.overall.expected).toBe(1);
      }),
    );
  });

  it('keeps F1 in [0, 1], overlap ≥ exact, kappa ≤ 1, and Fleiss/alpha of two raters tied by 1 − (1 − 1/2N)(1 − pi)', () => {
    fc.assert(
      fc.property(texts, ([text, sa, sb, sc]) => {
        const r = pairAgreement([doc(text, ...sa)], [doc(text, ...sb)]);
        for (const f of [r.overall, ...Object.values(r.labels)]) {
          for (const v of [f.f1_exact, f.f1_overlap]) if (v !== null) expect(v >= 0 && v <= 1).toBe(true);
          expect(f.matched_overlap).toBeGreaterThanOrEqual(f.matched_exact);
          if (f.kappa !== null) expect(f.kappa).toBeLessThanOrEqual(1 + 1e-12);
        }
        const two = multiAgreement([[doc(text, ...sa)], [doc(text, ...sb)]]);
        const pi = two.fleiss.overall.value;
        if (pi !== null) expect(two.alpha.overall.value).toBeCloseTo(1 - (1 - 1 / (2 * text.length)) * (1 - pi), 9);
        else expect(two.alpha.overall.value).toBeNull();
        const three = multiAgreement([[doc(text, ...sa)], [doc(text, ...sb)], [doc(text, ...sc)]]);
        for (const v of [three.fleiss.overall.value, three.alpha.overall.value]) if (v !== null) expect(v).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
  });
});
