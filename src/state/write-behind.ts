/**
 * Storing a document's edits behind the screen. An edit is shown when it is made and its write is
 * issued at once, without waiting for the writes before it: IndexedDB runs read-write transactions over
 * the same tables in the order they were opened, so the edits land in the order they were made. Waiting
 * for each write before taking the next key made a key pressed during a slow write (tens of
 * milliseconds, sometimes a hundred) wait for it.
 *
 * When a write fails, the edits made after it were made on top of it: their writes, already issued, are
 * refused too (each asks `stillWanted` once the writes before it are done), and no new edit is taken
 * (`recovering`) until the owner, told once the writes in flight have finished (`failed`), has read the
 * document back as stored: what is shown is then again what a reload restores.
 */
import type { SpanChange } from '../core/index.ts';

export interface WriteEvents<S> {
  /** How many writes are in flight. */
  writing(count: number): void;
  /** A write landed. */
  stored(change: SpanChange): void;
  /** Writes failed; `first` is the first, with what the owner passed along with it. Edits are taken again once the returned promise settles. */
  failed(first: { error: Error; context: S }): Promise<void>;
}

export class WriteBehind<S> {
  readonly #write: (change: SpanChange, stillWanted: () => boolean) => Promise<void>;
  readonly #events: WriteEvents<S>;
  readonly #writes = new Set<Promise<unknown>>();
  readonly #reading = new Set<Promise<unknown>>();
  #failure: { error: Error; context: S } | null = null;
  /** The changes shown during each read in progress, to apply again to what it read. */
  readonly #reads = new Set<SpanChange[]>();

  constructor(write: (change: SpanChange, stillWanted: () => boolean) => Promise<void>, events: WriteEvents<S>) {
    this.#write = write;
    this.#events = events;
  }

  /** Set from a failed write until the document has been read back: no edit is to be made meanwhile. */
  get recovering(): boolean {
    return this.#failure !== null;
  }

  /** Stores a change already shown; `context` comes back with it if it fails. */
  write(change: SpanChange, context: S): void {
    for (const log of this.#reads) log.push(change);
    const stillWanted = () => this.#failure === null;
    let writing: Promise<void>;
    try {
      writing = this.#write(change, stillWanted);
    } catch (e) {
      writing = Promise.reject(e);
    }
    const done = writing.then(
      () => this.#events.stored(change),
      (e: unknown) => {
        this.#failure ??= { error: e instanceof Error ? e : new Error(String(e)), context };
      },
    );
    this.#writes.add(done);
    this.#events.writing(this.#writes.size);
    void done.then(async () => {
      this.#writes.delete(done);
      this.#events.writing(this.#writes.size);
      const failure = this.#failure;
      if (this.#writes.size > 0 || !failure || this.#recovery) return;
      this.#recovery = this.#events.failed(failure).catch(() => {});
      this.#reading.add(this.#recovery);
      await this.#recovery;
      this.#reading.delete(this.#recovery);
      this.#recovery = null;
      this.#failure = null;
    });
  }

  #recovery: Promise<void> | null = null;

  /**
   * Reads what is stored now (every write issued so far included), then hands `use` the result and the
   * changes shown while the read ran (their writes came after it), to apply on top of it.
   */
  read<T>(read: () => Promise<T>, use: (result: T, since: SpanChange[]) => void): Promise<void> {
    const since: SpanChange[] = [];
    this.#reads.add(since);
    const done: Promise<void> = read()
      .then((result) => use(result, since))
      .finally(() => {
        this.#reads.delete(since);
        this.#reading.delete(done);
      });
    this.#reading.add(done);
    return done;
  }

  /** Resolves once every write and read issued so far, and any issued meanwhile, is done. */
  async settled(): Promise<void> {
    while (this.#writes.size + this.#reading.size > 0) await Promise.allSettled([...this.#writes, ...this.#reading]);
  }
}
