// Progress of a project: documents by status, spans by label and layer, suggestions, agreement over time.
import { describe, expect, it } from 'vitest';
import {
  GOLD_LAYER,
  agreementTimeline,
  compareLayers,
  localDay,
  orderLayers,
  pairAgreement,
  projectProgress,
  type ProgressDoc,
  type ProgressSpan,
} from '../../src/core/index.ts';

const TEXT = '力争全年整治1980亩以上。推动利安隆二期尽快落地。';

const DAY1 = new Date(2025, 2, 10, 15, 30).getTime();
const DAY1_LATE = new Date(2025, 2, 10, 23, 59, 59).getTime();
const DAY2 = new Date(2025, 2, 11, 9, 0).getTime();

function span(docId: string, layer: string | undefined, start: number, end: number, label: string, extra: Partial<ProgressSpan> = {}): ProgressSpan {
  return { docId, start, end, label, ...(layer === undefined ? {} : { layer }), ...extra };
}

const docs: ProgressDoc[] = [
  { id: 'd1', text: TEXT, status: 'done' },
  { id: 'd2', text: TEXT, status: 'in-progress' },
  { id: 'd3', text: TEXT, status: 'in-progress' },
  { id: 'd4', text: TEXT, status: 'new' },
];

describe('projectProgress', () => {
  const spans: ProgressSpan[] = [
    span('d1', 'A', 0, 13, 'TARGET'),
    span('d1', 'A', 6, 13, 'METRIC', { source: 'suggested' }),
    span('d1', 'B', 0, 13, 'TARGET', { source: 'manual' }),
    span('d2', 'B', 16, 21, 'PROJECT', { source: 'suggested' }),
    span('d2', GOLD_LAYER, 0, 13, 'TARGET'),
    span('d3', undefined, 16, 21, 'PROJECT', { source: 'imported' }),
    span('gone', 'A', 0, 2, 'ORG'),
  ];
  const p = projectProgress(docs, spans, ['ORG|县政府', 'ORG|市政府', 'METRIC|1980亩'], ['TARGET', 'PROJECT', 'ORG', 'METRIC']);

  it('counts documents by status', () => {
    expect(p.documents).toBe(4);
    expect(p.byStatus).toEqual({ new: 1, 'in-progress': 2, done: 1, reviewed: 0 });
  });

  it('counts spans by label and layer, gold last, spans of unknown documents left out', () => {
    expect(p.layers).toEqual(['A', 'B', '', GOLD_LAYER]);
    expect(p.labels).toEqual(['TARGET', 'PROJECT', 'ORG', 'METRIC']);
    expect({ ...p.spans['TARGET'] }).toEqual({ A: 1, B: 1, [GOLD_LAYER]: 1 });
    expect({ ...p.spans['PROJECT'] }).toEqual({ B: 1, '': 1 });
    expect(p.spans['ORG']).toBeUndefined();
    expect({ ...p.spansByLayer }).toEqual({ A: 2, B: 2, '': 1, [GOLD_LAYER]: 1 });
    expect({ ...p.docsByLayer }).toEqual({ A: 1, B: 2, '': 1, [GOLD_LAYER]: 1 });
  });

  it('counts suggestions accepted per layer and rejected per label', () => {
    const s = p.suggestions;
    expect(s.acceptedTotal).toBe(2);
    expect({ ...s.acceptedByLayer }).toEqual({ A: 1, B: 1 });
    expect({ ...s.acceptedByLabel }).toEqual({ METRIC: 1, PROJECT: 1 });
    expect({ ...s.accepted['METRIC'] }).toEqual({ A: 1 });
    expect(s.rejectedTotal).toBe(3);
    expect({ ...s.rejectedByLabel }).toEqual({ ORG: 2, METRIC: 1 });
  });

  it('orders annotators by name (as the store does), the unnamed layer and gold last', () => {
    expect(orderLayers([GOLD_LAYER, '', 'Bob', 'Amy', 'Bob'])).toEqual(['Amy', 'Bob', '', GOLD_LAYER]);
  });
});

describe('compareLayers', () => {
  it('compares each pair on the documents both annotated, the same as pairAgreement on them', () => {
    const spans = [
      span('d1', 'A', 0, 13, 'TARGET'),
      span('d1', 'B', 0, 12, 'TARGET'),
      span('d2', 'A', 16, 21, 'PROJECT'), // only A: d2 is not compared
      span('d3', 'B', 16, 21, 'PROJECT'), // only B: d3 neither
    ];
    const c = compareLayers(docs, spans, ['A', 'B'], ['TARGET', 'PROJECT']);
    expect(c.labels).toEqual(['TARGET', 'PROJECT']);
    expect(c.multi).toBeUndefined();
    const [pair] = c.pairs;
    expect(pair!.docIds).toEqual(['d1']);
    const expected = pairAgreement([{ text: TEXT, spans: [spans[0]!] }], [{ text: TEXT, spans: [spans[1]!] }], ['TARGET', 'PROJECT']);
    expect(pair!.agreement).toEqual(expected);
    expect(pair!.agreement.overall).toMatchObject({ a_spans: 1, b_spans: 1, matched_exact: 0, matched_overlap: 1, f1_exact: 0, f1_overlap: 1 });
  });

  it('gives Fleiss and alpha for three layers, on the documents all three annotated', () => {
    const spans = [span('d1', 'A', 0, 13, 'TARGET'), span('d1', 'B', 0, 13, 'TARGET'), span('d1', 'C', 0, 13, 'TARGET'), span('d2', 'A', 0, 13, 'TARGET')];
    const c = compareLayers(docs, spans, ['A', 'B', 'C']);
    expect(c.pairs.map((p) => `${p.a}-${p.b}`)).toEqual(['A-B', 'A-C', 'B-C']);
    expect(c.multi!.docIds).toEqual(['d1']);
    expect(c.multi!.agreement.fleiss.overall.value).toBe(1);
    expect(c.multi!.agreement.alpha.overall.value).toBe(1);
  });
});

describe('agreementTimeline', () => {
  // Day 1: A and B agree exactly on the TARGET of d1. Day 2: B adds a PROJECT that A lacks, and A
  // annotates d2, which B never does. Spans without `at` count from the start.
  const spans: ProgressSpan[] = [
    span('d1', 'A', 0, 13, 'TARGET', { at: DAY1 }),
    span('d1', 'B', 0, 13, 'TARGET', { at: DAY1_LATE }),
    span('d1', 'A', 6, 13, 'METRIC'),
    span('d1', 'B', 6, 13, 'METRIC'),
    span('d1', 'B', 16, 21, 'PROJECT', { at: DAY2 }),
    span('d2', 'A', 16, 21, 'PROJECT', { at: DAY2 }),
    span('d1', GOLD_LAYER, 0, 3, 'ORG', { at: new Date(2025, 2, 12).getTime() }),
  ];

  it('has one point per local day on which spans of the compared layers were made, gold left out', () => {
    const t = agreementTimeline(docs, spans);
    expect(t.map((d) => d.day)).toEqual(['2025-03-10', '2025-03-11']);
    expect(t[0]!.end).toBe(new Date(2025, 2, 11).getTime() - 1);
    expect(localDay(DAY1_LATE).day).toBe('2025-03-10');
  });

  it('uses only the spans that stood at the end of each day', () => {
    const [day1, day2] = agreementTimeline(docs, spans);
    expect(day1!.pairs).toEqual([{ a: 'A', b: 'B', documents: 1, kappa: 1, f1_exact: 1, a_spans: 2, b_spans: 2, matched_exact: 2 }]);
    expect(day1!.kappa).toBe(1);
    expect(day1!.f1_exact).toBe(1);

    // Day 2: d1 only (B has nothing in d2); B has 3 spans there, A 2, two match.
    expect(day2!.pairs).toHaveLength(1);
    expect(day2!.pairs[0]).toMatchObject({ documents: 1, a_spans: 2, b_spans: 3, matched_exact: 2 });
    expect(day2!.f1_exact).toBeCloseTo(0.8);
    const expected = pairAgreement([{ text: TEXT, spans: spans.slice(0, 4).filter((s) => s.layer === 'A') }], [{ text: TEXT, spans: spans.slice(0, 5).filter((s) => s.layer === 'B') }]);
    expect(day2!.kappa).toBeCloseTo(expected.overall.kappa!, 12);
    expect(day2!.kappa!).toBeLessThan(1);
  });

  it('gives no pair before two layers have spans, and takes the layers asked for', () => {
    const early = agreementTimeline(docs, [span('d1', 'A', 0, 13, 'TARGET', { at: DAY1 }), span('d1', 'B', 0, 13, 'TARGET', { at: DAY2 })]);
    expect(early.map((d) => [d.day, d.pairs.length, d.kappa])).toEqual([
      ['2025-03-10', 0, null],
      ['2025-03-11', 1, 1],
    ]);
    const withGold = agreementTimeline(docs, spans, ['A', GOLD_LAYER]);
    expect(withGold.map((d) => d.day)).toEqual(['2025-03-10', '2025-03-11', '2025-03-12']);
    expect(withGold[2]!.pairs[0]).toMatchObject({ a: 'A', b: GOLD_LAYER, documents: 1, matched_exact: 0 });
  });
});
