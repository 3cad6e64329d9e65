/**
 * Word boundaries drawn with the CSS Custom Highlight API: every other word gets a faint tint, which
 * shows where words meet without adding a single element to the text (and so without touching
 * selection offsets or layout). Browsers without the API (and jsdom) simply show no words.
 */
import { boundariesIn, firstStartingAt, type OffsetMap } from '../core/index.ts';
import { PARAGRAPH_SELECTOR, offsetsToRange, paragraphRanges, staticCopy, type Converter } from './text-positions.ts';

const NAME = 'zb-word';

export class WordHighlight {
  readonly #highlight: Highlight | null;
  readonly #byParagraph = new Map<Element, AbstractRange[]>();

  constructor() {
    const supported = typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
    this.#highlight = supported ? new Highlight() : null;
    if (this.#highlight) CSS.highlights.set(NAME, this.#highlight);
  }

  /**
   * Draws the words of one rendered paragraph: every other word between the document's word
   * `boundaries` (code points) that fall inside [start, end), the paragraph's range.
   */
  show(p: HTMLElement, paragraph: { start: number; end: number }, text: OffsetMap, boundaries: Uint32Array): void {
    if (!this.#highlight) return;
    this.hide(p);
    const inside = boundariesIn(boundaries, paragraph.start, paragraph.end);
    const odd: [number, number][] = [];
    for (let i = 1; i + 1 < inside.length; i += 2) {
      odd.push([text.toUtf16(inside[i]! - paragraph.start), text.toUtf16(inside[i + 1]! - paragraph.start)]);
    }
    const ranges = paragraphRanges(p, odd);
    for (const r of ranges) this.#highlight.add(r);
    this.#byParagraph.set(p, ranges);
  }

  hide(p: HTMLElement): void {
    const old = this.#byParagraph.get(p);
    if (!old || !this.#highlight) return;
    for (const r of old) this.#highlight.delete(r);
    this.#byParagraph.delete(p);
  }

  dispose(): void {
    this.#highlight?.clear();
    this.#byParagraph.clear();
    // The next view registers its own highlight under the same name before this one is torn down.
    if (this.#highlight && CSS.highlights.get(NAME) === this.#highlight) CSS.highlights.delete(NAME);
  }
}

/** One range of the document drawn under `name` (the selected span), wherever the DOM cuts it. */
export class SpanHighlight {
  readonly #name: string;
  readonly #highlight: Highlight | null;
  #drawn: StaticRange | null = null;

  constructor(name: string) {
    this.#name = name;
    const supported = typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
    this.#highlight = supported ? new Highlight() : null;
    if (this.#highlight) CSS.highlights.set(name, this.#highlight);
  }

  show(root: Element, start: number, end: number, offsets: Converter): void {
    if (!this.#highlight) return;
    // Only the rendered part of a long span can be drawn; the rest is drawn when scrolled into view.
    const r = offsetsToRange(root, start, end, offsets, true);
    const next = r && staticCopy(r);
    // Any change to a highlight makes Chromium repaint every highlighted piece of text: none is made
    // when the range is the one already drawn.
    if (next && this.#drawn && sameRange(next, this.#drawn)) return;
    this.clear();
    if (next) this.#highlight.add(next);
    this.#drawn = next;
  }

  clear(): void {
    if (this.#highlight && this.#highlight.size > 0) this.#highlight.clear();
    this.#drawn = null;
  }

  dispose(): void {
    this.clear();
    if (this.#highlight && CSS.highlights.get(this.#name) === this.#highlight) CSS.highlights.delete(this.#name);
  }
}

function sameRange(a: AbstractRange, b: AbstractRange): boolean {
  return a.startContainer === b.startContainer && a.startOffset === b.startOffset && a.endContainer === b.endContainer && a.endOffset === b.endOffset;
}

/**
 * Suggestions drawn as dashed underlines in their label's colour (one highlight per label, with a
 * generated style rule), the one under review with a tint: clearly apart from spans, and no elements.
 */
export class SuggestionHighlights {
  readonly #byLabel = new Map<string, Highlight>();
  readonly #current = new SpanHighlight('zb-suggest-current');
  readonly #style: HTMLStyleElement | null = null;
  readonly #supported: boolean;

  constructor(labels: readonly { id: string; color: string }[]) {
    this.#supported = typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
    if (!this.#supported) return;
    const rules: string[] = [];
    labels.forEach((l, i) => {
      const h = new Highlight();
      this.#byLabel.set(l.id, h);
      CSS.highlights.set(`zb-suggest-${i}`, h);
      rules.push(`::highlight(zb-suggest-${i}) { text-decoration: underline dashed 2px ${l.color}; text-underline-offset: 5px; }`);
    });
    this.#style = document.createElement('style');
    this.#style.textContent = rules.join('\n');
    document.head.append(this.#style);
  }

  /** What each rendered paragraph shows: its suggestions (same objects, same order) and their ranges. */
  readonly #drawn = new Map<HTMLElement, { items: readonly { label: string }[]; ranges: AbstractRange[]; texts: TextState }>();

  /**
   * Draws the suggestions that fall on rendered paragraphs (`suggestions` in document order). A
   * paragraph whose suggestions and text nodes are as last drawn is left alone, so scrolling and
   * editing redraw only the paragraphs that changed, however many suggestions the document has.
   */
  show(
    root: Element,
    suggestions: readonly { start: number; end: number; label: string }[],
    current: { start: number; end: number } | undefined,
    offsets: Converter,
  ): void {
    if (!this.#supported) return;
    const seen = new Set<HTMLElement>();
    for (const p of root.querySelectorAll<HTMLElement>(PARAGRAPH_SELECTOR)) {
      seen.add(p);
      const u0 = Number(p.dataset.unitStart ?? 0);
      const u1 = u0 + (p.textContent ?? '').length;
      const from = offsets.toCodePoint(u0);
      const to = offsets.toCodePoint(u1);
      const here = suggestions.slice(firstStartingAt(suggestions, from - this.#longest(suggestions)), firstStartingAt(suggestions, to)).filter((s) => s.end > from && s.start < to);
      const old = this.#drawn.get(p);
      const texts = textState(p);
      // Svelte reuses a text node and changes its text when a span is made beside it: the ranges are
      // only still right when the same text nodes hold the same lengths.
      if (old && sameItems(old.items, here) && sameItems(old.texts.nodes, texts.nodes) && sameItems(old.texts.lengths, texts.lengths)) continue;
      this.#erase(p);
      if (here.length === 0) continue;
      const local = (s: { start: number; end: number }): [number, number] => [
        Math.max(0, offsets.toUtf16(s.start) - u0),
        Math.min(u1 - u0, offsets.toUtf16(s.end) - u0),
      ];
      const ranges = paragraphRanges(p, here.map(local));
      here.forEach((s, i) => this.#byLabel.get(s.label)?.add(ranges[i]!));
      this.#drawn.set(p, { items: here, ranges, texts });
    }
    for (const p of [...this.#drawn.keys()]) if (!seen.has(p)) this.#erase(p);
    if (current) this.#current.show(root, current.start, current.end, offsets);
    else this.#current.clear();
  }

  #erase(p: HTMLElement): void {
    const old = this.#drawn.get(p);
    if (!old) return;
    old.items.forEach((s, i) => this.#byLabel.get(s.label)?.delete(old.ranges[i]!));
    this.#drawn.delete(p);
  }

  #lengthOf: { list: readonly { start: number; end: number }[]; longest: number } | null = null;

  /** The longest suggestion: how far before a paragraph one reaching into it can start. */
  #longest(list: readonly { start: number; end: number }[]): number {
    if (this.#lengthOf?.list !== list) this.#lengthOf = { list, longest: list.reduce((m, s) => Math.max(m, s.end - s.start), 0) };
    return this.#lengthOf.longest;
  }

  dispose(): void {
    if (!this.#supported) return;
    for (const h of this.#byLabel.values()) h.clear();
    this.#current.dispose();
    this.#drawn.clear();
    this.#style?.remove();
  }
}

interface TextState {
  nodes: Text[];
  lengths: number[];
}

function textState(p: HTMLElement): TextState {
  const nodes: Text[] = [];
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) nodes.push(t);
  return { nodes, lengths: nodes.map((t) => t.data.length) };
}

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

