/**
 * What the suggesters know about a project: its dictionary, what its spans teach (a string tagged with
 * one label everywhere is suggested wherever it occurs; one tagged with different labels is a conflict
 * to resolve), the suggestions rejected, and pre-annotation of every document with progress.
 */
import type { Project, Span } from '../core/index.ts';
import type { Store } from '../db/index.ts';
import type { Suggester } from '../suggest/client.ts';
import { withoutExisting } from '../suggest/filter.ts';
import { learnFrom } from '../suggest/learned.ts';

export interface Conflict {
  text: string;
  labels: string[];
}

export class ProjectSuggestions {
  dictionary = $state.raw<[string, string][]>([]);
  conflicts = $state.raw<Conflict[]>([]);
  /** Suggestions waiting per document, after a pre-annotation of the project. */
  waiting = $state.raw<Map<string, number> | null>(null);
  progress = $state.raw<{ done: number; total: number } | null>(null);

  readonly #store: Store;
  readonly #suggester: Suggester;
  readonly #projectId: string;
  #rejected: Set<string>;
  /** Spans of the documents other than the open one. */
  #others: { docId: string; label: string; text: string }[] = [];
  #termsKey = '';

  constructor(store: Store, suggester: Suggester, project: Project) {
    this.#store = store;
    this.#suggester = suggester;
    this.#projectId = project.id;
    this.dictionary = project.dictionary ?? [];
    this.#rejected = new Set(project.rejected ?? []);
  }

  get rejected(): ReadonlySet<string> {
    return this.#rejected;
  }

  /** Reads what the project's spans teach, leaving out the open document (its spans come live). */
  async load(openDocId: string | null, openSpans: readonly Span[]): Promise<void> {
    const all = await this.#store.projectSpanTexts(this.#projectId);
    this.#others = all.filter((s) => s.docId !== openDocId);
    await this.learn(openSpans);
  }

  /** Updates the terms after the open document's spans changed; says whether they changed. */
  async learn(openSpans: readonly { label: string; text: string }[]): Promise<boolean> {
    const { gazetteer, conflicts } = learnFrom([...this.#others, ...openSpans]);
    this.conflicts = conflicts;
    // Dictionary entries come first: a term the user put in the dictionary wins over a learned one.
    const terms = new Map<string, string>(gazetteer.entries());
    for (const [term, label] of this.dictionary) terms.set(term, label);
    const list = [...terms.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const key = JSON.stringify(list);
    if (key === this.#termsKey) return false;
    this.#termsKey = key;
    await this.#suggester.setTerms(list);
    return true;
  }

  async addTerms(entries: [string, string][]): Promise<number> {
    const map = new Map(this.dictionary);
    let added = 0;
    for (const [term, label] of entries) {
      const t = term.trim();
      if (t === '' || map.get(t) === label) continue;
      map.set(t, label);
      added++;
    }
    this.dictionary = [...map.entries()];
    await this.#store.updateProject(this.#projectId, { dictionary: this.dictionary });
    return added;
  }

  async removeTerm(term: string): Promise<void> {
    this.dictionary = this.dictionary.filter(([t]) => t !== term);
    await this.#store.updateProject(this.#projectId, { dictionary: this.dictionary });
  }

  async reject(key: string): Promise<void> {
    this.#rejected.add(key);
    await this.#store.updateProject(this.#projectId, { rejected: [...this.#rejected] });
  }

  /** Suggests over every document of the project in the worker, counting what waits in each. */
  async preannotate(): Promise<Map<string, number>> {
    const docs = await this.#store.projectTexts(this.#projectId);
    const waiting = new Map<string, number>();
    this.progress = { done: 0, total: docs.length };
    try {
      for (const [i, d] of docs.entries()) {
        const [suggestions, spans] = await Promise.all([this.#suggester.suggest(d.text), this.#store.getSpans(d.id)]);
        waiting.set(d.id, withoutExisting(suggestions, spans, this.#rejected).length);
        this.progress = { done: i + 1, total: docs.length };
      }
    } finally {
      this.progress = null;
    }
    this.waiting = waiting;
    return waiting;
  }
}

/**
 * A word list: one term a line, optionally `term<TAB>LABEL`; lines without a label, or with a label
 * the project does not have (when `known` is given), get `label`.
 */
export function parseWordList(content: string, label: string, known?: ReadonlySet<string>): [string, string][] {
  return content
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [term, own] = line.split(/\t|\s{2,}/);
      const l = own?.trim();
      return [term!.trim(), l && (!known || known.has(l)) ? l : label];
    });
}
