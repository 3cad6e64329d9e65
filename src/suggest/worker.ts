/// <reference lib="webworker" />
/** The suggestion worker: rule suggesters and the project's terms, off the page's thread. */
import { Gazetteer } from './gazetteer.ts';
import { suggest } from './index.ts';
import { suggestRequestSchema, type SuggestResponse } from './protocol.ts';

let gazetteer = new Gazetteer();

function reply(msg: SuggestResponse): void {
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(msg);
}

self.onmessage = (event: MessageEvent<unknown>) => {
  const parsed = suggestRequestSchema.safeParse(event.data);
  if (!parsed.success) {
    const id = typeof (event.data as { id?: unknown })?.id === 'number' ? (event.data as { id: number }).id : -1;
    reply({ type: 'error', id, message: `bad request: ${parsed.error.message}` });
    return;
  }
  const req = parsed.data;
  try {
    if (req.type === 'set-terms') {
      const next = new Gazetteer();
      for (const [term, label] of req.terms) next.add(term, label);
      gazetteer = next;
      reply({ type: 'ready', id: req.id });
    } else {
      reply({ type: 'suggested', id: req.id, suggestions: suggest(req.text, { gazetteer }) });
    }
  } catch (e) {
    reply({ type: 'error', id: req.id, message: (e as Error).message });
  }
};
