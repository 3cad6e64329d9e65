/**
 * What each kind of edit changes, as pure functions over a document's spans: the SpanChange to store,
 * a problem to tell the user, or null when there is nothing to do.
 */
import { newId } from './ids.ts';
import type { SpanChange } from './history.ts';
import type { LabelSet } from './labels.ts';
import type { OffsetMap } from './offsets.ts';
import type { SpanIndex } from './span-index.ts';
import { placementProblem, type Span } from './spans.ts';

export interface EditContext {
  docId: string;
  index: SpanIndex;
  offsets: OffsetMap;
  labels: LabelSet;
}

export type Built = { change: SpanChange } | { problem: string } | null;

interface Range {
  start: number;
  end: number;
}

export function newSpan(ctx: EditContext, r: Range, label: string): Span {
  return { id: newId(), docId: ctx.docId, label, start: r.start, end: r.end, text: ctx.offsets.slice(r.start, r.end), source: 'manual' };
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

export function relabeling(ctx: EditContext, id: string, label: string): Built {
  const old = ctx.index.get(id);
  if (!old || old.label === label) return null;
  return writing(ctx, [old], { ...old, label });
}

export function removal(ctx: EditContext, old: Span | undefined): Built {
  return old ? { change: { docId: ctx.docId, before: [old], after: [] } } : null;
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
  return writing(ctx, [old], { ...old, start, end, text: ctx.offsets.slice(start, end) });
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
