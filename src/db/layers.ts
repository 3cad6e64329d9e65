/**
 * Layers in the database: which annotators' spans a document holds, and giving the spans made before
 * the annotator had a name to that name. Each function is one transaction; Store wraps them.
 */
import { UNNAMED_LAYER, layerOf } from '../core/index.ts';
import type { ZhengbiaoDB } from './database.ts';
import { AnnotatorRecord, CommentRecord, RelationRecord, SpanRecord, checkRecord, readRecord, readSpan } from './schema.ts';

/** Spans per layer of one document. */
export async function layerCounts(db: ZhengbiaoDB, docId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const raw of await db.spans.where('docId').equals(docId).toArray()) {
    const layer = layerOf(readSpan(raw));
    counts[layer] = (counts[layer] ?? 0) + 1;
  }
  return counts;
}

/**
 * Puts every span, relation and comment of the unnamed layer into `name`'s layer (first start: work done before
 * the name was given is that person's). Returns how many spans moved. Nothing moves into a layer that
 * already has spans in the same document, so no layer is ever merged into another.
 */
export async function claimUnnamed(db: ZhengbiaoDB, name: string): Promise<number> {
  return db.transaction('rw', [db.spans, db.relations, db.comments], async () => {
    const spans = (await db.spans.toArray()).map((r) => readSpan(r));
    const taken = new Set(spans.filter((s) => layerOf(s) === name).map((s) => s.docId));
    const moving = spans.filter((s) => layerOf(s) === UNNAMED_LAYER && !taken.has(s.docId));
    const docs = new Set(moving.map((s) => s.docId));
    await db.spans.bulkPut(moving.map((s) => checkRecord(SpanRecord, 'spans', { ...s, layer: name, by: s.by ?? name })));
    const relations = (await db.relations.toArray()).map((r) => readRecord(RelationRecord, 'relations', r));
    const links = relations.filter((r) => layerOf(r) === UNNAMED_LAYER && docs.has(r.docId));
    await db.relations.bulkPut(links.map((r) => checkRecord(RelationRecord, 'relations', { ...r, layer: name, by: r.by ?? name })));
    // Comments on the spans that moved go with them (and become the name's, so that they travel in
    // that person's package).
    const moved = new Set(moving.map((s) => s.id));
    const notes = (await db.comments.toArray()).map((c) => readRecord(CommentRecord, 'comments', c)).filter((c) => moved.has(c.spanId) && layerOf(c) === UNNAMED_LAYER);
    await db.comments.bulkPut(notes.map((c) => checkRecord(CommentRecord, 'comments', { ...c, layer: name, by: c.by ?? name })));
    return moving.length;
  });
}

/** Names of the annotators this browser has seen (its own and those of imported packages), by name. */
export async function annotatorNames(db: ZhengbiaoDB): Promise<string[]> {
  return (await db.annotators.toArray()).map((r) => readRecord(AnnotatorRecord, 'annotators', r).name).sort((a, b) => a.localeCompare(b, 'zh'));
}

export async function addAnnotator(db: ZhengbiaoDB, name: string): Promise<void> {
  // Keyed by name: the same person is one record however often they are added.
  await db.annotators.put(checkRecord(AnnotatorRecord, 'annotators', { id: name, name }));
}
