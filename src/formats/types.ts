/**
 * Shared shapes of the dataset formats (src/formats/*): what an import yields, what an export takes,
 * and the errors of both. Offsets everywhere are code points, end exclusive, as in src/core.
 */
import type { Relation } from '../core/relations.ts';
import type { Span } from '../core/spans.ts';

/** A span as read from a file: `text` is the document text between the offsets, computed on import. */
export interface DatasetSpan {
  start: number;
  end: number;
  label: string;
  text: string;
}

/** A relation as read from a file: its ends are indexes into the document's `spans`. */
export interface DatasetRelation {
  type: string;
  from: number;
  to: number;
}

/** One document read from a file, before it becomes a Doc of a project. */
export interface DatasetDocument {
  /** The file's own id of the record (numbers become strings), when it has one. */
  id?: string;
  title: string;
  text: string;
  spans: DatasetSpan[];
  /** Only formats that hold relations (Format.relations) fill this; absent or empty: none. */
  relations?: DatasetRelation[];
}

/** One problem of an import. `line` is 1-based; `field` is a path inside the record, e.g. `label[2][1]`. */
export interface FormatError {
  file: string;
  line: number;
  field?: string;
  message: string;
}

/** "file:line: field: message" (the field part left out when there is none). */
export function formatErrorMessage(e: FormatError): string {
  return e.field === undefined || e.field === ''
    ? `${e.file}:${e.line}: ${e.message}`
    : `${e.file}:${e.line}: ${e.field}: ${e.message}`;
}

/** Either every document of the file, or every error found in it (never a partial import). */
export type ParseResult = ({ ok: true; documents: DatasetDocument[] } | { ok: false; errors: FormatError[] }) & {
  /** What the file held that did not become spans or relations (e.g. brat events and notes), file and line each. */
  notes?: string[];
};

/** A document with its spans, as handed to a serializer. */
export interface ExportDocument {
  id: string;
  title: string;
  text: string;
  spans: Span[];
  /** Relations between `spans` (by span id); formats without relations leave them out. */
  relations?: Relation[];
}

/** How character tags mark spans: B-I-O, B-I-E-S-O, or B-M-E-S-O. */
export type TagScheme = 'bio' | 'bioes' | 'bmes';

/**
 * What a format that cannot hold nested or overlapping spans keeps: the outermost spans, the innermost,
 * or every label in a file of its own (`split`).
 */
export type NestingPolicy = 'outer' | 'inner' | 'split';

export interface ExportOptions {
  /** For tag formats (conll, conll-words, hf). Default `bio`. */
  scheme?: TagScheme;
  /** For formats without nesting. Default `outer`. */
  nested?: NestingPolicy;
  /** Name of the output without extension, e.g. `train`; formats add their own extension(s). */
  baseName?: string;
  /** Word boundaries per document id, for word-level formats (conll-words). */
  words?: ReadonlyMap<string, Uint32Array>;
  /** Every label of the project, so that label lists (hf) are the same in every part of a split. */
  labels?: readonly string[];
}

/** A file to read or written: `name` may contain `/` (a folder, e.g. brat's one pair per document). */
export interface DataFile {
  name: string;
  content: string;
  /** The same file as UTF-8, when its writer produced bytes (utf8.ts): save these, not `content`. */
  bytes?: Uint8Array;
}

export interface ExportResult {
  files: DataFile[];
  /** What the format could not hold and was flattened or dropped, one line each; empty when nothing. */
  report: string[];
}

export interface Format {
  /** Stable key, e.g. `doccano`. */
  id: string;
  /** Shown to people, e.g. `doccano JSONL`. */
  name: string;
  /** File name extension without the dot, e.g. `jsonl`. */
  extension: string;
  /** Whether nested and overlapping spans survive a round trip; if not, ExportOptions.nested applies. */
  nesting: boolean;
  /** Whether relations between spans survive a round trip (doccano, brat, label-studio). */
  relations: boolean;
  /**
   * Reads the files of one dataset (most formats: one file; brat: .txt/.ann pairs; hf: the jsonl and
   * its labels.json). Never throws for bad content: every problem comes back in `errors`. Absent for
   * export-only formats.
   */
  read?(files: DataFile[]): ParseResult;
  /** Throws ExportError (before producing anything) when a span does not match its document text. */
  write(docs: ExportDocument[], options?: ExportOptions): ExportResult;
}

/** A span that may not be exported, and why. */
export interface ExportProblem {
  docId: string;
  docTitle: string;
  spanId: string;
  label: string;
  start: number;
  end: number;
  /** Why, in words, e.g. `text differs` or `offsets outside the text (length 12)`. */
  reason: string;
  /** The text the span stored when it was made. */
  expected: string;
  /** The document text between the span's offsets now (empty when the offsets are unusable). */
  actual: string;
}

export function exportProblemMessage(p: ExportProblem): string {
  return (
    `document "${p.docTitle}" (id ${p.docId}): span ${p.label} [${p.start}, ${p.end}) (id ${p.spanId}): ` +
    `${p.reason}: expected ${JSON.stringify(p.expected)}, actual ${JSON.stringify(p.actual)}`
  );
}

/** Thrown by serializers before they write anything; `problems` lists every bad span of the export. */
export class ExportError extends Error {
  readonly problems: readonly ExportProblem[];

  constructor(problems: readonly ExportProblem[]) {
    const n = problems.length;
    super(
      `Export refused: ${n} span${n === 1 ? '' : 's'} no longer match${n === 1 ? 'es' : ''} the document text:\n` +
        problems.map((p) => '  ' + exportProblemMessage(p)).join('\n'),
    );
    this.name = 'ExportError';
    this.problems = problems;
  }
}

/**
 * Reads each file with `parse` (a one-file format) and joins the results: all documents, or all
 * errors; and every file's notes either way.
 */
export function readEach(files: readonly DataFile[], parse: (content: string, fileName: string) => ParseResult): ParseResult {
  const documents: DatasetDocument[] = [];
  const errors: FormatError[] = [];
  const notes: string[] = [];
  for (const f of files) {
    const r = parse(f.content, f.name);
    if (r.ok) documents.push(...r.documents);
    else errors.push(...r.errors);
    if (r.notes) notes.push(...r.notes);
  }
  const result: ParseResult = errors.length > 0 ? { ok: false, errors } : { ok: true, documents };
  return notes.length > 0 ? { ...result, notes } : result;
}
