// Adjudication: units cut from hand-built layers, and the gold change each decision makes.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS, GOLD_LAYER, resolve, units, type Relation, type Span, type SpanChange, type Unit } from '../../src/core/index.ts';

// TARGET 力争全年整治1980亩以上 [0,13), METRIC 1980亩以上 [6,13), ORG 县发改局 [14,18), PROJECT 利安隆二期项目 [22,29).
const TEXT = '力争全年整治1980亩以上，县发改局负责推进利安隆二期项目。';
let ids = 0;

function span(layer: string, start: number, end: number, label: string, extra: Partial<Span> = {}): Span {
  return { id: `${layer}-${++ids}`, docId: 'd', start, end, label, text: [...TEXT].slice(start, end).join(''), layer, by: layer, at: 1, ...extra };
}

const shape = (spans: Span[]) => spans.map((s) => [s.start, s.end, s.label]);
const extents = (us: Unit[]) => us.map((u) => [u.start, u.end, u.agreed]);

function change(r: SpanChange | string): SpanChange {
  if (typeof r === 'string') throw new Error(r);
  return r;
}

describe('units', () => {
  it('marks a unit agreed when every layer has the same (start, end, label), whatever the ids and authors', () => {
    const us = units({ A: [span('A', 14, 18, 'ORG')], B: [span('B', 14, 18, 'ORG', { by: 'someone', at: 99 })] });
    expect(extents(us)).toEqual([[14, 18, true]]);
    expect(shape(us[0]!.byLayer.A!)).toEqual([[14, 18, 'ORG']]);
    expect(shape(us[0]!.byLayer.B!)).toEqual([[14, 18, 'ORG']]);
  });

  it('marks a label disagreement', () => {
    expect(extents(units({ A: [span('A', 14, 18, 'ORG')], B: [span('B', 14, 18, 'PROJECT')] }))).toEqual([[14, 18, false]]);
  });

  it('joins overlapping spans of different boundaries into one disagreement spanning both', () => {
    const us = units({ A: [span('A', 0, 13, 'TARGET')], B: [span('B', 2, 13, 'TARGET')] });
    expect(extents(us)).toEqual([[0, 13, false]]);
  });

  it('counts a span one layer lacks as a disagreement, with [] for that layer', () => {
    const us = units({ A: [span('A', 14, 18, 'ORG'), span('A', 22, 29, 'PROJECT')], B: [span('B', 22, 29, 'PROJECT')] });
    expect(extents(us)).toEqual([
      [14, 18, false],
      [22, 29, true],
    ]);
    expect(us[0]!.byLayer.B).toEqual([]);
  });

  it('keeps a METRIC nested in a TARGET in the TARGET’s unit: agreed when both agree, one disagreement when one lacks it', () => {
    const nested = (layer: string) => [span(layer, 0, 13, 'TARGET'), span(layer, 6, 13, 'METRIC')];
    expect(extents(units({ A: nested('A'), B: nested('B') }))).toEqual([[0, 13, true]]);
    const us = units({ A: nested('A'), B: [span('B', 0, 13, 'TARGET')] });
    expect(extents(us)).toEqual([[0, 13, false]]);
    expect(shape(us[0]!.byLayer.A!)).toEqual([
      [0, 13, 'TARGET'],
      [6, 13, 'METRIC'],
    ]);
  });

  it('chains overlaps across layers into one unit, and leaves touching spans apart', () => {
    // A [0,6) overlaps B [4,10), which overlaps A [8,13): one unit; C [13,18) only touches it.
    const us = units({ A: [span('A', 0, 6, 'TARGET'), span('A', 8, 13, 'METRIC')], B: [span('B', 4, 10, 'TARGET')], C: [span('C', 13, 18, 'ORG')] });
    expect(extents(us)).toEqual([
      [0, 13, false],
      [13, 18, false],
    ]);
  });

  it('compares three layers: agreed only when all three agree', () => {
    const org = (layer: string, label = 'ORG') => [span(layer, 14, 18, label)];
    expect(extents(units({ A: org('A'), B: org('B'), C: org('C') }))).toEqual([[14, 18, true]]);
    const us = units({ A: org('A'), B: org('B'), C: org('C', 'PROJECT') });
    expect(extents(us)).toEqual([[14, 18, false]]);
    expect(Object.keys(us[0]!.byLayer)).toEqual(['A', 'B', 'C']);
  });

  it('has no units without spans', () => {
    expect(units({ A: [], B: [] })).toEqual([]);
  });
});

describe('resolve', () => {
  const who = { by: 'R', at: 42 };
  const unit = units({
    A: [span('A', 0, 13, 'TARGET'), span('A', 6, 13, 'METRIC', { source: 'suggested', value: { value: 1980, unit: '亩', qualifier: '>=' } })],
    B: [span('B', 0, 13, 'TARGET')],
  })[0]!;

  it('take A: copies of A’s spans with new ids in the gold layer, by the reviewer, source and value kept', () => {
    const c = change(resolve(unit, { take: 'A' }, [], DEFAULT_LABELS, who));
    expect(c.docId).toBe('d');
    expect(c.before).toEqual([]);
    expect(shape(c.after)).toEqual([
      [0, 13, 'TARGET'],
      [6, 13, 'METRIC'],
    ]);
    for (const s of c.after) {
      expect(s).toMatchObject({ layer: GOLD_LAYER, by: 'R', at: 42 });
      expect(s.id).not.toMatch(/^A-/);
    }
    expect(c.after[1]).toMatchObject({ source: 'suggested', value: { value: 1980 }, text: '1980亩以上' });
  });

  it('take B, neither; both takes each (start, end, label) once', () => {
    expect(shape(change(resolve(unit, { take: 'B' }, [], DEFAULT_LABELS, who)).after)).toEqual([[0, 13, 'TARGET']]);
    expect(change(resolve(unit, { neither: true }, [], DEFAULT_LABELS, who)).after).toEqual([]);
    expect(shape(change(resolve(unit, { both: true }, [], DEFAULT_LABELS, who)).after)).toEqual([
      [0, 13, 'TARGET'],
      [6, 13, 'METRIC'],
    ]);
  });

  it('agreed takes the spans all layers share', () => {
    const agreed = units({ A: [span('A', 14, 18, 'ORG')], B: [span('B', 14, 18, 'ORG')] })[0]!;
    expect(shape(change(resolve(agreed, { agreed: true }, [], DEFAULT_LABELS, who)).after)).toEqual([[14, 18, 'ORG']]);
  });

  it('replaces the gold spans overlapping the unit (deciding again), with the gold relations touching them', () => {
    const old = [span(GOLD_LAYER, 0, 13, 'TARGET'), span(GOLD_LAYER, 6, 13, 'METRIC'), span(GOLD_LAYER, 14, 18, 'ORG')];
    const rel: Relation = { id: 'r1', docId: 'd', type: 'measures', fromId: old[1]!.id, toId: old[0]!.id, layer: GOLD_LAYER };
    const other: Relation = { id: 'r2', docId: 'd', type: 'x', fromId: old[2]!.id, toId: 'elsewhere', layer: GOLD_LAYER };
    const c = change(resolve(unit, { take: 'B' }, old, DEFAULT_LABELS, who, [rel, other]));
    expect(c.before.map((s) => s.id)).toEqual([old[0]!.id, old[1]!.id]);
    expect(c.relations).toEqual({ before: [rel], after: [] });
  });

  it('refuses both when the union breaks the nesting rules, naming the spans', () => {
    const crossing = units({ A: [span('A', 0, 13, 'TARGET')], B: [span('B', 6, 17, 'PROJECT')] })[0]!;
    const r = resolve(crossing, { both: true }, [], DEFAULT_LABELS, who);
    expect(typeof r).toBe('string');
    expect(r).toContain('项目 PROJECT「1980亩以上，县发改」');
    // Each layer alone is fine.
    expect(typeof resolve(crossing, { take: 'A' }, [], DEFAULT_LABELS, who)).toBe('object');
  });

  it('refuses a layer that is not compared', () => {
    expect(typeof resolve(unit, { take: 'Z' }, [], DEFAULT_LABELS, who)).toBe('string');
  });
});
