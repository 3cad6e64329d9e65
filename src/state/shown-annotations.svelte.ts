/**
 * The spans and relations of one document as the screen shows them, and the questions views ask of
 * them. They change by `show` (an edit, or one taken back) and `showStored` (what the store holds, with
 * the edits made since on top); each change bumps `version` and replaces only the paragraph lists it
 * touches, so that a view keyed on those lists redraws only them. DocumentSession builds on this.
 */
import {
  compareSpans,
  nestedProposals,
  RelationIndex,
  spanDifference,
  SpanIndex,
  type LinkOption,
  type Paragraph,
  type Relation,
  type RelationTypeSet,
  type Span,
  type SpanChange,
} from '../core/index.ts';

export class ShownAnnotations {
  readonly paragraphs: Paragraph[];
  readonly relationTypes: RelationTypeSet;
  /** Spans of each paragraph; only entries touched by an edit are replaced, so only they re-render. */
  byParagraph = $state.raw<Span[][]>([]);
  counts = $state.raw<Record<string, number>>({});
  /** Bumped on every change of the span set, for views that list spans. */
  version = $state(0);

  protected readonly index: SpanIndex;
  protected readonly relationIndex: RelationIndex;
  #proposals: { version: number; list: LinkOption[] } | null = null;

  constructor(paragraphs: Paragraph[], relationTypes: RelationTypeSet, spans: Span[], relations: Relation[]) {
    this.paragraphs = paragraphs;
    this.relationTypes = relationTypes;
    this.index = new SpanIndex(paragraphs, spans);
    this.relationIndex = new RelationIndex(relations);
    this.#publish();
  }

  get spanCount(): number {
    void this.version;
    return this.index.size;
  }

  /** All spans in document order. */
  spans(): Span[] {
    void this.version;
    return this.index.all();
  }

  /** Spans overlapping `span` other than itself (the nested ones, for the details panel). */
  spansAround(span: Span): Span[] {
    void this.version;
    return this.index.overlapping(span, new Set([span.id]));
  }

  /** Spans overlapping a range. */
  spansOverlapping(r: { start: number; end: number }): Span[] {
    void this.version;
    return this.index.overlapping(r);
  }

  span(id: string): Span | undefined {
    void this.version;
    return this.index.get(id);
  }

  /** Every relation of the document. */
  relations(): Relation[] {
    void this.version;
    return this.relationIndex.all();
  }

  /** Relations with `spanId` at either end. */
  relationsOf(spanId: string): Relation[] {
    void this.version;
    return this.relationIndex.of(spanId);
  }

  /** Relations worth making that are not made yet (a METRIC inside a TARGET measures it). */
  proposals(): LinkOption[] {
    const version = this.version;
    // Asked for by several panels after an edit; computed once per version of the spans.
    if (this.#proposals?.version !== version) {
      this.#proposals = { version, list: nestedProposals(this.index.all(), this.relationIndex.all(), this.relationTypes) };
    }
    return this.#proposals.list;
  }

  /** The proposals with `span` at one end; only the spans around it are looked at. */
  proposalsFor(span: Span): LinkOption[] {
    void this.version;
    // In document order, as proposals() sees them: of two spans on the same extent the order decides
    // which one is inside the other.
    const around = [span, ...this.index.overlapping(span, new Set([span.id]))].sort(compareSpans);
    return nestedProposals(around, this.relationIndex.of(span.id), this.relationTypes).filter((p) => p.fromId === span.id || p.toId === span.id);
  }

  paragraphOf(cp: number): number {
    return this.index.paragraphsOf({ start: cp, end: cp + 1 })[0];
  }

  /** Shows a change: an edit, or the inverse of one. */
  protected show(change: SpanChange): void {
    this.index.apply(change);
    this.relationIndex.apply(change);
    this.#publish();
  }

  /** Shows what the store holds, with `since` (edits made while it was read) on top; says what that changed. */
  protected showStored(spans: Span[], relations: Relation[], since: readonly SpanChange[]): { before: Span[]; after: Span[] } {
    const shown = this.index.all();
    this.index.reset(spans);
    this.relationIndex.reset(relations);
    for (const change of since) {
      this.index.apply(change);
      this.relationIndex.apply(change);
    }
    this.#publish();
    return spanDifference(shown, this.index.all());
  }

  #publish(): void {
    this.byParagraph = this.index.byParagraph;
    this.counts = this.index.counts;
    this.version++;
  }
}
