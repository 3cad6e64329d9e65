/** Small helpers of the store: a clock, cursor walking and creation order. */
import type { Collection } from 'dexie';

let lastTime = 0;

/**
 * Milliseconds, but strictly increasing within a tab: lists sort by createdAt, and documents added in
 * the same millisecond (an import) must keep their order rather than fall back to random ids.
 */
export function now(): number {
  lastTime = Math.max(Date.now(), lastTime + 1);
  return lastTime;
}

/**
 * Collection.each, but an exception in `fn` rejects the walk. Dexie's each() swallows exceptions thrown
 * by its callback and carries on, which would turn a corrupt record into a silently shorter list.
 */
export async function walk<T>(collection: Collection<T, string>, fn: (value: T) => void): Promise<void> {
  let failure: { error: unknown } | undefined;
  await collection.each((value) => {
    if (failure) return;
    try {
      fn(value);
    } catch (error) {
      failure = { error };
    }
  });
  if (failure) throw failure.error;
}

/** Oldest first; the id breaks ties so the order never depends on how the records were read. */
export function byCreated(a: { createdAt: number; id: string }, b: { createdAt: number; id: string }): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
