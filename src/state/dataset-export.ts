/**
 * Gathering a project's documents for export: which documents (by status), their spans and relations, and — for the
 * word-level format — their words (cached, or segmented now), then the dataset in the chosen format.
 */
import { compareSpans, groupByDoc, layerOf, type DocStatus } from '../core/index.ts';
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
  // One read of the whole project (a query per document cost seconds for a thousand of them).
  const all = await store.projectAnnotations(projectId, format.relations);
  const inLayer = (x: { layer?: string }) => choice.layer === undefined || layerOf(x) === choice.layer;
  const spansOf = groupByDoc(all.spans.filter(inLayer));
  const relationsOf = groupByDoc(all.relations.filter(inLayer));
  const docs: ExportDocument[] = [];
  const words = new Map<string, Uint32Array>();
  for (const doc of all.docs) {
    if (choice.status && doc.status !== choice.status) continue;
    const spans = (spansOf.get(doc.id) ?? []).sort(compareSpans);
    docs.push({ id: doc.id, title: doc.title, text: doc.text, spans, relations: relationsOf.get(doc.id) ?? [] });
    if (format.id === 'conll-words') words.set(doc.id, (await store.getBoundaries(doc.id, doc.textHash)) ?? (await segmenter.segment(doc.text)));
  }
  const { unit, split, scheme, nested, baseName } = choice;
  const project = (await store.listProjects()).find((p) => p.id === projectId);
  const labels = project?.labels.map((l) => l.id);
  const result = exportDataset(format, docs, { unit, split }, { scheme, nested, baseName, words, labels });
  return { ...result, documents: docs.length };
}
