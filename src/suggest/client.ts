/**
 * Suggestions for a text, computed in one long-lived worker (created on first use) so that a long
 * document or a whole project never blocks the page. `LocalSuggester` (local.ts) does the same work
 * in-process for the command line and tests; the page's bundle never holds the rules themselves.
 */
import { suggestResponseSchema, type SuggestRequest } from './protocol.ts';
import type { Suggestion } from './types.ts';

export interface Suggester {
  /** The project's dictionary and learned terms (term → label), used by every later call. */
  setTerms(terms: [string, string][]): Promise<void>;
  suggest(text: string): Promise<Suggestion[]>;
  dispose(): void;
}

type Pending = { resolve: (v: Suggestion[] | void) => void; reject: (e: Error) => void };

export class WorkerSuggester implements Suggester {
  readonly #create: () => Worker;
  #worker: Worker | null = null;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  #terms: [string, string][] = [];

  constructor(create: () => Worker = () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'zhengbiao-suggester' })) {
    this.#create = create;
  }

  setTerms(terms: [string, string][]): Promise<void> {
    this.#terms = terms;
    return this.#request({ type: 'set-terms', id: this.#nextId++, terms }) as Promise<void>;
  }

  suggest(text: string): Promise<Suggestion[]> {
    return this.#request({ type: 'suggest', id: this.#nextId++, text }) as Promise<Suggestion[]>;
  }

  dispose(): void {
    this.#fail(new Error('the suggester was closed'));
    this.#worker?.terminate();
    this.#worker = null;
  }

  #request(req: SuggestRequest): Promise<Suggestion[] | void> {
    return new Promise((resolve, reject) => {
      this.#pending.set(req.id, { resolve, reject });
      this.#ensure().postMessage(req);
    });
  }

  #ensure(): Worker {
    if (this.#worker) return this.#worker;
    const w = this.#create();
    w.onmessage = (e: MessageEvent<unknown>) => {
      const parsed = suggestResponseSchema.safeParse(e.data);
      if (!parsed.success) return;
      const msg = parsed.data;
      const p = this.#pending.get(msg.id);
      if (!p) return;
      this.#pending.delete(msg.id);
      if (msg.type === 'error') p.reject(new Error(msg.message));
      else p.resolve(msg.type === 'suggested' ? msg.suggestions : undefined);
    };
    // A crashed worker fails what it had; the next call starts a new one with the same terms.
    w.onerror = (e) => {
      e.preventDefault?.();
      this.#fail(new Error(`the suggestion worker stopped: ${e.message}`));
      this.#worker = null;
      if (this.#terms.length > 0) void this.setTerms(this.#terms).catch(() => {});
    };
    this.#worker = w;
    return w;
  }

  #fail(error: Error): void {
    for (const p of this.#pending.values()) p.reject(error);
    this.#pending.clear();
  }
}

/** No suggestions at all: for a workspace that is not given a suggester. */
export class NoSuggester implements Suggester {
  async setTerms(): Promise<void> {}
  async suggest(): Promise<Suggestion[]> {
    return [];
  }
  dispose(): void {}
}
