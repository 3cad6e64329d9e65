import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LABELS,
  DEFAULT_RELATION_TYPES,
  OffsetMap,
  RelationIndex,
  SpanIndex,
  attributeSetting,
  creation,
  invert,
  linkOptions,
  linking,
  moving,
  nestedProposals,
  relabeling,
  relationProblem,
  removal,
  splitParagraphs,
  unlinking,
  valueSetting,
  type EditContext,
  type Relation,
  type Span,
  type SpanChange,
} from '../../src/core/index.ts';

const TEXT = '力争全年整治1980亩以上，县发改局负责推进新都片区整治工程。';
const offsets = new OffsetMap(TEXT);

function span(id: string, start: number, end: number, label: string, extra: Partial<Span> = {}): Span {
  return { id, docId: 'd', start, end, label, text: offsets.slice(start, end), ...extra };
}

const target = span('t', 0, 13, 'TARGET'); // 力争全年整治1980亩以上
const metric = span('m', 6, 13, 'METRIC'); // 1980亩以上
const org = span('o', 14, 18, 'ORG'); // 县发改局
const project = span('p', 22, 30, 'PROJECT'); // 新都片区整治工程

function context(spans: Span[], relations: Relation[] = []): EditContext {
  return {
    docId: 'd',
    index: new SpanIndex(splitParagraphs(TEXT), spans),
    offsets,
    labels: DEFAULT_LABELS,
    relations: new RelationIndex(relations),
    relationTypes: DEFAULT_RELATION_TYPES,
  };
}

function changeOf(built: ReturnType<typeof linking>): SpanChange {
  if (!built || !('change' in built)) throw new Error(`expected a change, got ${JSON.stringify(built)}`);
  return built.change;
}

const measures: Relation = { id: 'r1', docId: 'd', type: 'measures', fromId: 'm', toId: 't' };

describe('linkOptions', () => {
  it('orients each default type the way it reads, whichever span was picked first', () => {
    expect(linkOptions(DEFAULT_RELATION_TYPES, metric, target)).toEqual([{ type: 'measures', fromId: 'm', toId: 't' }]);
    expect(linkOptions(DEFAULT_RELATION_TYPES, target, metric)).toEqual([{ type: 'measures', fromId: 'm', toId: 't' }]);
    expect(linkOptions(DEFAULT_RELATION_TYPES, project, org)).toEqual([{ type: 'carries_out', fromId: 'o', toId: 'p' }]);
    expect(linkOptions(DEFAULT_RELATION_TYPES, target, project)).toEqual([{ type: 'part_of', fromId: 'p', toId: 't' }]);
  });

  it('offers nothing between labels no type joins, nor from a span to itself', () => {
    expect(linkOptions(DEFAULT_RELATION_TYPES, org, target)).toEqual([]);
    expect(linkOptions(DEFAULT_RELATION_TYPES, metric, metric)).toEqual([]);
  });

  it('offers an unconstrained (imported) type from the first span to the second only', () => {
    const types = [{ id: 'related', zh: 'related', en: 'related', from: [], to: [] }];
    expect(linkOptions(types, org, target)).toEqual([{ type: 'related', fromId: 'o', toId: 't' }]);
  });
});

describe('relationProblem', () => {
  const byId = (id: string) => [target, metric, org, project].find((s) => s.id === id);
  it('accepts a relation its type allows and refuses the wrong direction, unknown types, duplicates and missing ends', () => {
    expect(relationProblem([], { id: 'x', type: 'measures', fromId: 'm', toId: 't' }, byId, DEFAULT_RELATION_TYPES)).toBeNull();
    expect(relationProblem([], { id: 'x', type: 'measures', fromId: 't', toId: 'm' }, byId, DEFAULT_RELATION_TYPES)).toMatch(/cannot run from TARGET to METRIC/);
    expect(relationProblem([], { id: 'x', type: 'causes', fromId: 'm', toId: 't' }, byId, DEFAULT_RELATION_TYPES)).toMatch(/No relation type "causes"/);
    expect(relationProblem([measures], { id: 'x', type: 'measures', fromId: 'm', toId: 't' }, byId, DEFAULT_RELATION_TYPES)).toMatch(/already linked/);
    expect(relationProblem([], { id: 'x', type: 'measures', fromId: 'm', toId: 'gone' }, byId, DEFAULT_RELATION_TYPES)).toMatch(/Both ends/);
  });
});

describe('nestedProposals', () => {
  it('proposes that a METRIC inside a TARGET measures it, until they are linked', () => {
    expect(nestedProposals([target, metric, org], [], DEFAULT_RELATION_TYPES)).toEqual([{ type: 'measures', fromId: 'm', toId: 't' }]);
    expect(nestedProposals([target, metric, org], [measures], DEFAULT_RELATION_TYPES)).toEqual([]);
  });

  it('proposes nothing for a METRIC outside every TARGET, and handles several targets', () => {
    const t1 = span('t1', 0, 6, 'TARGET');
    const t2 = span('t2', 14, 30, 'TARGET');
    const m2 = span('m2', 6, 13, 'METRIC');
    const m3 = span('m3', 22, 24, 'METRIC');
    const m4 = span('m4', 2, 4, 'METRIC');
    expect(nestedProposals([t1, t2, m2, m3, m4], [], DEFAULT_RELATION_TYPES)).toEqual([
      { type: 'measures', fromId: 'm4', toId: 't1' },
      { type: 'measures', fromId: 'm3', toId: 't2' },
    ]);
  });
});

describe('relation edits', () => {
  it('links two spans and unlinks them; undo is the inverse', () => {
    const ctx = context([target, metric]);
    const link = changeOf(linking(ctx, { type: 'measures', fromId: 'm', toId: 't' }));
    expect(link.before).toEqual([]);
    expect(link.after).toEqual([]);
    expect(link.relations?.after).toMatchObject([{ type: 'measures', fromId: 'm', toId: 't', docId: 'd', source: 'manual' }]);
    expect(invert(link).relations).toEqual({ before: link.relations!.after, after: [] });

    const ctx2 = context([target, metric], [measures]);
    expect(changeOf(unlinking(ctx2, 'r1')).relations).toEqual({ before: [measures], after: [] });
    expect(unlinking(ctx2, 'nope')).toBeNull();
  });

  it('refuses a link the types do not allow, with a reason', () => {
    expect(linking(context([target, org]), { type: 'measures', fromId: 'o', toId: 't' })).toMatchObject({ problem: expect.stringMatching(/ORG/) });
  });

  it('deletes a span together with its relations, so one undo brings both back', () => {
    const ctx = context([target, metric], [measures]);
    const change = changeOf(removal(ctx, metric));
    expect(change.before).toEqual([metric]);
    expect(change.relations).toEqual({ before: [measures], after: [] });
    expect(invert(change).relations).toEqual({ before: [], after: [measures] });
  });

  it('drops on relabel the relations the new label breaks, and the attributes and value it does not have', () => {
    const withValue = { ...metric, value: { value: 1980, unit: '亩', qualifier: '>=' as const } };
    const farTarget = span('t', 14, 30, 'TARGET'); // a METRIC need not sit inside the TARGET it measures
    const ctx = context([farTarget, withValue], [measures]);
    const toTarget = changeOf(relabeling(ctx, 'm', 'PROJECT'));
    expect(toTarget.after[0]).not.toHaveProperty('value');
    expect(toTarget.relations).toEqual({ before: [measures], after: [] });

    const attributed = { ...target, attributes: { deadline: '全年', kind: 'completion' } };
    const ctx2 = context([attributed]);
    const relabelled = changeOf(relabeling(ctx2, 't', 'PROJECT'));
    expect(relabelled.after[0]).not.toHaveProperty('attributes');
    expect(relabelled.relations).toBeUndefined();
  });

  it('forgets a corrected value when the span moves (the new text is read afresh)', () => {
    const withValue = { ...metric, value: { value: 1, unit: '亩', qualifier: '=' as const } };
    const change = changeOf(moving(context([withValue]), 'm', 'end', () => 10));
    expect(change.after[0]).toMatchObject({ start: 6, end: 10, text: '1980' });
    expect(change.after[0]).not.toHaveProperty('value');
  });

  it('sets and clears a value on a METRIC only', () => {
    const ctx = context([target, metric]);
    const v = { value: 1980, unit: '亩', qualifier: '>=' as const };
    expect(changeOf(valueSetting(ctx, 'm', v)).after).toEqual([{ ...metric, value: v }]);
    expect(valueSetting(ctx, 't', v)).toMatchObject({ problem: expect.stringMatching(/Only a METRIC/) });
    const ctx2 = context([{ ...metric, value: v }]);
    expect(changeOf(valueSetting(ctx2, 'm', undefined)).after).toEqual([metric]);
  });

  it('sets and clears attributes the label declares, and refuses others', () => {
    const ctx = context([target, metric]);
    expect(changeOf(attributeSetting(ctx, 't', 'deadline', '全年')).after).toEqual([{ ...target, attributes: { deadline: '全年' } }]);
    expect(attributeSetting(ctx, 'm', 'deadline', '全年')).toMatchObject({ problem: expect.stringMatching(/no attribute/) });
    const ctx2 = context([{ ...target, attributes: { deadline: '全年' } }]);
    expect(attributeSetting(ctx2, 't', 'deadline', '全年')).toBeNull();
    expect(changeOf(attributeSetting(ctx2, 't', 'deadline', undefined)).after).toEqual([target]);
  });

  it('still creates spans as before (relations untouched)', () => {
    expect(changeOf(creation(context([]), { start: 13, end: 17 }, 'ORG')).relations).toBeUndefined();
  });
});

describe('RelationIndex', () => {
  it('finds relations by span and follows changes', () => {
    const index = new RelationIndex([measures]);
    expect(index.of('m')).toEqual([measures]);
    expect(index.of('t')).toEqual([measures]);
    const other: Relation = { id: 'r2', docId: 'd', type: 'carries_out', fromId: 'o', toId: 'p' };
    index.apply({ docId: 'd', before: [], after: [], relations: { before: [measures], after: [other] } });
    expect(index.of('m')).toEqual([]);
    expect(index.of('o')).toEqual([other]);
    expect(index.size).toBe(1);
  });
});
