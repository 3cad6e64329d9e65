/**
 * Segmenter: word boundaries for a document text. The browser implementation runs jieba in one
 * long-lived Web Worker (worker.ts) so that the main thread never blocks on the dictionary load or on a
 * long report.
 */
import type { Boundaries } from '../core/tokens.ts';
import type { ProgressCallback } from './boundaries.ts';
import { idOf, responseSchema, type WorkerRequest, type WorkerResponse } from './protocol.ts';

export type { ProgressCallback };

export interface Segmenter {
  /** Ascending code-point boundaries from 0 to the text's code-point length. */
  segment(text: string, onProgress?: ProgressCallback): Promise<Boundaries>;
  /** Adds words to the dictionary used by every later segment call. */
  addWords(words: string[]): Promise<void>;
  /** Frees the worker; pending calls reject and later calls reject too. */
  dispose(): void;
}

function defaultFactory(): Worker {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'zhengbiao-segmenter' });
}

type Pending =
  | { kind: 'segment'; resolve: (b: Boundaries) => void; reject: (e: Error) => void; onProgress?: ProgressCallback }
  | { kind: 'add-words'; resolve: () => void; reject: (e: Error) => void; words: string[] };

export class WorkerSegmenter implements Segmenter {
  readonly #createWorker: () => Worker;
  #worker: Worker | null = null;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  /** Every word added so far, replayed into a fresh worker after a crash. */
  readonly #words = new Set<string>();
  #disposed = false;

  constructor(createWorker: () => Worker = defaultFactory) {
    this.#createWorker = createWorker;
  }

  segment(text: string, onProgress?: ProgressCallback): Promise<Boundaries> {
    return new Promise<Boundaries>((resolve, reject) => {
      const id = this.#nextId++;
      const pending: Pending = { kind: 'segment', resolve, reject };
      if (onProgress) pending.onProgress = onProgress;
      this.#send({ type: 'segment', id, text }, pending);
    });
  }

  addWords(words: string[]): Promise<void> {
    const fresh = words.filter((w) => w.trim() !== '');
    if (fresh.length === 0 && !this.#disposed) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const id = this.#nextId++;
      this.#send({ type: 'add-words', id, words: fresh }, { kind: 'add-words', resolve, reject, words: fresh });
    });
  }

  dispose(): void {
    this.#disposed = true;
    this.#teardown(new Error('Segmenter disposed'));
  }

  /** Number of requests still waiting for an answer (for tests and diagnostics). */
  get pendingCount(): number {
    return this.#pending.size;
  }

  #send(request: WorkerRequest, pending: Pending): void {
    if (this.#disposed) {
      pending.reject(new Error('Segmenter disposed'));
      return;
    }
    let worker: Worker;
    try {
      worker = this.#ensureWorker();
    } catch (e) {
      pending.reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    this.#pending.set(request.id, pending);
    try {
      worker.postMessage(request);
    } catch (e) {
      this.#pending.delete(request.id);
      pending.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = this.#createWorker();
    worker.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (worker === this.#worker) this.#onMessage(event.data);
    });
    worker.addEventListener('error', (event: Event) => {
      if (worker !== this.#worker) return;
      event.preventDefault?.();
      const detail = (event as Partial<ErrorEvent>).message;
      this.#teardown(new Error(`Segmentation worker crashed${detail ? `: ${detail}` : ''}`));
    });
    worker.addEventListener('messageerror', () => {
      if (worker === this.#worker) this.#teardown(new Error('Segmentation worker sent a message that could not be read'));
    });
    this.#worker = worker;
    if (this.#words.size > 0) {
      // A fresh worker after a crash: it has only the built-in dictionary. Its reply is ignored (no pending).
      worker.postMessage({ type: 'add-words', id: this.#nextId++, words: [...this.#words] } satisfies WorkerRequest);
    }
    return worker;
  }

  #onMessage(data: unknown): void {
    const parsed = responseSchema.safeParse(data);
    if (!parsed.success) {
      const id = idOf(data);
      this.#settle(id)?.reject(new Error(`Malformed response from the segmentation worker: ${parsed.error.message}`));
      return;
    }
    const message: WorkerResponse = parsed.data;
    const pending = this.#pending.get(message.id);
    if (!pending) return; // a late answer to a request already given up on, or the replayed add-words
    switch (message.type) {
      case 'progress':
        if (pending.kind === 'segment') pending.onProgress?.(message.done, message.total);
        return;
      case 'error':
        this.#settle(message.id);
        pending.reject(new Error(message.message));
        return;
      case 'segmented':
        this.#settle(message.id);
        if (pending.kind === 'segment') pending.resolve(message.boundaries);
        else pending.reject(new Error('Segmentation worker answered add-words with boundaries'));
        return;
      case 'ready':
        this.#settle(message.id);
        if (pending.kind === 'add-words') {
          for (const w of pending.words) this.#words.add(w);
          pending.resolve();
        } else pending.reject(new Error('Segmentation worker answered segment with ready'));
        return;
    }
  }

  /** Removes and returns the pending request `id`. */
  #settle(id: number): Pending | undefined {
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    return pending;
  }

  /** Drops the worker and rejects everything pending; the next call starts a fresh worker. */
  #teardown(error: Error): void {
    const worker = this.#worker;
    this.#worker = null;
    worker?.terminate();
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of pending) p.reject(error);
  }
}
