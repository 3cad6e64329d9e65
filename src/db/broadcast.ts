/**
 * Cross-tab notifications. IndexedDB has no change events, so a tab that commits a write says so on a
 * BroadcastChannel and the other tabs re-read what changed. Messages carry only ids: the database stays
 * the single source of truth, and a lost or late message costs a stale view, never wrong data.
 *
 * A BroadcastChannel never delivers a message to the object that posted it, and each bus sends and
 * receives on one object, so a tab does not hear its own announcements: it has already shown its edit,
 * and re-reading it would only redraw the document.
 */
import { z } from 'zod';

export type StoreEvent = { type: 'spans-changed'; docId: string } | { type: 'documents-changed'; projectId: string };

const StoreEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('spans-changed'), docId: z.string().min(1) }),
  z.object({ type: z.literal('documents-changed'), projectId: z.string().min(1) }),
]);

export const CHANNEL_NAME = 'zhengbiao';

/** One tab's end of the channel. */
export interface Bus {
  announce(e: StoreEvent): void;
  /** Calls `cb` for every valid event from other tabs; returns the unsubscribe function. */
  listen(cb: (e: StoreEvent) => void): () => void;
  close(): void;
}

export function createBus(name = CHANNEL_NAME): Bus {
  const listeners = new Set<(e: StoreEvent) => void>();
  let channel: BroadcastChannel | null = null;
  let closed = false;

  // Opened on first use so that merely importing the module (tests, the CLI) opens nothing.
  const open = (): BroadcastChannel | null => {
    if (channel || closed || typeof BroadcastChannel === 'undefined') return channel;
    try {
      channel = new BroadcastChannel(name);
    } catch {
      return null;
    }
    // Node keeps the process alive while a channel is referenced; a notification channel should not.
    (channel as { unref?: () => void }).unref?.();
    channel.onmessage = (m: MessageEvent<unknown>) => {
      const parsed = StoreEventSchema.safeParse(m.data);
      // Another version of the app (or anything else on the channel) may send what we do not know.
      if (!parsed.success) return;
      for (const cb of [...listeners]) {
        try {
          cb(parsed.data);
        } catch (e) {
          // One failing listener must not keep the others stale.
          console.error('zhengbiao: store event listener failed', e);
        }
      }
    };
    return channel;
  };

  return {
    announce(e) {
      // Called after a commit: failing to notify must not turn a stored edit into a reported failure.
      try {
        open()?.postMessage(e);
      } catch (err) {
        console.error('zhengbiao: could not announce a store event', err);
      }
    },
    listen(cb) {
      listeners.add(cb);
      open();
      return () => {
        listeners.delete(cb);
      };
    },
    close() {
      closed = true;
      listeners.clear();
      channel?.close();
      channel = null;
    },
  };
}

/** This tab's bus, used by the Store and by the app. */
export const tabBus: Bus = createBus();

export function announce(e: StoreEvent): void {
  tabBus.announce(e);
}

export function listen(cb: (e: StoreEvent) => void): () => void {
  return tabBus.listen(cb);
}
