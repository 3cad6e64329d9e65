/**
 * Linking two spans from the keyboard or the mouse: started on a span, it offers the spans a relation
 * type allows as the other end (the proposed ones first: a TARGET around a METRIC; then the nearest),
 * steps through them, and makes the link — or, when the two are linked already by that type, removes it,
 * so the same keys undo a link as make it.
 */
import { linkOptions, nestedProposals, type LinkOption, type Relation, type Span } from '../core/index.ts';
import type { DocumentSession } from './document-session.svelte.ts';

export interface Candidate {
  span: Span;
  option: LinkOption;
  /** The relation that already joins the two by this type: choosing the candidate removes it. */
  existing?: Relation;
}

export class LinkMode {
  readonly from: Span;
  readonly candidates: Candidate[];
  index = $state(0);
  readonly #session: DocumentSession;

  constructor(session: DocumentSession, from: Span) {
    this.#session = session;
    this.from = from;
    this.candidates = candidatesFor(session, from);
  }

  get current(): Candidate | undefined {
    return this.candidates[this.index];
  }

  step(dir: 1 | -1): Candidate | undefined {
    const n = this.candidates.length;
    if (n === 0) return undefined;
    this.index = (this.index + dir + n) % n;
    return this.current;
  }

  /** Makes (or removes) the link to the current candidate, or to the span `spanId` when given. */
  async choose(spanId?: string): Promise<boolean> {
    const c = spanId === undefined ? this.current : this.candidates.find((x) => x.span.id === spanId);
    if (!c) return false;
    return c.existing ? this.#session.unlink(c.existing.id) : this.#session.link(c.option);
  }

  /** Whether a click on the spans `ids` (outermost first) would hit a candidate: the innermost one. */
  candidateAmong(ids: string[]): string | undefined {
    return [...ids].reverse().find((id) => this.candidates.some((c) => c.span.id === id));
  }
}

function candidatesFor(session: DocumentSession, from: Span): Candidate[] {
  const proposed = new Set(
    nestedProposals(session.spans(), session.relations(), session.relationTypes)
      .filter((p) => p.fromId === from.id || p.toId === from.id)
      .map((p) => (p.fromId === from.id ? p.toId : p.fromId)),
  );
  const links = session.relationsOf(from.id);
  const out: Candidate[] = [];
  for (const span of session.spans()) {
    // One candidate per type the pair allows (the default types allow at most one per pair of labels).
    for (const option of linkOptions(session.relationTypes, from, span)) {
      const existing = links.find((r) => r.type === option.type && r.fromId === option.fromId && r.toId === option.toId);
      out.push(existing ? { span, option, existing } : { span, option });
    }
  }
  const distance = (s: Span) => Math.max(0, s.start - from.end, from.start - s.end);
  return out.sort((a, b) => Number(proposed.has(b.span.id)) - Number(proposed.has(a.span.id)) || distance(a.span) - distance(b.span) || a.span.start - b.span.start);
}
