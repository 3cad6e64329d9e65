/**
 * Importing documents with their annotations (files and datasets, after the import dialog's mapping
 * step): every record is built and checked before the one transaction that stores them all. Store
 * wraps this and tells the other tabs.
 */
import {
  DEFAULT_RELATION_TYPES,
  OffsetMap,
  authorship,
  mismatchedSpans,
  newId,
  type Doc,
  type LabelSet,
  type Relation,
  type RelationTypeSet,
  type Span,
} from '../core/index.ts';
import { newDocument } from './corpus.ts';
import type { ZhengbiaoDB } from './database.ts';
import { ProjectRecord, RelationRecord, SpanRecord, checkRecord, readRecord } from './schema.ts';
import { now } from './support.ts';

export interface ImportItem {
  title: string;
  text: string;
  /** Hash of the file's text before cleaning, when it differs from `text`. */
  sourceHash?: string;
  spans: { start: number; end: number; label: string; text: string }[];
  /** Relations between the item's spans, by index into `spans`. */
  relations?: { type: string; from: number; to: number }[];
}

/** Who an import's spans and relations belong to (their layer) and who made them. */
export interface ImportAuthor {
  layer?: string;
  by?: string;
}

/**
 * Adds every item with its spans, or nothing; with `labels`, the project's label set is replaced in
 * the same transaction. Spans and relations go to `who.layer`, made by `who.by`, now. All records are
 * built and checked before the transaction starts, so a bad item is reported without touching the
 * database; the transaction then makes the writes themselves all-or-nothing (a quota error halfway
 * leaves nothing behind). Returns the documents added.
 */
export async function importDocuments(db: ZhengbiaoDB, projectId: string, items: ImportItem[], labels: LabelSet | undefined, who: ImportAuthor): Promise<Doc[]> {
  const { docs, spans, relations } = importRecords(projectId, items, who);
  await db.transaction('rw', [db.projects, db.documents, db.spans, db.relations], async () => {
    const raw = await db.projects.get(projectId);
    if (!raw) throw new Error(`No project ${JSON.stringify(projectId)}`);
    const project = readRecord(ProjectRecord, 'projects', raw, projectId);
    // Labels added by the import's mapping step arrive with the documents, or not at all; so do the
    // relation types the file uses that the project lacks (allowing any labels until configured).
    const relationTypes = withImportedTypes(project.relationTypes ?? DEFAULT_RELATION_TYPES, relations);
    if (labels || relationTypes !== (project.relationTypes ?? DEFAULT_RELATION_TYPES)) {
      await db.projects.put(checkRecord(ProjectRecord, 'projects', { ...project, labels: labels ?? project.labels, relationTypes }));
    }
    await db.documents.bulkAdd(docs);
    await db.spans.bulkAdd(spans);
    await db.relations.bulkAdd(relations);
  });
  return docs;
}

/**
 * The checked records of the items, without touching the database; throws, naming the item, at the
 * first span that does not match its text or relation whose end the item lacks.
 */
function importRecords(projectId: string, items: ImportItem[], who: ImportAuthor): { docs: Doc[]; spans: Span[]; relations: Relation[] } {
  const stamp = authorship(who, now());
  const docs: Doc[] = [];
  const spans: Span[] = [];
  const relations: Relation[] = [];
  items.forEach((item, i) => {
    try {
      // Documents with spans already carry annotation work, which is what in-progress means.
      const doc = newDocument(projectId, item.title, item.text, item.spans.length > 0 ? 'in-progress' : 'new', item.sourceHash);
      const own = item.spans.map((s) => checkRecord(SpanRecord, 'spans', { id: newId(), docId: doc.id, ...pickSpan(s), ...stamp }));
      const bad = mismatchedSpans(new OffsetMap(doc.text), own)[0];
      if (bad) {
        const where = `span ${bad.label} [${bad.start}, ${bad.end})`;
        throw new Error(`${where} does not match the text between its offsets (${JSON.stringify(bad.text)})`);
      }
      const links = (item.relations ?? []).map((r, k) => {
        const from = own[r.from];
        const to = own[r.to];
        if (!from || !to) throw new Error(`relation ${k + 1} (${r.type}) refers to span ${from ? r.to : r.from}, which the item does not have`);
        return checkRecord(RelationRecord, 'relations', { id: newId(), docId: doc.id, type: r.type, fromId: from.id, toId: to.id, source: 'imported', ...stamp });
      });
      docs.push(doc);
      spans.push(...own);
      relations.push(...links);
    } catch (e) {
      throw new Error(`Item ${i + 1} (${JSON.stringify(item.title)}): ${(e as Error).message}`, { cause: e });
    }
  });
  return { docs, spans, relations };
}

/** Only the fields a span has: an import item may carry more (a file's own ids, say). */
function pickSpan(s: ImportItem['spans'][number]): Pick<Span, 'start' | 'end' | 'label' | 'text' | 'source'> {
  return { start: s.start, end: s.end, label: s.label, text: s.text, source: 'imported' };
}

/** `types` and a type (allowing any labels) for each relation type in `relations` it lacks; `types` itself when none. */
function withImportedTypes(types: RelationTypeSet, relations: readonly Relation[]): RelationTypeSet {
  const known = new Set(types.map((t) => t.id));
  const added = [...new Set(relations.map((r) => r.type))].filter((t) => !known.has(t));
  return added.length === 0 ? types : [...types, ...added.map((id) => ({ id, zh: id, en: id, from: [], to: [] }))];
}
