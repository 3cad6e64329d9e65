/** Projects, documents and the paragraphs a document's text falls into. */
import type { RelationTypeSet } from './relations.ts';
import type { LabelSet } from './labels.ts';

export type DocStatus = 'new' | 'in-progress' | 'done' | 'reviewed';

export interface Project {
  id: string;
  name: string;
  labels: LabelSet;
  createdAt: number;
  /** The project's dictionary: terms and their labels, suggested wherever they occur. */
  dictionary?: [term: string, label: string][];
  /** Suggestions the user rejected, as `LABEL|text`: they do not come back for the same text. */
  rejected?: string[];
  /** Relation types of the project; absent: DEFAULT_RELATION_TYPES. */
  relationTypes?: RelationTypeSet;
}

export interface Doc {
  id: string;
  projectId: string;
  title: string;
  /** Never changes once the document has spans: every offset points into it. */
  text: string;
  /** Hash of `text` (hashText): finds duplicates and keys the token cache. */
  textHash: string;
  /** Hash of the text as it was before cleaning (a file's own text), so a re-import is recognised. */
  sourceHash?: string;
  status: DocStatus;
  createdAt: number;
  updatedAt: number;
}

/** A line of the text, code points [start, end), the newline excluded. */
export interface Paragraph {
  index: number;
  start: number;
  end: number;
  /** The same range in UTF-16 units of the document text. */
  unitStart: number;
  unitEnd: number;
}

/** Splits at every "\n"; each line is one paragraph (empty lines too, so offsets stay contiguous). */
export function splitParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  let unitStart = 0;
  let cp = 0;
  let astral = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 10;
    if (c === 10) {
      const start = cp;
      const end = i - astral;
      out.push({ index: out.length, start, end, unitStart, unitEnd: i });
      unitStart = i + 1;
      cp = end + 1;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        astral++;
        i++;
      }
    }
  }
  return out;
}

/** Index of the paragraph holding code point `cp` (the last one for cp at the very end). */
export function paragraphAt(paragraphs: readonly Paragraph[], cp: number): number {
  let lo = 0;
  let hi = paragraphs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (paragraphs[mid]!.start <= cp) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** 64-bit FNV-1a over UTF-16 units, as 16 hex digits: a content key, not a security hash. */
export function hashText(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h1 >>> 13);
  }
  return ((h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0')) + text.length.toString(16);
}

/** First line of the text, shortened: the default title of a pasted document. */
export function titleFromText(text: string, max = 30): string {
  const line = text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
  const chars = Array.from(line);
  return chars.length > max ? chars.slice(0, max).join('') + '…' : line || '未命名 Untitled';
}
