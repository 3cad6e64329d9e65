/**
 * The token cache: one entry per document, its word boundaries with the hash of what they were computed
 * from (the text, and the dictionary when there is one), so that reopening a document does not segment
 * it again. Store wraps these.
 */
import type { Boundaries } from '../core/index.ts';
import type { ZhengbiaoDB } from './database.ts';
import { TokenCacheRecord, checkRecord } from './schema.ts';

/**
 * Cached word boundaries of a document, or undefined when there are none for this exact text. An
 * unreadable entry counts as missing: a cache can always be rebuilt, and segmenting again overwrites it.
 */
export async function getBoundaries(db: ZhengbiaoDB, docId: string, textHash: string): Promise<Boundaries | undefined> {
  const raw = await db.tokens.get(docId);
  if (raw === undefined) return undefined;
  const r = TokenCacheRecord.safeParse(raw);
  if (!r.success) {
    console.warn(`zhengbiao: ignoring unreadable token cache of document ${JSON.stringify(docId)}`);
    return undefined;
  }
  return r.data.textHash === textHash ? r.data.boundaries : undefined;
}

export async function putBoundaries(db: ZhengbiaoDB, docId: string, textHash: string, boundaries: Boundaries): Promise<void> {
  // A view into a larger (or shared) buffer would be stored with the whole buffer; store just the array.
  const compact =
    boundaries.byteOffset === 0 && boundaries.buffer instanceof ArrayBuffer && boundaries.byteLength === boundaries.buffer.byteLength
      ? boundaries
      : boundaries.slice();
  const record = checkRecord(TokenCacheRecord, 'tokens', { docId, textHash, boundaries: compact });
  await db.tokens.put(record);
}
