/**
 * CLUENER2020 (https://github.com/CLUEbenchmark/CLUENER2020): JSON lines, one sentence each,
 *   {"text": "…", "label": {"TYPE": {"mention": [[start, end], …]}, …}}
 *
 * OFFSET RULE: offsets count CODE POINTS and the END IS INCLUSIVE: the mention is
 * `Array.from(text).slice(start, end + 1)` (Python `text[start:end+1]`). '𠀀利安隆' tags 利安隆 as
 * [1, 3]; in Zhengbiao's spans (end exclusive) that is [1, 4). The mention key must equal the text at
 * each of its offsets; a difference is an import error naming the field (`label.name["彭小军"][0]`).
 *
 * Import: blank lines are skipped, CRLF and a byte-order mark are fine. A row without `label` (CLUENER's
 * unlabelled test split) is a document without spans. Rows may carry other keys; an `id`, when present,
 * becomes the document id; the title is that id, else `<file name> #<line>`. Spans come out in document
 * order (start, then longer first, then label), since the order of types and mentions in a row means
 * nothing. The label map is walked by hand rather than by a zod record, which would drop a key named
 * "__proto__".
 *
 * Export: one row per document, `{"text", "label"}` and nothing else (CLUENER rows have neither id nor
 * title: both are lost, and a re-import titles documents `<file name> #<line>`). The spans of a label
 * with the same text share one mention key, their occurrences in document order; nested and
 * overlapping spans are all kept. The format's `extension` is "json", as the CLUENER files are named,
 * though the content is JSON lines.
 */
import { z } from 'zod';
import { OffsetMap } from '../core/offsets.ts';
import { compareSpans } from '../core/spans.ts';
import { describeValue, fieldError, isPlainObject, issuePath, missingOr, readJsonLines, stripBom, type JsonPath } from './json-source.ts';
import { readEach, type DatasetDocument, type DatasetSpan, type ExportDocument, type Format, type FormatError, type ParseResult } from './types.ts';
import { verifyForExport } from './verify.ts';

// ---------------------------------------------------------------------------------------------------
// Schema

const offset = z.int({ error: missingOr('a whole number of code points') }).min(0, { error: 'must not be negative' });

/** The occurrences of one mention: `[[start, end], …]`, end inclusive. */
export const cluenerOccurrencesSchema = z.array(
  z.tuple([offset, offset], { error: (iss) => `must be [start, end], not ${describeValue(iss.input)}` }),
  { error: missingOr('a list of [start, end] (end inclusive)') },
);

/** One row, without its `label` map (checked by hand, see the header). Unknown keys are dropped. */
export const cluenerRecordSchema = z.object(
  {
    id: z.union([z.string(), z.number()], { error: missingOr('a string or number') }).nullish(),
    text: z.string({ error: missingOr('the document text (string)') }),
    label: z.unknown().optional(),
  },
  { error: (iss) => `a record must be a JSON object, not ${describeValue(iss.input)}` },
);

// ---------------------------------------------------------------------------------------------------
// Import

function byDocumentOrder(a: DatasetSpan, b: DatasetSpan): number {
  return a.start - b.start || b.end - a.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
}

function toDocument(value: unknown, line: number, file: string, errors: FormatError[]): DatasetDocument | null {
  const err = (path: JsonPath, message: string) =>
    errors.push(fieldError(file, line, path, message));

  const result = cluenerRecordSchema.safeParse(value);
  if (!result.success) {
    for (const iss of result.error.issues) err(issuePath(iss.path), iss.message);
    return null;
  }
  const rec = result.data;
  const map = new OffsetMap(rec.text);
  const spans: DatasetSpan[] = [];
  let ok = true;
  const fail = (path: JsonPath, message: string) => {
    err(path, message);
    ok = false;
  };

  if (rec.label !== undefined && rec.label !== null) {
    if (!isPlainObject(rec.label)) {
      fail(['label'], `must be an object {TYPE: {mention: [[start, end], …]}}, not ${describeValue(rec.label)}`);
    } else {
      for (const [type, mentions] of Object.entries(rec.label)) {
        const typePath = ['label', type];
        if (type === '') fail(typePath, 'label name is empty');
        if (!isPlainObject(mentions)) {
          fail(typePath, `must be an object {mention: [[start, end], …]}, not ${describeValue(mentions)}`);
          continue;
        }
        for (const [mention, occurrences] of Object.entries(mentions)) {
          const mentionPath = [...typePath, mention];
          const r = cluenerOccurrencesSchema.safeParse(occurrences);
          if (!r.success) {
            for (const iss of r.error.issues) fail([...mentionPath, ...issuePath(iss.path)], iss.message);
            continue;
          }
          r.data.forEach(([start, end], k) => {
            if (end < start) {
              fail([...mentionPath, k, 1], `end ${end} is before start ${start} (end is inclusive)`);
            } else if (end >= map.length) {
              fail(
                [...mentionPath, k, start >= map.length ? 0 : 1],
                `span [${start}, ${end}] goes beyond the text, which is ${map.length} code points long (end is inclusive)`,
              );
            } else {
              const actual = map.slice(start, end + 1);
              if (actual !== mention) {
                fail([...mentionPath, k], `the text at [${start}, ${end}] is ${JSON.stringify(actual)}, not the mention ${JSON.stringify(mention)}`);
              } else if (type !== '') {
                spans.push({ start, end: end + 1, label: type, text: actual });
              }
            }
          });
        }
      }
    }
  }
  if (!ok) return null;

  const id = rec.id === null || rec.id === undefined ? undefined : String(rec.id);
  return { ...(id !== undefined ? { id } : {}), title: id ?? `${file} #${line}`, text: rec.text, spans: spans.sort(byDocumentOrder) };
}

export function parseCluener(content: string, fileName: string): ParseResult {
  const errors: FormatError[] = [];
  const documents: DatasetDocument[] = [];
  for (const { value, line } of readJsonLines(stripBom(content), fileName, errors)) {
    const doc = toDocument(value, line, fileName, errors);
    if (doc) documents.push(doc);
  }
  if (errors.length > 0) {
    errors.sort((a, b) => a.line - b.line); // stable: keeps the order within a line
    return { ok: false, errors };
  }
  return { ok: true, documents };
}

// ---------------------------------------------------------------------------------------------------
// Export

export function serializeCluener(docs: ExportDocument[]): string {
  verifyForExport(docs);
  let out = '';
  for (const d of docs) {
    // Null-prototype maps: a label or mention named "__proto__" is an ordinary key.
    const label: Record<string, Record<string, [number, number][]>> = Object.create(null) as Record<string, Record<string, [number, number][]>>;
    for (const s of [...d.spans].sort(compareSpans)) {
      const mentions = (label[s.label] ??= Object.create(null) as Record<string, [number, number][]>);
      (mentions[s.text] ??= []).push([s.start, s.end - 1]);
    }
    out += JSON.stringify({ text: d.text, label }) + '\n';
  }
  return out;
}

export const cluener: Format = {
  id: 'cluener',
  name: 'CLUENER JSON lines',
  extension: 'json',
  nesting: true,
  relations: false,
  read: (files) => readEach(files, parseCluener),
  write: (docs, options) => ({ files: [{ name: `${options?.baseName ?? 'dataset'}.json`, content: serializeCluener(docs) }], report: [] }),
};
