/** Messages between the page and the suggestion worker: requests carry ids; every message is checked. */
import { z } from 'zod';

const Id = z.number().int();
const Terms = z.array(z.tuple([z.string(), z.string()]));

export const suggestRequestSchema = z.discriminatedUnion('type', [
  /** The project's dictionary and what was learned from its spans: term → label. */
  z.object({ type: z.literal('set-terms'), id: Id, terms: Terms }),
  z.object({ type: z.literal('suggest'), id: Id, text: z.string() }),
]);

const SuggestionSchema = z.object({ start: z.number().int(), end: z.number().int(), label: z.string(), text: z.string(), rule: z.string() });

export const suggestResponseSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), id: Id }),
  z.object({ type: z.literal('suggested'), id: Id, suggestions: z.array(SuggestionSchema) }),
  z.object({ type: z.literal('error'), id: Id, message: z.string() }),
]);

export type SuggestRequest = z.infer<typeof suggestRequestSchema>;
export type SuggestResponse = z.infer<typeof suggestResponseSchema>;
