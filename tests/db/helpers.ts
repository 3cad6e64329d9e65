/** Shared by the store tests; import 'fake-indexeddb/auto' before this module. */
import { newId, sliceCodePoints, type Doc, type Span } from '../../src/core/index.ts';
import { createBus, openDatabase, Store, type Bus, type StoreEvent, type ZhengbiaoDB } from '../../src/db/index.ts';

/** Two paragraphs, one astral character (𠀀) so code-point and UTF-16 offsets differ after it. */
export const TEXT = '到2025年，单位GDP能耗降低13.5%。\n𠀀国家发展改革委负责实施“十链百企共生”专项行动。';

export function freshName(): string {
  return `zb-test-${newId()}`;
}

/** A store on a fresh database that records what it announces instead of broadcasting it. */
export function freshStore(name = freshName()): { db: ZhengbiaoDB; store: Store; events: StoreEvent[]; name: string } {
  const db = openDatabase(name);
  const events: StoreEvent[] = [];
  const bus: Pick<Bus, 'announce'> = { announce: (e) => events.push(e) };
  return { db, store: new Store(db, bus), events, name };
}

/** A store on `name` with its own bus: a second browser tab. */
export function tab(name: string): { db: ZhengbiaoDB; store: Store; bus: Bus } {
  const db = openDatabase(name);
  const bus = createBus();
  return { db, store: new Store(db, bus), bus };
}

export function spanOf(doc: Doc, start: number, end: number, label: string, id = newId()): Span {
  return { id, docId: doc.id, start, end, label, text: sliceCodePoints(doc.text, start, end) };
}

/** Resolves with the first event `listen` delivers, or rejects after `ms`. */
export function nextEvent(listen: (cb: (e: StoreEvent) => void) => () => void, ms = 1000): Promise<StoreEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error('no event within ' + ms + ' ms'));
    }, ms);
    const stop = listen((e) => {
      clearTimeout(timer);
      stop();
      resolve(e);
    });
  });
}
