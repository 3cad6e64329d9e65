/**
 * Where to draw relations: for each relation whose two spans are both rendered, the points above the
 * start of each span, relative to the text content box. Only rendered text has a DOM, so relations
 * between paragraphs far apart are not drawn (the selection panel lists them all).
 */
import type { Relation, Span } from '../core/index.ts';
import { offsetsToRange, type Converter } from './text-positions.ts';

export interface Arc {
  id: string;
  type: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export function arcsFor(
  content: HTMLElement,
  relations: readonly Relation[],
  spanById: (id: string) => Span | undefined,
  offsets: Converter,
  window: { start: number; end: number },
): Arc[] {
  const box = content.getBoundingClientRect();
  const anchors = new Map<string, { x: number; y: number } | null>();
  const anchor = (span: Span) => {
    if (!anchors.has(span.id)) {
      const range = offsetsToRange(content, span.start, span.end, offsets);
      // jsdom has no layout and no Range.getClientRects.
      const rect = range && typeof range.getClientRects === 'function' ? range.getClientRects()[0] : undefined;
      anchors.set(span.id, rect ? { x: rect.left - box.left + Math.min(rect.width / 2, 14), y: rect.top - box.top } : null);
    }
    return anchors.get(span.id) ?? null;
  };
  const arcs: Arc[] = [];
  for (const r of relations) {
    const from = spanById(r.fromId);
    const to = spanById(r.toId);
    if (!from || !to) continue;
    // Cheap test first: both ends inside the rendered paragraphs.
    if (from.end <= window.start || from.start >= window.end || to.end <= window.start || to.start >= window.end) continue;
    const a = anchor(from);
    const b = anchor(to);
    if (a && b) arcs.push({ id: r.id, type: r.type, x1: a.x, y1: a.y, x2: b.x, y2: b.y });
  }
  return arcs;
}
