/**
 * Character (or word) tags: spans as one tag per position, and back. Positions are whatever the caller
 * counts: code points of a document (never UTF-16 units, so 𠀀 is one position and no surrogate pair is
 * ever split) or words of a segmentation.
 *
 * Writing, per scheme (a span of one position / of several):
 *  - `bio`:   B-X            / B-X I-X … I-X
 *  - `bioes`: S-X            / B-X I-X … I-X E-X
 *  - `bmes`:  S-X            / B-X M-X … M-X E-X
 * and O outside spans. A white-space character inside a span is tagged like any other (I-X); that spans
 * never start or end on white space is the annotation rules' business (trimToContent), not this module's.
 *
 * Reading is tolerant, because real files are not clean (IOB1 files start spans with I-, BILUO files
 * use L- and U-): B- begins a span; I- and M- continue a span of the same label, and otherwise begin
 * one (reported); E- and L- end a span of the same label, and otherwise make a one-position span
 * (reported); S- and U- make a one-position span; O ends the open span. A label change in the middle
 * of a span ends the open span and begins a new one (reported). The label is everything after the
 * first "-": `B-PER.NAM` is PER.NAM, `B-ORG-X` is ORG-X. Every oddity comes back in `problems`: they
 * are warnings, the spans are still read.
 */

/** How tags mark spans (the same as src/formats TagScheme). */
export type TagScheme = 'bio' | 'bioes' | 'bmes';

export const TAG_SCHEMES: readonly TagScheme[] = ['bio', 'bioes', 'bmes'];

export interface TaggedSpan {
  start: number;
  end: number;
  label: string;
}

export interface TagProblem {
  /** Position of the tag the problem was found at. */
  index: number;
  message: string;
}

/** Prefixes read (L and U are BILUO's names for E and S). */
export type TagPrefix = 'B' | 'I' | 'M' | 'E' | 'L' | 'S' | 'U';

export type ParsedTag = { prefix: 'O' } | { prefix: TagPrefix; label: string };

const TAG = /^([BIMELSU])-(.+)$/su;

/** The parts of a tag, or null when it is not one (`O`, or a prefix B/I/M/E/L/S/U, "-" and a label). */
export function parseTag(tag: string): ParsedTag | null {
  if (tag === 'O') return { prefix: 'O' };
  const m = TAG.exec(tag);
  return m ? { prefix: m[1] as TagPrefix, label: m[2]! } : null;
}

/** Prefixes each scheme writes; L and U are accepted as BIOES (BILUO) without a problem. */
const SCHEME_PREFIXES: Record<TagScheme, ReadonlySet<TagPrefix>> = {
  bio: new Set(['B', 'I']),
  bioes: new Set(['B', 'I', 'E', 'S', 'L', 'U']),
  bmes: new Set(['B', 'M', 'E', 'S']),
};

/** The prefixes a scheme writes for one label, in order. */
const WRITTEN: Record<TagScheme, readonly string[]> = { bio: ['B', 'I'], bioes: ['B', 'I', 'E', 'S'], bmes: ['B', 'M', 'E', 'S'] };

/** Every tag of `labels` under `scheme`: `O` first, then each label's tags (e.g. B-X, I-X) in label order given. */
export function tagNames(labels: Iterable<string>, scheme: TagScheme): string[] {
  const out = ['O'];
  for (const l of labels) for (const p of WRITTEN[scheme]) out.push(`${p}-${l}`);
  return out;
}

/**
 * The scheme of a tag sequence: any M- means bmes (BMES has S- and E- too, so M- is looked at first),
 * else any S-, E-, L- or U- means bioes, else bio. Accepts any iterable, e.g. every tag of a file.
 */
export function detectScheme(tags: Iterable<string>): TagScheme {
  let ends = false;
  for (const t of tags) {
    const c = t.charCodeAt(0);
    if (t.charCodeAt(1) !== 0x2d /* - */) continue;
    if (c === 0x4d /* M */) return 'bmes';
    if (c === 0x53 /* S */ || c === 0x45 /* E */ || c === 0x4c /* L */ || c === 0x55 /* U */) ends = true;
  }
  return ends ? 'bioes' : 'bio';
}

/**
 * One tag per position 0..length-1. Spans must not overlap (flatten them first) and must lie inside
 * [0, length) with at least one position; otherwise this throws, naming the spans.
 */
export function spansToTags(length: number, spans: readonly TaggedSpan[], scheme: TagScheme): string[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const tags = new Array<string>(length).fill('O');
  const name = (s: TaggedSpan) => `${s.label} [${s.start},${s.end})`;
  let prev: TaggedSpan | null = null;
  for (const s of sorted) {
    if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end > length || s.end <= s.start) {
      throw new Error(`span ${name(s)} does not fit positions [0,${length})`);
    }
    if (s.label === '') throw new Error(`span ${name(s)} has an empty label`);
    if (prev && prev.end > s.start) throw new Error(`spans ${name(prev)} and ${name(s)} overlap: flatten them before tagging`);
    prev = s;
    const l = s.label;
    if (s.end - s.start === 1) {
      tags[s.start] = scheme === 'bio' ? `B-${l}` : `S-${l}`;
      continue;
    }
    const inside = scheme === 'bmes' ? `M-${l}` : `I-${l}`;
    tags[s.start] = `B-${l}`;
    for (let i = s.start + 1; i < s.end; i++) tags[i] = inside;
    if (scheme !== 'bio') tags[s.end - 1] = `E-${l}`;
  }
  return tags;
}

/** Spans of a tag sequence (tolerant, see the header), in order, and every oddity met on the way. */
export function tagsToSpans(
  tags: readonly string[],
  scheme: TagScheme = detectScheme(tags),
): { spans: TaggedSpan[]; problems: TagProblem[] } {
  const spans: TaggedSpan[] = [];
  const problems: TagProblem[] = [];
  const allowed = SCHEME_PREFIXES[scheme];
  const closes = scheme !== 'bio'; // bioes and bmes close every longer span with E-
  let open: { start: number; label: string } | null = null;

  /** Ends the open span before position i; `byEnd` when an E-/L- tag at i-1 closed it. */
  const close = (i: number, byEnd = false) => {
    if (!open) return;
    if (closes && !byEnd) {
      const n = i - open.start;
      problems.push({
        index: i - 1,
        message:
          n === 1
            ? `${open.label} span [${open.start},${i}) of one position is tagged B-, not S-`
            : `${open.label} span [${open.start},${i}) does not end with E-${open.label}`,
      });
    }
    spans.push({ start: open.start, end: i, label: open.label });
    open = null;
  };

  tags.forEach((tag, i) => {
    const t = parseTag(tag);
    if (t === null) {
      problems.push({ index: i, message: `${JSON.stringify(tag)} is not a tag (O, or B/I/M/E/L/S/U, "-" and a label); read as O` });
      close(i);
      return;
    }
    if (t.prefix === 'O') {
      close(i);
      return;
    }
    const { prefix, label } = t;
    if (!allowed.has(prefix)) problems.push({ index: i, message: `${tag} is not a ${scheme.toUpperCase()} tag; read anyway` });
    switch (prefix) {
      case 'B':
        close(i);
        open = { start: i, label };
        return;
      case 'I':
      case 'M':
        if (open?.label === label) return;
        problems.push({
          index: i,
          message: open
            ? `${tag} follows a ${open.label} span: that span ends and a ${label} span begins here`
            : `${tag} without B-${label} before it: a ${label} span begins here`,
        });
        close(i);
        open = { start: i, label };
        return;
      case 'E':
      case 'L':
        if (open?.label === label) {
          close(i + 1, true);
          return;
        }
        problems.push({
          index: i,
          message: open
            ? `${tag} follows a ${open.label} span: that span ends and ${tag} is a ${label} span of its own`
            : `${tag} without B-${label} before it: read as a ${label} span of one position`,
        });
        close(i);
        spans.push({ start: i, end: i + 1, label });
        return;
      case 'S':
      case 'U':
        close(i);
        spans.push({ start: i, end: i + 1, label });
        return;
    }
  });
  close(tags.length);
  return { spans, problems };
}
