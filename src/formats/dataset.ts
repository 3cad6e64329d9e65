/**
 * Turning a project into a dataset, the same for the app and the CLI: whole documents or one example
 * per sentence, optionally split into train/dev/test by document, written in any format.
 */
import { OffsetMap, sentences, splitItems, type SplitRatios } from '../core/index.ts';
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
export function sentenceExamples(doc: ExportDocument): { docs: ExportDocument[]; report: string[] } {
  const offsets = new OffsetMap(doc.text);
  const report: string[] = [];
  const placed = new Set<string>();
  const docs = sentences(doc.text).map((s, i) => {
    const inside = doc.spans.filter((sp) => sp.start >= s.start && sp.end <= s.end);
    for (const sp of inside) placed.add(sp.id);
    return {
      id: `${doc.id}#${i + 1}`,
      title: `${doc.title} #${i + 1}`,
      text: offsets.slice(s.start, s.end),
      spans: inside.map((sp) => ({ ...sp, start: sp.start - s.start, end: sp.end - s.start })),
    };
  });
  for (const sp of doc.spans) {
    if (!placed.has(sp.id)) report.push(`"${doc.title}": ${sp.label} [${sp.start},${sp.end}) 「${sp.text}」 crosses a sentence end: left out of the sentence examples`);
  }
  return { docs, report };
}

/** Writes the dataset; checks every span first (ExportError before anything is produced). */
export function exportDataset(format: Format, docs: ExportDocument[], data: DatasetOptions = {}, options: ExportOptions = {}): ExportResult {
  verifyForExport(docs);
  const report: string[] = [];
  const examples = (part: ExportDocument[]): ExportDocument[] => {
    if (data.unit !== 'sentence') return part;
    return part.flatMap((d) => {
      const r = sentenceExamples(d);
      report.push(...r.report);
      return r.docs;
    });
  };
  const files: DataFile[] = [];
  if (!data.split) {
    const r = format.write(examples(docs), { ...options, baseName: options.baseName ?? 'dataset' });
    return { files: r.files, report: [...report, ...r.report] };
  }
  const parts = splitItems(docs, (d) => d.id, data.split, data.split.seed);
  for (const name of ['train', 'dev', 'test'] as const) {
    const r = format.write(examples(parts[name]), { ...options, baseName: name });
    files.push(...r.files);
    report.push(...r.report.map((line) => `${name}: ${line}`));
  }
  return { files, report };
}
