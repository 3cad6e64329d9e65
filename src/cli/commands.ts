/** The commands of `zhengbiao`, over the same modules as the app. Each returns the exit code. */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { agreementMatrix, type LayerDoc } from '../core/agreement.ts';
import { newId } from '../core/index.ts';
import { readMetric } from '../core/metric-value.ts';
import {
  ExportError,
  fileBytes,
  exportDataset,
  formatById,
  formatErrorMessage,
  formats,
  type DatasetDocument,
  type ExportDocument,
  type NestingPolicy,
  type TagScheme,
} from '../formats/index.ts';
import { decodeTextFile, textTitle } from '../formats/text-file.ts';
import { NodeSegmenter } from '../segment/node-segmenter.ts';
import { suggest } from '../suggest/index.ts';
import { readInputs, writeOutputs } from './files.ts';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

export class UsageError extends Error {}

function format(id: string | undefined, what: string) {
  if (!id) throw new UsageError(`${what} is required (one of: ${formats.map((f) => f.id).join(', ')})`);
  const f = formatById(id);
  if (!f) throw new UsageError(`unknown format "${id}" for ${what} (one of: ${formats.map((f) => f.id).join(', ')})`);
  return f;
}

function read(inputs: string[], id: string | undefined, io: Io): DatasetDocument[] | null {
  const f = format(id, '--from/--format');
  if (!f.read) throw new UsageError(`format "${f.id}" can be written but not read`);
  const result = f.read(readInputs(inputs));
  for (const note of result.notes ?? []) io.err(`note: ${note}`);
  if (result.ok) return result.documents;
  for (const e of result.errors) io.err(formatErrorMessage(e));
  io.err(`${result.errors.length} error(s); nothing converted`);
  return null;
}

function toExport(docs: DatasetDocument[]): ExportDocument[] {
  return docs.map((d, i) => {
    const id = d.id ?? String(i + 1);
    return { id, title: d.title, text: d.text, spans: d.spans.map((s) => ({ ...s, id: newId(), docId: id })) };
  });
}

export async function convert(
  inputs: string[],
  opts: { from?: string; to?: string; scheme?: string; nested?: string; output?: string },
  io: Io,
): Promise<number> {
  if (inputs.length === 0) throw new UsageError('convert needs an input file or folder');
  const to = format(opts.to, '--to');
  const scheme = (opts.scheme ?? 'bio') as TagScheme;
  if (!['bio', 'bioes', 'bmes'].includes(scheme)) throw new UsageError(`--scheme must be bio, bioes or bmes, not "${opts.scheme}"`);
  const nested = (opts.nested ?? 'outer') as NestingPolicy;
  if (!['outer', 'inner', 'split'].includes(nested)) throw new UsageError(`--nested must be outer, inner or split, not "${opts.nested}"`);
  const docs = read(inputs, opts.from, io);
  if (!docs) return 1;
  const exported = toExport(docs);
  const words = to.id === 'conll-words' ? await segmentAll(exported) : undefined;
  let result;
  try {
    // brat writes a folder named by baseName; on the command line -o already names that folder.
    result = exportDataset(to, exported, {}, { scheme, nested, words, baseName: to.id === 'brat' ? '' : undefined });
  } catch (e) {
    if (e instanceof ExportError || e instanceof Error) {
      io.err(e.message);
      return 1;
    }
    throw e;
  }
  if (!opts.output && result.files.length !== 1) throw new UsageError(`"${to.id}" writes ${result.files.length} files here: give a folder with -o`);
  for (const line of result.report) io.err(line);
  if (!opts.output) {
    io.out(result.files[0]!.content);
  } else if (result.files.length === 1 && !opts.output.endsWith('/')) {
    writeFileSync(opts.output, fileBytes(result.files[0]!));
  } else {
    writeOutputs(opts.output, result.files);
  }
  io.err(`${docs.length} document(s), ${docs.reduce((n, d) => n + d.spans.length, 0)} span(s) converted from ${opts.from} to ${to.id}` + (result.report.length ? `; ${result.report.length} line(s) of report above` : ''));
  return 0;
}

async function segmentAll(docs: ExportDocument[]): Promise<Map<string, Uint32Array>> {
  const seg = new NodeSegmenter();
  const words = new Map<string, Uint32Array>();
  for (const d of docs) words.set(d.id, await seg.segment(d.text));
  return words;
}

export function validate(inputs: string[], opts: { format?: string }, io: Io): number {
  if (inputs.length === 0) throw new UsageError('validate needs an input file or folder');
  const docs = read(inputs, opts.format, io);
  if (!docs) return 1;
  const counts: Record<string, number> = {};
  for (const d of docs) for (const s of d.spans) counts[s.label] = (counts[s.label] ?? 0) + 1;
  const spans = Object.values(counts).reduce((a, b) => a + b, 0);
  const labels = Object.entries(counts).sort().map(([l, n]) => `${l} ${n}`).join(', ');
  io.out(`valid ${opts.format}: ${docs.length} document(s), ${spans} span(s)${labels ? ` (${labels})` : ''}`);
  return 0;
}

/** Suggestions for plain-text files, written in any export format (doccano JSONL by default). */
export function suggestFiles(inputs: string[], opts: { format?: string; scheme?: string; nested?: string }, io: Io): number {
  if (inputs.length === 0) throw new UsageError('suggest needs a text file');
  const to = format(opts.format ?? 'doccano', '--format');
  const docs: ExportDocument[] = [];
  for (const path of inputs) {
    const decoded = decodeTextFile(new Uint8Array(readFileSync(path)), path);
    if (!decoded.ok) {
      io.err(`${path}: ${decoded.reason}`);
      return 1;
    }
    const id = basename(path).replace(/\.[^.]+$/, '');
    const spans = suggest(decoded.text).map((s) => ({ id: newId(), docId: id, start: s.start, end: s.end, label: s.label, text: s.text, source: 'suggested' as const }));
    docs.push({ id, title: textTitle(path, decoded.text), text: decoded.text, spans });
  }
  const result = exportDataset(to, docs, {}, { scheme: (opts.scheme ?? 'bio') as TagScheme, nested: (opts.nested ?? 'outer') as NestingPolicy });
  for (const line of result.report) io.err(line);
  if (result.files.length !== 1) throw new UsageError(`"${to.id}" writes ${result.files.length} files: use convert on the doccano output with -o`);
  io.out(result.files[0]!.content);
  return 0;
}

/** One METRIC text read into {value, unit, qualifier}; the words of a text split by the shell are joined. */
export function metric(texts: string[], io: Io): number {
  if (texts.length === 0) throw new UsageError('metric needs a text, e.g. zhengbiao metric "45亿元以上"');
  const r = readMetric(texts.join(''));
  if (!r.ok) {
    io.err(`zhengbiao: not a metric: ${r.reason}`);
    return 1;
  }
  const { value, unit, qualifier } = r.metric;
  io.out(`{"value": ${JSON.stringify(value)}, "unit": ${JSON.stringify(unit)}, "qualifier": ${JSON.stringify(qualifier)}}`);
  return 0;
}

/**
 * Agreement of two or more annotators' files of the same documents (docs/agreement.md): one JSON object
 * with every pair i < j (`a`, `b` as given) and, for three or more files, Fleiss' kappa and
 * Krippendorff's alpha. Documents are matched to the first file's by identical text, in any order.
 */
export function agree(inputs: string[], opts: { format?: string; documents?: boolean }, io: Io): number {
  if (inputs.length < 2) throw new UsageError('agree needs two or more files of the same documents');
  const f = format(opts.format, '--format');
  if (!f.read) throw new UsageError(`format "${f.id}" can be written but not read`);
  const files: DatasetDocument[][] = [];
  for (const path of inputs) {
    const result = f.read(readInputs([path]));
    for (const note of result.notes ?? []) io.err(`note: ${path}: ${note}`);
    if (!result.ok) {
      for (const e of result.errors) io.err(formatErrorMessage(e));
      io.err(`${path}: ${result.errors.length} error(s); no agreement computed`);
      return 1;
    }
    files.push(result.documents);
  }
  const first = files[0]!;
  const layers: LayerDoc[][] = [first];
  for (let i = 1; i < files.length; i++) {
    const aligned = alignByText(first, files[i]!, inputs[0]!, inputs[i]!);
    if (typeof aligned === 'string') {
      io.err(`zhengbiao: ${aligned}`);
      return 1;
    }
    layers.push(aligned);
  }
  let m;
  try {
    m = agreementMatrix(inputs, layers);
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    io.err(`zhengbiao: ${e.message}`);
    return 1;
  }
  const titled = <T>(docs: T[]) => docs.map((d, i) => ({ title: first[i]!.title, ...d }));
  const pairs = m.pairs.map(({ a, b, agreement: g }) => ({ a, b, overall: g.overall, labels: g.labels, ...(opts.documents ? { documents: titled(g.documents) } : {}) }));
  let multi;
  if (m.multi) {
    const { documents, ...project } = m.multi;
    multi = { ...project, ...(opts.documents ? { documents: titled(documents) } : {}) };
  }
  io.out(JSON.stringify({ pairs, ...(multi ? { multi } : {}) }, null, 2));
  return 0;
}

/** `other`'s documents in the order of `first`'s, matched by identical text; or why they cannot be. */
function alignByText(first: DatasetDocument[], other: DatasetDocument[], firstPath: string, otherPath: string): DatasetDocument[] | string {
  const byText = new Map<string, number[]>();
  other.forEach((d, i) => byText.set(d.text, [...(byText.get(d.text) ?? []), i]));
  const used = new Set<number>();
  const aligned: DatasetDocument[] = [];
  for (const doc of first) {
    const i = byText.get(doc.text)?.shift();
    if (i === undefined) {
      const namesake = other.find((d, j) => d.title === doc.title && !used.has(j));
      if (namesake) {
        const a = [...doc.text];
        const b = [...namesake.text];
        let k = 0;
        while (k < a.length && a[k] === b[k]) k++;
        return `document "${doc.title}" has a different text in ${otherPath} than in ${firstPath} (from character ${k} on)`;
      }
      return `document "${doc.title}" of ${firstPath} is not in ${otherPath} (no document there has its text)`;
    }
    used.add(i);
    aligned.push(other[i]!);
  }
  const extra = other.find((_, i) => !used.has(i));
  if (extra) return `document "${extra.title}" of ${otherPath} is not in ${firstPath} (no document there has its text)`;
  return aligned;
}
