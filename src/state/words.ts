/**
 * A document's words: from the cache when this exact text (and dictionary) was segmented before,
 * otherwise from the segmenter, then cached. The cache is only a cache: failing to store it costs a
 * segmentation on the next open, nothing more.
 */
import type { Boundaries, Doc } from '../core/index.ts';
import type { Store } from '../db/index.ts';
import type { Segmenter } from '../segment/index.ts';

export async function loadWords(
  store: Store,
  segmenter: Segmenter,
  doc: Pick<Doc, 'id' | 'text' | 'textHash'>,
  dictionaryKey: string,
  progress: (p: { done: number; total: number } | null) => void,
): Promise<Boundaries> {
  const key = dictionaryKey ? `${doc.textHash}+${dictionaryKey}` : doc.textHash;
  const cached = await store.getBoundaries(doc.id, key);
  if (cached) return cached;
  progress({ done: 0, total: doc.text.length });
  let words: Boundaries;
  try {
    words = await segmenter.segment(doc.text, (done, total) => progress({ done, total }));
  } finally {
    progress(null);
  }
  store.putBoundaries(doc.id, key, words).catch((e: unknown) => {
    console.warn('zhengbiao: the word cache was not stored', e);
  });
  return words;
}
