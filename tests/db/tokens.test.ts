import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ZhengbiaoDB } from '../../src/db/index.ts';
import { freshStore } from './helpers.ts';

const open: ZhengbiaoDB[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const db of open.splice(0)) db.close();
});

function setup() {
  const s = freshStore();
  open.push(s.db);
  return s;
}

describe('Store token cache', () => {
  it('returns the boundaries stored for the same text hash', async () => {
    const { store } = setup();
    await store.putBoundaries('d1', 'hash-a', Uint32Array.from([0, 2, 5, 9]));
    const got = await store.getBoundaries('d1', 'hash-a');
    expect(got).toBeInstanceOf(Uint32Array);
    expect([...got!]).toEqual([0, 2, 5, 9]);
  });

  it('returns undefined when the cached hash differs or nothing is cached', async () => {
    const { store } = setup();
    await store.putBoundaries('d1', 'hash-a', Uint32Array.from([0, 4]));
    expect(await store.getBoundaries('d1', 'hash-b')).toBeUndefined();
    expect(await store.getBoundaries('d2', 'hash-a')).toBeUndefined();
  });

  it('keeps one entry per document, replaced by the next put', async () => {
    const { store, db } = setup();
    await store.putBoundaries('d1', 'hash-a', Uint32Array.from([0, 4]));
    await store.putBoundaries('d1', 'hash-b', Uint32Array.from([0, 1, 4]));
    expect(await db.tokens.count()).toBe(1);
    expect(await store.getBoundaries('d1', 'hash-a')).toBeUndefined();
    expect([...(await store.getBoundaries('d1', 'hash-b'))!]).toEqual([0, 1, 4]);
  });

  it('stores a subarray without the rest of its buffer', async () => {
    const { store, db } = setup();
    const big = Uint32Array.from({ length: 1000 }, (_, i) => i);
    await store.putBoundaries('d1', 'h', big.subarray(10, 13));
    const raw = await db.tokens.get('d1');
    expect(raw!.boundaries.buffer.byteLength).toBe(12);
    expect([...(await store.getBoundaries('d1', 'h'))!]).toEqual([10, 11, 12]);
  });

  it('treats an unreadable entry as missing, so segmentation simply runs again', async () => {
    const { store, db } = setup();
    await db.tokens.put({ docId: 'd1', textHash: 'h', boundaries: [0, 1, 2] as unknown as Uint32Array });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await store.getBoundaries('d1', 'h')).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"d1"'));
    await store.putBoundaries('d1', 'h', Uint32Array.from([0, 2]));
    expect([...(await store.getBoundaries('d1', 'h'))!]).toEqual([0, 2]);
  });

  it('refuses to store something that is not a Uint32Array', async () => {
    const { store, db } = setup();
    await expect(store.putBoundaries('d1', 'h', [0, 1] as unknown as Uint32Array)).rejects.toThrow(/tokens record "d1".*Uint32Array/);
    expect(await db.tokens.count()).toBe(0);
  });
});
