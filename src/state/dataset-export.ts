/**
 * Gathering a project's documents for export: which documents (by status), their spans and relations, and — for the
 * word-level format — their words (cached, or segmented now), then the dataset in the chosen format.
 */
import type { DocStatus } from '../core/index.ts';
import type { Store } from '../db/index.ts';
import { exportDataset, formatById, type DatasetOptions, type ExportDocument, type ExportOptions, type ExportResult } from '../formats/index.ts';
import type { Segmenter } from '../segment/index.ts';

export interface ExportChoice extends DatasetOptions, ExportOptions {
  formatId: string;
  /** Only documents with this status; all when absent. */
  status?: DocStatus;
  /** Whose spans (core/layers.ts): one annotator's, the gold layer, the unnamed one; all when absent. */
  layer?: string;
}

/** The files to write and what was flattened; throws ExportError when a span fails its check. */
export async function projectDataset(store: Store, segmenter: Segmenter, projectId: string, choice: ExportChoice): Promise<ExportResult & { documents: number }> {
  const format = formatById(choice.formatId);
  if (!format) throw new Error(`unknown format ${choice.formatId}`);
  const docs: ExportDocument[] = [];
  const words = new Map<string, Uint32Array>();
  for (const summary of await store.listDocuments(projectId)) {
    if (choice.status && summary.status !== choice.status) continue;
    const [doc, spans, relations] = await Promise.all([store.getDocument(summary.id), store.getSpans(summary.id, choice.layer), store.getRelations(summary.id, choice.layer)]);
    if (!doc) continue;
    docs.push({ id: doc.id, title: doc.title, text: doc.text, spans, relations });
    if (format.id === 'conll-words') words.set(doc.id, (await store.getBoundaries(doc.id, doc.textHash)) ?? (await segmenter.segment(doc.text)));
  }
  const { unit, split, scheme, nested, baseName } = choice;
  const project = (await store.listProjects()).find((p) => p.id === projectId);
  const labels = project?.labels.map((l) => l.id);
  const result = exportDataset(format, docs, { unit, split }, { scheme, nested, baseName, words, labels });
  return { ...result, documents: docs.length };
}
