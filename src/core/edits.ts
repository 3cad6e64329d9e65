/**
 * What each kind of edit changes, as pure functions over a document's spans: the SpanChange to store,
 * a problem to tell the user, or null when there is nothing to do.
 */
import { newId } from './ids.ts';
import type { SpanChange } from './history.ts';
import { labelById, type LabelSet } from './labels.ts';
import { authorship } from './layers.ts';
import type { MetricValue } from './metric-value.ts';
import type { OffsetMap } from './offsets.ts';
import type { RelationIndex } from './relation-index.ts';
import { relationProblem, relationsBrokenByLabel, type LinkOption, type Relation, type RelationSource, type RelationTypeSet } from './relations.ts';
import type { SpanIndex } from './span-index.ts';
import { placementProblem, type Span } from './spans.ts';

export interface EditContext {
  docId: string;
  index: SpanIndex;
  offsets: OffsetMap;
  labels: LabelSet;
  relations: RelationIndex;
  relationTypes: RelationTypeSet;
  /** The layer edited and who edits it (core/layers.ts): new spans and relations are stamped with them. */
  layer?: string;
  by?: string;
}

export type Built = { change: SpanChange } | { problem: string } | null;

interface Range {
  start: number;
  end: number;
}

export function newSpan(ctx: EditContext, r: Range, label: string): Span {
  return { id: newId(), docId: ctx.docId, label, start: r.start, end: r.end, text: ctx.offsets.slice(r.start, r.end), source: 'manual', ...authorship(ctx, Date.now()) };
}

/** Why `span` may not be stored among the current spans (ignoring those in `leaving`), or null. */
export function checkPlacement(ctx: EditContext, span: Span, leaving: readonly Span[] = []): string | null {
  if (span.text.trim() === '') return '标注不能只含空白 A span cannot be only white space';
  return placementProblem(ctx.index.overlapping(span, new Set(leaving.map((s) => s.id))), span, ctx.labels);
}

function writing(ctx: EditContext, before: Span[], after: Span): Built {
  const problem = checkPlacement(ctx, after, before);
  return problem ? { problem } : { change: { docId: ctx.docId, before, after: [after] } };
}

export function creation(ctx: EditContext, r: Range, label: string): Built {
  return writing(ctx, [], newSpan(ctx, r, label));
}

/**
 * A new label keeps the span's relations its types still allow (the others go in the same undo step),
 * the attributes the new label declares too, and a corrected value only on a METRIC.
 */
export function relabeling(ctx: EditContext, id: string, label: string): Built {
  const old = ctx.index.get(id);
  if (!old || old.label === label) return null;
  const { value, attributes, ...rest } = old;
  const after: Span = { ...rest, label };
  if (value && label === 'METRIC') after.value = value;
  const declared = new Set((labelById(ctx.labels, label)?.attributes ?? []).map((a) => a.id));
  const kept = Object.entries(attributes ?? {}).filter(([k]) => declared.has(k));
  if (kept.length > 0) after.attributes = Object.fromEntries(kept);
  const built = writing(ctx, [old], after);
  if (!built || !('change' in built)) return built;
  const broken = relationsBrokenByLabel(ctx.relations.of(id), old, label, (sid) => ctx.index.get(sid), ctx.relationTypes);
  if (broken.length > 0) built.change.relations = { before: broken, after: [] };
  return built;
}

/** Deletes a span and, in the same undo step, its relations. */
export function removal(ctx: EditContext, old: Span | undefined): Built {
  if (!old) return null;
  const change: SpanChange = { docId: ctx.docId, before: [old], after: [] };
  const links = ctx.relations.of(old.id);
  if (links.length > 0) change.relations = { before: links, after: [] };
  return { change };
}

export function newRelation(ctx: EditContext, option: LinkOption, source: RelationSource = 'manual'): Relation {
  return { id: newId(), docId: ctx.docId, type: option.type, fromId: option.fromId, toId: option.toId, source, ...authorship(ctx, Date.now()) };
}

export function linking(ctx: EditContext, option: LinkOption, source: RelationSource = 'manual'): Built {
  const relation = newRelation(ctx, option, source);
  const problem = relationProblem(ctx.relations.of(option.fromId), relation, (id) => ctx.index.get(id), ctx.relationTypes);
  return problem ? { problem } : { change: { docId: ctx.docId, before: [], after: [], relations: { before: [], after: [relation] } } };
}

export function unlinking(ctx: EditContext, relationId: string): Built {
  const old = ctx.relations.get(relationId);
  return old ? { change: { docId: ctx.docId, before: [], after: [], relations: { before: [old], after: [] } } } : null;
}

/** Corrects a METRIC's value (`undefined`: back to what the reader makes of the text). */
export function valueSetting(ctx: EditContext, id: string, value: MetricValue | undefined): Built {
  const old = ctx.index.get(id);
  if (!old) return null;
  if (old.label !== 'METRIC') return { problem: '只有指标有数值 Only a METRIC has a value' };
  const { value: _, ...rest } = old;
  const after: Span = value ? { ...rest, value } : rest;
  return { change: { docId: ctx.docId, before: [old], after: [after] } };
}

/** Sets (or with `undefined` clears) one attribute of a span; the label must declare it. */
export function attributeSetting(ctx: EditContext, id: string, attribute: string, value: string | undefined): Built {
  const old = ctx.index.get(id);
  if (!old) return null;
  const declared = labelById(ctx.labels, old.label)?.attributes?.find((a) => a.id === attribute);
  if (!declared) return { problem: `${old.label} 没有属性 has no attribute ${JSON.stringify(attribute)}` };
  if ((old.attributes?.[attribute] ?? undefined) === value) return null;
  const { attributes, ...rest } = old;
  const next = { ...attributes };
  if (value === undefined) delete next[attribute];
  else next[attribute] = value;
  const after: Span = Object.keys(next).length > 0 ? { ...rest, attributes: next } : rest;
  return { change: { docId: ctx.docId, before: [old], after: [after] } };
}

/** Moves one edge of span `id` to wherever `target` puts it, given the edge's current position. */
export function moving(ctx: EditContext, id: string, edge: 'start' | 'end', target: (from: number) => number): Built {
  const old = ctx.index.get(id);
  if (!old) return null;
  const to = target(old[edge]);
  const start = edge === 'start' ? to : old.start;
  const end = edge === 'end' ? to : old.end;
  if (start === old.start && end === old.end) return null;
  if (end <= start || start < 0 || end > ctx.offsets.length) return { problem: '标注至少要有一个字 A span needs at least one character' };
  // A corrected value was a reading of the old text; the new text is read afresh.
  const { value: _, ...rest } = old;
  return writing(ctx, [old], { ...rest, start, end, text: ctx.offsets.slice(start, end) });
}

/** `r` without white space (newlines included) at its edges, or null when nothing else is left. */
export function trimBlank(offsets: OffsetMap, r: Range): Range | null {
  const chars = Array.from(offsets.slice(r.start, r.end));
  let lo = 0;
  let hi = chars.length;
  while (lo < hi && /\s/u.test(chars[lo]!)) lo++;
  while (hi > lo && /\s/u.test(chars[hi - 1]!)) hi--;
  return hi > lo ? { start: r.start + lo, end: r.start + hi } : null;
}
