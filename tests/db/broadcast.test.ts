import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { announce, CHANNEL_NAME, createBus, listen, type Bus, type StoreEvent, type ZhengbiaoDB } from '../../src/db/index.ts';
import { freshName, nextEvent, spanOf, tab, TEXT } from './helpers.ts';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanup.splice(0)) f();
});

function bus(name?: string): Bus {
  const b = createBus(name);
  cleanup.push(() => b.close());
  return b;
}

/** Lets queued channel messages arrive. */
const settle = () => new Promise((r) => setTimeout(r, 50));

describe('broadcast', () => {
  it('delivers an announcement to every listener of another tab', async () => {
    const name = `zb-bc-${Math.random()}`;
    const sender = bus(name);
    const receiver = bus(name);
    const got1: StoreEvent[] = [];
    const got2: StoreEvent[] = [];
    cleanup.push(receiver.listen((e) => got1.push(e)), receiver.listen((e) => got2.push(e)));

    const first = nextEvent(receiver.listen);
    sender.announce({ type: 'spans-changed', docId: 'd1' });
    expect(await first).toEqual({ type: 'spans-changed', docId: 'd1' });
    sender.announce({ type: 'documents-changed', projectId: 'p1' });
    await settle();
    const expected = [
      { type: 'spans-changed', docId: 'd1' },
      { type: 'documents-changed', projectId: 'p1' },
    ];
    expect(got1).toEqual(expected);
    expect(got2).toEqual(expected);
  });

  it('the module-level announce and listen work between this tab and another', async () => {
    const other = bus(CHANNEL_NAME);
    const heard = nextEvent(other.listen);
    announce({ type: 'documents-changed', projectId: 'p9' });
    expect(await heard).toEqual({ type: 'documents-changed', projectId: 'p9' });

    const back = nextEvent(listen);
    other.announce({ type: 'spans-changed', docId: 'd9' });
    expect(await back).toEqual({ type: 'spans-changed', docId: 'd9' });
  });

  it('does not echo a tab its own announcements (it already shows its edit)', async () => {
    const name = `zb-bc-${Math.random()}`;
    const me = bus(name);
    const other = bus(name);
    const mine: StoreEvent[] = [];
    cleanup.push(me.listen((e) => mine.push(e)));
    const theirs = nextEvent(other.listen);
    me.announce({ type: 'spans-changed', docId: 'd1' });
    await theirs;
    await settle();
    expect(mine).toEqual([]);
  });

  it('ignores malformed messages and stops after unsubscribe', async () => {
    const name = `zb-bc-${Math.random()}`;
    const receiver = bus(name);
    const got: StoreEvent[] = [];
    const stop = receiver.listen((e) => got.push(e));
    const raw = new BroadcastChannel(name);
    cleanup.push(() => raw.close());
    raw.postMessage({ type: 'spans-changed' });
    raw.postMessage({ type: 'reboot', docId: 'd1' });
    raw.postMessage('spans-changed');
    raw.postMessage(null);
    raw.postMessage({ type: 'spans-changed', docId: 'ok' });
    await settle();
    expect(got).toEqual([{ type: 'spans-changed', docId: 'ok' }]);

    stop();
    raw.postMessage({ type: 'spans-changed', docId: 'late' });
    await settle();
    expect(got).toHaveLength(1);
  });

  it('keeps delivering to other listeners when one throws', async () => {
    const name = `zb-bc-${Math.random()}`;
    const sender = bus(name);
    const receiver = bus(name);
    const original = console.error;
    console.error = () => {};
    cleanup.push(() => (console.error = original));
    cleanup.push(receiver.listen(() => {
      throw new Error('listener bug');
    }));
    const heard = nextEvent(receiver.listen);
    sender.announce({ type: 'spans-changed', docId: 'd1' });
    expect(await heard).toEqual({ type: 'spans-changed', docId: 'd1' });
  });

  it('does nothing, without throwing, where BroadcastChannel does not exist', () => {
    const original = globalThis.BroadcastChannel;
    // @ts-expect-error simulating an environment without BroadcastChannel
    delete globalThis.BroadcastChannel;
    try {
      const b = createBus('nowhere');
      const stop = b.listen(() => {});
      expect(() => b.announce({ type: 'spans-changed', docId: 'd' })).not.toThrow();
      stop();
      b.close();
    } finally {
      globalThis.BroadcastChannel = original;
    }
  });
});

describe('two tabs on one database', () => {
  const dbs: ZhengbiaoDB[] = [];
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
  });

  it('the second tab hears an edit of the first after it is committed, and reads it', async () => {
    const name = freshName();
    const a = tab(name);
    const b = tab(name);
    dbs.push(a.db, b.db);
    cleanup.push(() => a.bus.close(), () => b.bus.close());

    const { project, doc } = await a.store.ensureStarted({ title: '示例', text: TEXT });
    const opened = await b.store.ensureStarted({ title: '示例', text: TEXT });
    expect(opened.doc).toEqual(doc);

    // Read inside the notification, as the app does: the write must already be visible to it.
    const seen = new Promise<unknown>((resolve) => {
      cleanup.push(b.bus.listen((e) => {
        if (e.type === 'spans-changed') resolve(b.store.getSpans(e.docId));
      }));
    });
    const span = spanOf(doc!, 24, 31, 'ORG');
    await a.store.applyChange({ docId: doc!.id, before: [], after: [span] });
    expect(await seen).toEqual([span]);

    const listed = nextEvent(b.bus.listen);
    const added = await a.store.addDocument(project.id, '第二篇', '新的文本');
    expect(await listed).toEqual({ type: 'documents-changed', projectId: project.id });
    expect((await b.store.listDocuments(project.id)).map((d) => d.id)).toContain(added.id);
  });
});
