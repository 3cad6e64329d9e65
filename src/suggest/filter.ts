/**
 * Dropping suggestions the user has already decided: those duplicating or overlapping (against the
 * nesting rules) a span, and rejected ones. Small on purpose: the page imports it, the rules stay in
 * the worker's bundle.
 */
import { DEFAULT_LABELS, mayNest, type LabelSet } from '../core/labels.ts';
import type { Suggestion } from './types.ts';

export function mayOverlap(labels: LabelSet, a: { start: number; end: number; label: string }, b: { start: number; end: number; label: string }): boolean {
  if (a.start === b.start && a.end === b.end && a.label === b.label) return false;
  const aInB = b.start <= a.start && a.end <= b.end;
  const bInA = a.start <= b.start && b.end <= a.end;
  return (aInB && mayNest(labels, a.label, b.label)) || (bInA && mayNest(labels, b.label, a.label));
}

export interface Placed {
  start: number;
  end: number;
  label: string;
}

/**
 * Suggestions that neither duplicate nor overlap (against the nesting rules of `labels`) a span in
 * `spans`, and whose `${label}|${text}` is not in `rejected`.
 */
export function withoutExisting(
  suggestions: readonly Suggestion[],
  spans: readonly Placed[],
  rejected?: ReadonlySet<string>,
  labels: LabelSet = DEFAULT_LABELS,
): Suggestion[] {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  // maxEnd[i]: the largest end among sorted[0..i], so a backward scan can stop early.
  const maxEnd: number[] = [];
  let m = -Infinity;
  for (const s of sorted) maxEnd.push((m = Math.max(m, s.end)));
  return suggestions.filter((sug) => {
    if (rejected?.has(`${sug.label}|${sug.text}`)) return false;
    // Spans starting before the suggestion's end: binary search, then walk back while they may reach it.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]!.start < sug.end) lo = mid + 1;
      else hi = mid;
    }
    for (let j = lo - 1; j >= 0 && maxEnd[j]! > sug.start; j--) {
      const s = sorted[j]!;
      if (s.end > sug.start && !mayOverlap(labels, sug, s)) return false;
    }
    return true;
  });
}
