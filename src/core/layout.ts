/**
 * How spans fall on a paragraph: the paragraph cut at every span edge into pieces, each with the spans
 * covering it, innermost last. Flat pieces (rather than nested elements) draw crossing spans from
 * imported data as faithfully as properly nested ones.
 */
import type { Span } from './spans.ts';

export interface Piece {
  start: number;
  end: number;
  /** Covering spans, outermost first. */
  spans: Span[];
  /** Spans that start / end exactly at this piece. */
  opens: Span[];
  closes: Span[];
}

export function layoutParagraph(start: number, end: number, spans: readonly Span[]): Piece[] {
  const cuts = new Set<number>([start, end]);
  for (const s of spans) {
    if (s.start > start && s.start < end) cuts.add(s.start);
    if (s.end > start && s.end < end) cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces: Piece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const covering = spans
      .filter((s) => s.start <= a && s.end >= b)
      .sort((x, y) => y.end - y.start - (x.end - x.start));
    pieces.push({
      start: a,
      end: b,
      spans: covering,
      opens: covering.filter((s) => s.start === a),
      closes: covering.filter((s) => s.end === b),
    });
  }
  return pieces;
}
