/**
 * Writing one edit of a document's annotations (a SpanChange: the spans and relations it removes and
 * writes), with the checks that keep every stored span exportable and every relation's ends present.
 * The caller owns the transaction, so that an edit can be stored together with what it belongs to.
 */
import { OffsetMap, mismatchedSpans, type Doc, type Relation, type SpanChange } from '../core/index.ts';
import type { ZhengbiaoDB } from './database.ts';
import { DocumentRecord, RelationRecord, SpanRecord, checkRecord, readRecord } from './schema.ts';
import { now } from './support.ts';

/** How stale a document's `updatedAt` may get while it is being edited. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * The writes of Store.applyChange, inside the caller's read-write transaction over spans, documents and
 * relations (the reviewer's decisions share one with their gold change, review.ts): removes `before`,
 * writes `after` (spans and relations) and marks the document touched; returns it as stored. Refuses,
 * by throwing and so aborting the transaction, a span that is malformed, belongs to another document,
 * or does not match the document text (every stored span must stay exportable), and a change that would
 * leave a relation with a missing end.
 */
export async function writeSpanChange(db: ZhengbiaoDB, change: SpanChange, stillWanted: () => boolean = () => true): Promise<Doc> {
  const { docId } = change;
  const links = change.relations ?? { before: [], after: [] };
  for (const s of [...change.before, ...change.after, ...links.before, ...links.after]) {
    if (s.docId !== docId) {
      throw new Error(`${'fromId' in s ? 'Relation' : 'Span'} ${JSON.stringify(s.id)} belongs to document ${JSON.stringify(s.docId)}, not ${JSON.stringify(docId)}`);
    }
  }
  const after = change.after.map((s) => checkRecord(SpanRecord, 'spans', s));
  const linksAfter = links.after.map((r) => checkRecord(RelationRecord, 'relations', r));
  // Reads are issued together and writes too: each IndexedDB request waited for alone costs a round
  // trip, and an edit is several of them.
  const ids = [...change.before, ...after].map((s) => s.id);
  const linkIds = [...links.before, ...linksAfter].map((r) => r.id);
  const [raw, existing, existingLinks] = await Promise.all([db.documents.get(docId), db.spans.bulkGet(ids), db.relations.bulkGet(linkIds)]);
  // Asked only now: this transaction runs after every write opened before it has finished.
  if (!stillWanted()) throw new Error('an edit made before this one was not saved');
  if (!raw) throw new Error(`No document ${JSON.stringify(docId)}`);
  const doc = readRecord(DocumentRecord, 'documents', raw, docId);
  const bad = mismatchedSpans(new OffsetMap(doc.text), after)[0];
  if (bad) {
    throw new Error(`Span ${JSON.stringify(bad.id)} [${bad.start}, ${bad.end}) does not match the document text`);
  }
  // Ids are random, so a clash means a caller mixed documents up; moving the span would hide that.
  const foreign = existing.find((e) => e && e.docId !== docId);
  if (foreign) throw new Error(`Span ${JSON.stringify(foreign.id)} is stored in another document`);
  const foreignLink = existingLinks.find((e) => e && e.docId !== docId);
  if (foreignLink) throw new Error(`Relation ${JSON.stringify(foreignLink.id)} is stored in another document`);
  // A span in both lists is modified: the put overwrites it, so only spans that go are deleted, and no
  // write depends on the order of another.
  const kept = new Set(after.map((s) => s.id));
  const keptLinks = new Set(linksAfter.map((r) => r.id));
  const gone = change.before.map((s) => s.id).filter((id) => !kept.has(id));
  const goneLinks = links.before.map((r) => r.id).filter((id) => !keptLinks.has(id));
  await Promise.all([
    gone.length > 0 ? db.spans.bulkDelete(gone) : undefined,
    after.length > 0 ? db.spans.bulkPut(after) : undefined,
    goneLinks.length > 0 ? db.relations.bulkDelete(goneLinks) : undefined,
    linksAfter.length > 0 ? db.relations.bulkPut(linksAfter) : undefined,
  ]);
  await checkRelationEnds(db, docId, change, linksAfter);
  const touched: Doc = { ...doc, status: doc.status === 'new' ? 'in-progress' : doc.status, updatedAt: now() };
  // The record holds the whole text (600 KB for a long report): rewriting it on every keystroke cost
  // more than the edit itself. It is rewritten when the status changes or its time is a minute old.
  if (touched.status !== doc.status || touched.updatedAt - doc.updatedAt > TOUCH_INTERVAL_MS) await db.documents.put(touched);
  return touched;
}

/**
 * Throws (aborting the transaction) when, after `change`, a relation of the document would point at a
 * span it lacks: a relation written now whose end is missing, or a stored one whose span was deleted.
 * Only the spans the change touches are looked up, not the document's thousands.
 */
async function checkRelationEnds(db: ZhengbiaoDB, docId: string, change: SpanChange, written: readonly Relation[]): Promise<void> {
  const dangling = (r: Relation) => {
    throw new Error(`Relation ${JSON.stringify(r.id)} (${r.type}) would point at a span the document does not have`);
  };
  if (written.length > 0) {
    const ends = [...new Set(written.flatMap((r) => [r.fromId, r.toId]))];
    const found = await db.spans.bulkGet(ends);
    const present = new Set(found.filter((s) => s && s.docId === docId).map((s) => s!.id));
    const bad = written.find((r) => !present.has(r.fromId) || !present.has(r.toId));
    if (bad) dangling(bad);
  }
  const kept = new Set(change.after.map((s) => s.id));
  const removed = new Set(change.before.map((s) => s.id).filter((id) => !kept.has(id)));
  if (removed.size === 0) return;
  const ids = [...removed];
  const [from, to] = await Promise.all([db.relations.where('fromId').anyOf(ids).first(), db.relations.where('toId').anyOf(ids).first()]);
  const bad = from ?? to;
  if (bad) dangling(bad);
}
