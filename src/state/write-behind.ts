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
  /**
   * Writes failed: `first` is the first, with what the owner passed along with it, and `last` what the
   * last write issued passed. The owner reads the document back; edits are taken again once the returned
   * promise resolves. If it rejects (the read failed too), it is asked again, later and later, and edits
   * stay refused: what is shown cannot be trusted until then. `attempt` counts from 0.
   */
  failed(failure: { error: Error; first: S; last: S }, attempt: number): Promise<void>;
}

/** How long to wait before asking the owner to read back again after a failed read-back. */
const RETRY_MS = [500, 1000, 2000, 5000, 10_000];

export class WriteBehind<S> {
  readonly #write: (change: SpanChange, stillWanted: () => boolean) => Promise<void>;
  readonly #events: WriteEvents<S>;
  readonly #writes = new Set<Promise<unknown>>();
  readonly #reading = new Set<Promise<unknown>>();
  #failure: { error: Error; first: S } | null = null;
  #last: S | null = null;
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

  /** Stores a change already shown; `context` comes back with it if it fails. Not while `recovering`. */
  write(change: SpanChange, context: S): void {
    if (this.recovering) throw new Error('no edit can be stored until the document has been read back');
    for (const log of this.#reads) log.push(change);
    this.#last = context;
    const stillWanted = () => this.#failure === null;
    let writing: Promise<void>;
    try {
      writing = this.#write(change, stillWanted);
    } catch (e) {
      writing = Promise.reject(e);
    }
    const done = writing.then(
      () => quietly(() => this.#events.stored(change)),
      (e: unknown) => {
        this.#failure ??= { error: e instanceof Error ? e : new Error(String(e)), first: context };
      },
    );
    this.#writes.add(done);
    quietly(() => this.#events.writing(this.#writes.size));
    void done.then(() => {
      this.#writes.delete(done);
      quietly(() => this.#events.writing(this.#writes.size));
      const failure = this.#failure;
      if (this.#writes.size > 0 || !failure || this.#recovery) return;
      this.#recovery = this.#recover({ ...failure, last: this.#last ?? failure.first });
      this.#reading.add(this.#recovery);
    });
  }

  #recovery: Promise<void> | null = null;

  /** Asks the owner to read back until it succeeds; then edits are taken again. */
  async #recover(failure: { error: Error; first: S; last: S }): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.#events.failed(failure, attempt);
        break;
      } catch {
        await new Promise((r) => setTimeout(r, RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]));
      }
    }
    this.#reading.delete(this.#recovery!);
    this.#recovery = null;
    this.#failure = null;
  }

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

/** Runs an owner's callback whose failure must not stop the bookkeeping here. */
function quietly(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    console.error(e);
  }
}
