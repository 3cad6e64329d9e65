/**
 * Hugging Face token classification JSONL, for `datasets.load_dataset("json", data_files=...)`:
 * one line per DOCUMENT, `{"id", "title", "tokens": [...], "ner_tags": [...]}`, and a labels file,
 * the list of tag names that the integer `ner_tags` index into (`["O", "B-METRIC", "I-METRIC", ...]`),
 * for a ClassLabel feature or a model's id2label.
 *
 * OFFSET RULE: tokens are CODE POINTS, one token each (𠀀 is one token, never two surrogate halves),
 * and EVERY character is a token, white space and "\n" included, so `tokens.join("")` is exactly the
 * document text and token i is code point i. (A document is not cut into sentences here; the dataset
 * export's sentence unit does that before, if wanted.)
 *
 * Export (`writeHf`): `<base>.jsonl` and `<base>.labels.json`. The labels file is `O`, then for every
 * label in code-unit order its tags in scheme order (bio: B, I; bioes: B, I, E, S; bmes: B, M, E, S),
 * all of them whether used or not. The labels are those of the exported spans, or `options.labels`
 * when given (then every exported label must be in it). The file is named after the base so that a
 * train/dev/test export does not write three files of one name. NOTE: without `labels`, each part
 * lists the labels of its own spans, so the lists of train and dev may differ (a label missing from
 * dev shifts every index after it): pass the project's labels when writing a split. Tags per `options.scheme` (default `bio`); nested and overlapping spans flattened by
 * `options.nested` (`outer` default, `inner`, or `split`: `<base>.<LABEL>.jsonl` per label, one labels
 * file for all), every dropped span reported.
 *
 * Import (`readHf`): the JSONL files and their labels file among `files`. The labels file of
 * `x/train.jsonl` is `x/train.labels.json`, else `x/labels.json`, else `labels.json`, else the only
 * file named `*labels.json` (a JSON list of tag names). `ner_tags` may be integers (indices into it) or
 * tag strings (then no labels file is needed). Records: JSON lines (blank lines skipped, CRLF fine),
 * other keys ignored; title = `title`, else `id`, else `<file> #<line>`. Text: `tokens.join("")` when
 * every token of the file is one character (as written above), else the tokens joined by one space
 * (word-level sets such as conll2003 on the Hub), spans covering their tokens and the spaces between.
 * Tags read tolerantly (core/tagging, scheme detected per file); the oddities are the result's
 * `notes`. Errors (each with file, line and field, nothing imported): not JSON, a record
 * without `tokens`/`ner_tags` lists, an empty token, lists of different lengths, a tag index outside
 * the labels (or integer tags without a labels file), a tag name that is not a tag, a labels file that
 * is not a list of tag names.
 */
import { z } from 'zod';
import { OffsetMap, codePointLength } from '../core/offsets.ts';
import { detectScheme, parseTag, spansToTags, tagNames, tagsToSpans } from '../core/tagging.ts';
import { exportParts, isWordFile, settingsOf } from './conll.ts';
import type {
  DataFile,
  DatasetDocument,
  DatasetSpan,
  ExportDocument,
  ExportOptions,
  ExportResult,
  Format,
  FormatError,
  ParseResult,
} from './types.ts';
import { verifyForExport } from './verify.ts';

/** ExportOptions.labels: every label of the project, so that all parts of a split share one labels file. */
export type HfExportOptions = ExportOptions;

// ---------------------------------------------------------------------------------------------------
// Export

export function writeHf(docs: ExportDocument[], options?: HfExportOptions): ExportResult {
  verifyForExport(docs);
  const { scheme, nested, baseName } = settingsOf(options);
  const used = new Set<string>();
  for (const d of docs) for (const s of d.spans) used.add(s.label);
  if (options?.labels) {
    const missing = [...used].filter((l) => !options.labels!.includes(l));
    if (missing.length > 0) throw new Error(`hf: labels ${missing.map((l) => JSON.stringify(l)).join(', ')} are used but not in options.labels`);
  }
  const labels = [...new Set(options?.labels ?? used)].sort();
  const names = tagNames(labels, scheme);
  const index = new Map(names.map((n, i) => [n, i]));
  const report: string[] = [];
  const files: DataFile[] = [];
  for (const part of exportParts(docs, nested, (d) => d.spans)) {
    let content = '';
    for (const doc of docs) {
      const tokens = Array.from(doc.text);
      const tags = spansToTags(tokens.length, part.pick(doc, report), scheme);
      const ner_tags = tags.map((t) => index.get(t)!);
      content += JSON.stringify({ id: doc.id, title: doc.title, tokens, ner_tags }) + '\n';
    }
    files.push({ name: `${baseName}${part.suffix}.jsonl`, content });
  }
  files.push({ name: `${baseName}.labels.json`, content: JSON.stringify(names) + '\n' });
  return { files, report };
}

// ---------------------------------------------------------------------------------------------------
// Import

const hfRecordSchema = z.object(
  {
    id: z.union([z.string(), z.number()]).nullish(),
    title: z.string().nullish(),
    tokens: z.array(z.string({ error: 'a token must be a string' }), { error: 'missing; must be a list of strings' }),
    ner_tags: z.array(z.union([z.int().min(0), z.string()], { error: 'a tag must be a whole number (index into the labels) or a tag name' }), {
      error: 'missing; must be a list of tags',
    }),
  },
  { error: 'a record must be a JSON object' },
);

const labelsSchema = z.array(z.string(), { error: 'must be a JSON list of tag names' });

/** What `readHf` found: the documents or errors, and the tag oddities read anyway (`file:line: ...`). */
export interface HfRead {
  result: ParseResult;
  notes: string[];
}

const isLabelsFile = (name: string) => name === 'labels.json' || name.endsWith('/labels.json') || name.endsWith('.labels.json');

function dirOf(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash < 0 ? '' : name.slice(0, slash + 1);
}

function stemOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > name.lastIndexOf('/') ? name.slice(0, dot) : name;
}

function readLabels(f: DataFile, errors: FormatError[]): string[] | null {
  let value: unknown;
  try {
    value = JSON.parse(f.content.charCodeAt(0) === 0xfeff ? f.content.slice(1) : f.content);
  } catch (e) {
    errors.push({ file: f.name, line: 1, message: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` });
    return null;
  }
  const r = labelsSchema.safeParse(value);
  if (!r.success) {
    errors.push({ file: f.name, line: 1, message: r.error.issues[0]!.message });
    return null;
  }
  let ok = true;
  r.data.forEach((name, i) => {
    if (parseTag(name) === null) {
      errors.push({ file: f.name, line: 1, field: `[${i}]`, message: `${JSON.stringify(name)} is not a tag (O, or B/I/M/E/L/S/U, "-" and a label)` });
      ok = false;
    }
  });
  return ok ? r.data : null;
}

interface Rec {
  line: number;
  id?: string;
  title?: string;
  tokens: string[];
  tags: string[];
}

function readRecords(f: DataFile, labels: { names: string[]; file: string } | null, errors: FormatError[]): Rec[] {
  const content = f.content.charCodeAt(0) === 0xfeff ? f.content.slice(1) : f.content;
  const out: Rec[] = [];
  content.split('\n').forEach((text, k) => {
    const line = k + 1;
    if (text.trim() === '') return;
    const err = (message: string, field?: string) => errors.push({ file: f.name, line, ...(field ? { field } : {}), message });
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      err(`not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    const r = hfRecordSchema.safeParse(value);
    if (!r.success) {
      for (const iss of r.error.issues) err(iss.message, iss.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join(''));
      return;
    }
    const { tokens, ner_tags, id, title } = r.data;
    let ok = true;
    if (tokens.length !== ner_tags.length) {
      err(`${ner_tags.length} tags for ${tokens.length} tokens`, 'ner_tags');
      ok = false;
    }
    tokens.forEach((t, i) => {
      if (t === '') {
        err('a token is empty', `tokens[${i}]`);
        ok = false;
      }
    });
    const tags: string[] = [];
    ner_tags.forEach((t, i) => {
      if (typeof t === 'number') {
        if (labels === null) {
          if (ok) err('integer tags need a labels file (labels.json) among the files, or tag names instead', `ner_tags[${i}]`);
          ok = false;
          return;
        }
        const name = labels.names[t];
        if (name === undefined) {
          err(`tag ${t} is not in ${labels.file} (${labels.names.length} tags)`, `ner_tags[${i}]`);
          ok = false;
        } else tags.push(name);
      } else if (parseTag(t) === null) {
        err(`${JSON.stringify(t)} is not a tag (O, or B/I/M/E/L/S/U, "-" and a label)`, `ner_tags[${i}]`);
        ok = false;
      } else tags.push(t);
    });
    if (!ok) return;
    out.push({
      line,
      ...(id === null || id === undefined ? {} : { id: String(id) }),
      ...(title ? { title } : {}),
      tokens,
      tags,
    });
  });
  return out;
}

export function readHf(files: readonly DataFile[]): HfRead {
  const errors: FormatError[] = [];
  const notes: string[] = [];
  const labelFiles = files.filter((f) => isLabelsFile(f.name));
  const parsedLabels = new Map<string, string[] | null>();
  const labelsFor = (data: string): { names: string[]; file: string } | null => {
    const byName = new Map(labelFiles.map((f) => [f.name, f]));
    const f =
      byName.get(`${stemOf(data)}.labels.json`) ??
      byName.get(`${dirOf(data)}labels.json`) ??
      byName.get('labels.json') ??
      (labelFiles.length === 1 ? labelFiles[0] : undefined);
    if (!f) return null;
    if (!parsedLabels.has(f.name)) parsedLabels.set(f.name, readLabels(f, errors));
    const names = parsedLabels.get(f.name);
    return names ? { names, file: f.name } : null;
  };

  const documents: DatasetDocument[] = [];
  for (const f of files) {
    if (isLabelsFile(f.name)) continue;
    const before = errors.length;
    const labels = labelsFor(f.name);
    if (errors.length > before) continue; // the labels file is broken: said once, records not read
    const records = readRecords(f, labels, errors);
    if (errors.length > before) continue;
    const words = isWordFile(records.flatMap((r) => r.tokens));
    const scheme = detectScheme(records.flatMap((r) => r.tags));
    for (const r of records) {
      const text = r.tokens.join(words ? ' ' : '');
      const starts: number[] = [];
      const ends: number[] = [];
      let cp = 0;
      r.tokens.forEach((t, k) => {
        if (words && k > 0) cp++;
        starts.push(cp);
        cp += codePointLength(t);
        ends.push(cp);
      });
      const { spans: found, problems } = tagsToSpans(r.tags, scheme);
      for (const p of problems) notes.push(`${f.name}:${r.line}: ner_tags[${p.index}]: ${p.message}`);
      const map = new OffsetMap(text);
      const spans: DatasetSpan[] = found.map((s) => {
        const start = starts[s.start]!;
        const end = ends[s.end - 1]!;
        return { start, end, label: s.label, text: map.slice(start, end) };
      });
      documents.push({
        ...(r.id !== undefined ? { id: r.id } : {}),
        title: r.title ?? r.id ?? `${f.name} #${r.line}`,
        text,
        spans,
      });
    }
  }
  if (errors.length > 0) {
    return { result: { ok: false, errors }, notes: [] };
  }
  return { result: { ok: true, documents }, notes };
}

export const hf: Format = {
  id: 'hf',
  name: 'Hugging Face token classification (JSONL + labels)',
  extension: 'jsonl',
  nesting: false,
  relations: false,
  read: (files) => {
    const { result, notes } = readHf(files);
    return notes.length > 0 ? { ...result, notes } : result;
  },
  write: writeHf,
};
