/**
 * From what the user points at to what gets tagged or selected: raw selections snapped to words,
 * dragged edges, clicks through nested spans, stepping through spans and sentences. Pure functions over
 * code-point offsets; the session applies their results.
 */
import { trimBlank } from './edits.ts';
import type { OffsetMap } from './offsets.ts';
import type { Span } from './spans.ts';
import type { Sentence } from './structure.ts';
import { trimToContent } from './spans.ts';
import { snapToWords, type Boundaries } from './tokens.ts';

interface Range {
  start: number;
  end: number;
}

/**
 * The range to tag for a raw selection: snapped to words and trimmed of punctuation and spaces; with
 * `exact` (Alt) the characters are kept as selected, but never blank edges or newlines.
 */
export function proposeRange(offsets: OffsetMap, words: Boundaries | null, raw: Range, exact: boolean): Range | null {
  if (raw.end <= raw.start) return null;
  if (exact) return trimBlank(offsets, raw);
  const snapped = words ? snapToWords(words, raw.start, raw.end) : raw;
  return trimToContent(offsets, snapped.start, snapped.end);
}

/** Where dragging `edge` of `span` to code point `at` puts that edge (snapped to words unless exact). */
export function proposeEdge(words: Boundaries | null, span: Range, edge: 'start' | 'end', at: number, exact: boolean): Range | null {
  const raw = edge === 'start' ? { start: at, end: span.end } : { start: span.start, end: at };
  if (raw.end <= raw.start) return null;
  if (exact || !words) return raw;
  const snapped = snapToWords(words, raw.start, raw.end);
  return edge === 'start' ? { start: snapped.start, end: span.end } : { start: span.start, end: snapped.end };
}

/**
 * Which span a click on text covered by the spans `ids` (outermost first) selects: the innermost, or
 * the next one outwards when one of them is selected, so that nested spans are each reachable.
 */
export function clickedSpan(ids: readonly string[], selectedId: string | null): string | null {
  const inward = [...ids].reverse();
  if (inward.length === 0) return null;
  const i = inward.indexOf(selectedId ?? '');
  return inward[(i + 1) % inward.length]!;
}

/** The span after (1) or before (-1) the selected one in document order, wrapping; the first or last when none is selected. */
export function neighbourSpan(all: readonly Span[], selectedId: string | null, dir: 1 | -1): Span | undefined {
  if (all.length === 0) return undefined;
  const i = all.findIndex((s) => s.id === selectedId);
  return i < 0 ? (dir === 1 ? all[0] : all.at(-1)) : all[(i + dir + all.length) % all.length];
}

/** The sentence after (1) or before (-1) `from` (the whole text when nothing is selected), trimmed for tagging. */
export function nextSentence(offsets: OffsetMap, list: readonly Sentence[], from: Range | null, dir: 1 | -1): Range | null {
  const next = dir === 1 ? list.find((s) => (from ? s.start >= from.end : true)) : list.findLast((s) => (from ? s.end <= from.start : true));
  return next ? trimToContent(offsets, next.start, next.end) : null;
}
