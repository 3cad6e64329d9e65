/** Suggestions computed in-process: the command line and tests (the page uses the worker). */
import type { Suggester } from './client.ts';
import { Gazetteer } from './gazetteer.ts';
import { suggest } from './index.ts';
import type { Suggestion } from './types.ts';

export class LocalSuggester implements Suggester {
  #gazetteer = new Gazetteer();

  async setTerms(terms: [string, string][]): Promise<void> {
    const g = new Gazetteer();
    for (const [term, label] of terms) g.add(term, label);
    this.#gazetteer = g;
  }

  async suggest(text: string): Promise<Suggestion[]> {
    return suggest(text, { gazetteer: this.#gazetteer });
  }

  dispose(): void {}
}
