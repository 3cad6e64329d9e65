/**
 * The one place where DOM positions and document offsets meet. The text view renders each paragraph as
 * an element `[data-paragraph]` with `data-unit-start` (its UTF-16 start in the document text); its
 * descendants' text nodes, in order, are exactly the paragraph's text. Elements without text (edge
 * handles, label tags drawn with ::after) do not count. Offsets returned are code points of the whole
 * document, converted through its OffsetMap.
 */
import type { OffsetMap } from '../core/offsets.ts';

export const PARAGRAPH_SELECTOR = '[data-paragraph]';

export interface Converter {
  toCodePoint(unit: number): number;
  toUtf16(cp: number): number;
}

function paragraphOf(node: Node): HTMLElement | null {
  const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  return (el?.closest(PARAGRAPH_SELECTOR) as HTMLElement | null) ?? null;
}

function unitStartOf(p: HTMLElement): number {
  return Number(p.dataset.unitStart ?? 0);
}

/** UTF-16 length of the text in `p` before the DOM point (node, offset). */
function unitsBefore(p: HTMLElement, node: Node, offset: number): number {
  if (node.nodeType === Node.TEXT_NODE) {
    let n = offset;
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t && t !== node; t = walker.nextNode()) n += (t as Text).data.length;
    return n;
  }
  // An element boundary: count the text of the children before `offset`.
  const range = document.createRange();
  range.setStart(p, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}

/** Document code-point offset of a DOM point inside a paragraph, or null when it is outside any. */
export function pointToOffset(node: Node, offset: number, offsets: Converter): number | null {
  const p = paragraphOf(node);
  if (!p) return null;
  return offsets.toCodePoint(unitStartOf(p) + unitsBefore(p, node, offset));
}

/** The code-point range a DOM selection covers inside `root`, or null when it is not inside text. */
export function selectionToOffsets(
  selection: Selection | null,
  root: Element,
  offsets: Converter,
): { start: number; end: number } | null {
  if (!selection || selection.rangeCount === 0) return null;
  const r = selection.getRangeAt(0);
  if (!root.contains(r.startContainer) || !root.contains(r.endContainer)) return null;
  const a = pointToOffset(r.startContainer, r.startOffset, offsets) ?? edgeOffset(r, root, offsets, 'start');
  const b = pointToOffset(r.endContainer, r.endOffset, offsets) ?? edgeOffset(r, root, offsets, 'end');
  if (a === null || b === null) return null;
  return { start: Math.min(a, b), end: Math.max(a, b) };
}

/** A range endpoint between paragraphs: take the nearest paragraph edge inside the range. */
function edgeOffset(r: Range, root: Element, offsets: Converter, which: 'start' | 'end'): number | null {
  const ps = [...root.querySelectorAll<HTMLElement>(PARAGRAPH_SELECTOR)].filter((p) => r.intersectsNode(p));
  const p = which === 'start' ? ps[0] : ps.at(-1);
  if (!p) return null;
  const units = which === 'start' ? 0 : (p.textContent ?? '').length;
  return offsets.toCodePoint(unitStartOf(p) + units);
}

/** The DOM point of a document code-point offset inside rendered paragraph `p`. */
function locate(p: HTMLElement, unit: number): { node: Node; offset: number } {
  let rest = unit;
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  let last: Text | null = null;
  for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
    if (rest <= t.data.length) return { node: t, offset: rest };
    rest -= t.data.length;
    last = t;
  }
  return last ? { node: last, offset: last.data.length } : { node: p, offset: 0 };
}

function renderedParagraphAt(root: Element, unit: number): HTMLElement | null {
  for (const p of root.querySelectorAll<HTMLElement>(PARAGRAPH_SELECTOR)) {
    const start = unitStartOf(p);
    if (unit >= start && unit <= start + (p.textContent ?? '').length) return p;
  }
  return null;
}

/**
 * A DOM Range over [start, end) code points, or null when that text is not rendered. With `clamp`, a
 * range reaching beyond the rendered paragraphs is cut to them (null only when nothing of it is rendered).
 */
export function offsetsToRange(root: Element, start: number, end: number, offsets: Converter, clamp = false): Range | null {
  let u0 = offsets.toUtf16(start);
  let u1 = offsets.toUtf16(end);
  if (clamp) {
    const rendered = [...root.querySelectorAll<HTMLElement>(PARAGRAPH_SELECTOR)];
    const first = rendered[0];
    const last = rendered.at(-1);
    if (!first || !last) return null;
    u0 = Math.max(u0, unitStartOf(first));
    u1 = Math.min(u1, unitStartOf(last) + (last.textContent ?? '').length);
    if (u1 <= u0) return null;
  }
  const p0 = renderedParagraphAt(root, u0);
  const p1 = renderedParagraphAt(root, u1);
  if (!p0 || !p1) return null;
  const a = locate(p0, u0 - unitStartOf(p0));
  const b = locate(p1, u1 - unitStartOf(p1));
  const range = document.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  return range;
}

/**
 * A range for a highlight. Static where the browser has StaticRange: a live Range is updated by the
 * browser on every DOM change anywhere in the document, so thousands of live word ranges made each
 * paragraph the editor re-rendered cost tens of milliseconds. Highlights are redrawn whenever their
 * paragraphs re-render, so they never need the browser to keep them in step.
 */
export function highlightRange(startContainer: Node, startOffset: number, endContainer: Node, endOffset: number): AbstractRange {
  if (typeof StaticRange === 'function') return new StaticRange({ startContainer, startOffset, endContainer, endOffset });
  const r = document.createRange();
  r.setStart(startContainer, startOffset);
  r.setEnd(endContainer, endOffset);
  return r;
}

/** `r` as a highlight range (see highlightRange). */
export function staticCopy(r: Range): AbstractRange {
  return highlightRange(r.startContainer, r.startOffset, r.endContainer, r.endOffset);
}

/** Paragraph-local ranges [from, to) in UTF-16 units of one rendered paragraph (e.g. its words), for highlights. */
export function paragraphRanges(p: HTMLElement, pieces: Iterable<[number, number]>): AbstractRange[] {
  const out: AbstractRange[] = [];
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  const starts: number[] = [];
  let n = 0;
  for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
    texts.push(t);
    starts.push(n);
    n += t.data.length;
  }
  if (texts.length === 0) return out;
  let k = 0;
  const at = (u: number, preferNext: boolean) => {
    while (k > 0 && starts[k]! > u) k--;
    while (k + 1 < texts.length && (starts[k + 1]! < u || (preferNext && starts[k + 1] === u))) k++;
    return { node: texts[k]!, offset: u - starts[k]! };
  };
  for (const [from, to] of pieces) {
    const a = at(from, true);
    const b = at(to, false);
    out.push(highlightRange(a.node, Math.min(a.offset, a.node.data.length), b.node, Math.min(b.offset, b.node.data.length)));
  }
  return out;
}

/** Document offset under a screen point (for dragging span edges), or null outside the text. */
export function offsetAtPoint(x: number, y: number, offsets: Converter): number | null {
  const doc = document as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  };
  const pos = doc.caretPositionFromPoint?.(x, y);
  if (pos) return pointToOffset(pos.offsetNode, pos.offset, offsets);
  const r = document.caretRangeFromPoint?.(x, y);
  return r ? pointToOffset(r.startContainer, r.startOffset, offsets) : null;
}

/** Shows [start, end) as the browser's selection (after snapping a mouse selection to words). */
export function selectOffsets(root: Element, start: number, end: number, offsets: Converter): void {
  const range = offsetsToRange(root, start, end, offsets);
  const sel = window.getSelection();
  if (!range || !sel) return;
  sel.removeAllRanges();
  sel.addRange(range);
}

export type { OffsetMap };
