/**
 * The reviewer's decisions in the database (core/adjudication.ts): reading them, and storing one with
 * the change it makes to the gold layer and, when it was the last disagreement, the document's new
 * status, in one transaction. Store wraps these and tells the other tabs.
 */
import { overlaps, type Decision, type Doc, type SpanChange } from '../core/index.ts';
import type { ZhengbiaoDB } from './database.ts';
import { DecisionRecord, DocumentRecord, checkRecord, readRecord } from './schema.ts';
import { writeSpanChange } from './span-writes.ts';
import { now } from './support.ts';

/** The document's decisions, in document order (earlier ones first where they start together). */
export async function getDecisions(db: ZhengbiaoDB, docId: string): Promise<Decision[]> {
  const rows = await db.decisions.where('docId').equals(docId).toArray();
  return rows.map((r) => readRecord(DecisionRecord, 'decisions', r)).sort((a, b) => a.start - b.start || a.end - b.end || (a.at ?? 0) - (b.at ?? 0));
}

/**
 * Stores decisions with their gold change, in one transaction: the change is checked and written as
 * Store.applyChange does (writeSpanChange); decisions already stored whose stretch overlaps a new one
 * are replaced by it (deciding again); with `reviewed` (no undecided disagreement is left), the
 * document becomes 'reviewed'. Returns the document as stored. Nothing is written when any check fails.
 */
export async function decide(db: ZhengbiaoDB, docId: string, change: SpanChange, decisions: Decision | readonly Decision[], reviewed: boolean): Promise<Doc> {
  const list = (Array.isArray(decisions) ? decisions : [decisions]) as readonly Decision[];
  if (change.docId !== docId) throw new Error(`The change belongs to document ${JSON.stringify(change.docId)}, not ${JSON.stringify(docId)}`);
  for (const d of list) {
    if (d.docId !== docId) throw new Error(`Decision ${JSON.stringify(d.id)} belongs to document ${JSON.stringify(d.docId)}, not ${JSON.stringify(docId)}`);
  }
  const records = list.map((d) => checkRecord(DecisionRecord, 'decisions', d));
  return db.transaction('rw', [db.spans, db.documents, db.relations, db.decisions], async () => {
    let doc = await writeSpanChange(db, change);
    const stored = (await db.decisions.where('docId').equals(docId).toArray()).map((r) => readRecord(DecisionRecord, 'decisions', r));
    const replaced = stored.filter((old) => records.some((d) => d.id !== old.id && overlaps(d, old)));
    await db.decisions.bulkDelete(replaced.map((d) => d.id));
    await db.decisions.bulkPut(records);
    if (reviewed && doc.status !== 'reviewed') {
      doc = checkRecord(DocumentRecord, 'documents', { ...doc, status: 'reviewed', updatedAt: now() });
      await db.documents.put(doc);
    }
    return doc;
  });
}
