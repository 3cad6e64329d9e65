/**
 * Turning a project into a dataset, the same for the app and the CLI: whole documents or one example
 * per sentence, optionally split into train/dev/test by document, written in any format.
 */
import { OffsetMap, boundariesIn, sentences, splitItems, type SplitRatios } from '../core/index.ts';
import type { DataFile, ExportDocument, ExportOptions, ExportResult, Format } from './types.ts';
import { verifyForExport } from './verify.ts';

export interface DatasetOptions {
  /** One example per document (default) or per sentence. */
  unit?: 'document' | 'sentence';
  /** Split by document (never by sentence, so no document leaks across parts), reproducibly. */
  split?: SplitRatios & { seed: number };
}

/**
 * A document cut into its sentences, each an example with the spans inside it (offsets shifted).
 * A span crossing a sentence end cannot go into any one example: it is reported.
 */
export function sentenceExamples(
  doc: ExportDocument,
  words?: Uint32Array,
): { docs: ExportDocument[]; report: string[]; words: Map<string, Uint32Array> } {
  const offsets = new OffsetMap(doc.text);
  const report: string[] = [];
  const placed = new Set<string>();
  const sentenceWords = new Map<string, Uint32Array>();
  const docs = sentences(doc.text).map((s, i) => {
    // The document's word boundaries inside the sentence, shifted to it, with both ends as boundaries.
    if (words) sentenceWords.set(`${doc.id}#${i + 1}`, Uint32Array.from(new Set([s.start, ...boundariesIn(words, s.start, s.end), s.end]), (b) => b - s.start));
    const inside = doc.spans.filter((sp) => sp.start >= s.start && sp.end <= s.end);
    for (const sp of inside) placed.add(sp.id);
    const ids = new Set(inside.map((sp) => sp.id));
    const relations = (doc.relations ?? []).filter((r) => ids.has(r.fromId) && ids.has(r.toId));
    return {
      id: `${doc.id}#${i + 1}`,
      title: `${doc.title} #${i + 1}`,
      text: offsets.slice(s.start, s.end),
      spans: inside.map((sp) => ({ ...sp, start: sp.start - s.start, end: sp.end - s.start })),
      ...(relations.length > 0 ? { relations } : {}),
    };
  });
  for (const sp of doc.spans) {
    if (!placed.has(sp.id)) report.push(`"${doc.title}": ${sp.label} [${sp.start},${sp.end}) 「${sp.text}」 crosses a sentence end: left out of the sentence examples`);
  }
  // A relation between two sentences has no example to live in.
  const ends = new Map<string, number>();
  docs.forEach((d, i) => d.spans.forEach((sp) => ends.set(sp.id, i)));
  for (const r of doc.relations ?? []) {
    const a = ends.get(r.fromId);
    const b = ends.get(r.toId);
    if (a === undefined || b === undefined || a !== b) report.push(`"${doc.title}": relation ${r.type} crosses a sentence end (or joins a span left out): left out of the sentence examples`);
  }
  return { docs, report, words: sentenceWords };
}

/** Writes the dataset; checks every span first (ExportError before anything is produced). */
export function exportDataset(format: Format, docs: ExportDocument[], data: DatasetOptions = {}, options: ExportOptions = {}): ExportResult {
  verifyForExport(docs);
  const report: string[] = [];
  // The examples of a part, with their word boundaries when the format needs words.
  const examples = (part: ExportDocument[]): { docs: ExportDocument[]; words: ExportOptions['words'] } => {
    if (data.unit !== 'sentence') return { docs: part, words: options.words };
    const words = new Map<string, Uint32Array>();
    const docs = part.flatMap((d) => {
      const r = sentenceExamples(d, options.words?.get(d.id));
      report.push(...r.report);
      for (const [id, w] of r.words) words.set(id, w);
      return r.docs;
    });
    return { docs, words: options.words ? words : undefined };
  };
  const files: DataFile[] = [];
  if (!data.split) {
    const { docs: all, words } = examples(docs);
    const r = format.write(all, { ...options, words, baseName: options.baseName ?? 'dataset' });
    return { files: r.files, report: [...report, ...r.report] };
  }
  const parts = splitItems(docs, (d) => d.id, data.split, data.split.seed);
  for (const name of ['train', 'dev', 'test'] as const) {
    const { docs: part, words } = examples(parts[name]);
    const r = format.write(part, { ...options, words, baseName: name });
    files.push(...r.files);
    report.push(...r.report.map((line) => `${name}: ${line}`));
  }
  return { files, report };
}
