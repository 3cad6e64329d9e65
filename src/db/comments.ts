/**
 * Comments on spans: notes anyone may attach to a span of any layer, shown to everyone who sees it (and
 * sent with the author's package). Each function is one transaction; Store wraps them. A change is
 * announced as `spans-changed`, so the other tabs showing the document read its comments again.
 */
import { newId, type Comment } from '../core/index.ts';
import type { Bus } from './broadcast.ts';
import type { ZhengbiaoDB } from './database.ts';
import { CommentRecord, SpanRecord, checkRecord, readRecord } from './schema.ts';
import { now } from './support.ts';

/** A comment to add: the store gives it its id and time unless it has them. */
export type NewComment = Omit<Comment, 'id' | 'at'> & Partial<Pick<Comment, 'id' | 'at'>>;

/** The document's comments, oldest first. */
export async function getComments(db: ZhengbiaoDB, docId: string): Promise<Comment[]> {
  const rows = await db.comments.where('docId').equals(docId).toArray();
  return rows.map((r) => readRecord(CommentRecord, 'comments', r)).sort((a, b) => (a.at ?? 0) - (b.at ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Stores a comment on a span of its document; refused when the span is not (or no longer) there. */
export async function addComment(db: ZhengbiaoDB, bus: Pick<Bus, 'announce'>, comment: NewComment): Promise<Comment> {
  const record = checkRecord(CommentRecord, 'comments', { ...comment, text: comment.text.trim(), id: comment.id ?? newId(), at: comment.at ?? now() });
  await db.transaction('rw', [db.spans, db.comments], async () => {
    const raw = await db.spans.get(record.spanId);
    const span = raw && readRecord(SpanRecord, 'spans', raw, record.spanId);
    if (!span || span.docId !== record.docId) throw new Error(`No span ${JSON.stringify(record.spanId)} in document ${JSON.stringify(record.docId)} to comment on`);
    await db.comments.add(record);
  });
  bus.announce({ type: 'spans-changed', docId: record.docId });
  return record;
}

/** Deletes a comment; returns it, or undefined when it was already gone. */
export async function deleteComment(db: ZhengbiaoDB, bus: Pick<Bus, 'announce'>, id: string): Promise<Comment | undefined> {
  const deleted = await db.transaction('rw', db.comments, async () => {
    const raw = await db.comments.get(id);
    if (!raw) return undefined;
    const comment = readRecord(CommentRecord, 'comments', raw, id);
    await db.comments.delete(id);
    return comment;
  });
  if (deleted) bus.announce({ type: 'spans-changed', docId: deleted.docId });
  return deleted;
}
