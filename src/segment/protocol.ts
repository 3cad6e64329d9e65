/**
 * Messages between the main thread (WorkerSegmenter) and the segmentation worker (worker.ts).
 * Every request carries an `id`; every response to it repeats that id. Both sides validate what they
 * receive with these schemas, so a malformed message becomes an `error`, never a silent wrong answer.
 * Offsets and counts are code points (see src/core/offsets.ts).
 */
import { z } from 'zod';

const id = z.number().int();

export const segmentRequestSchema = z.object({
  type: z.literal('segment'),
  id,
  text: z.string(),
});

export const addWordsRequestSchema = z.object({
  type: z.literal('add-words'),
  id,
  words: z.array(z.string()),
});

export const requestSchema = z.discriminatedUnion('type', [segmentRequestSchema, addWordsRequestSchema]);

export const progressResponseSchema = z.object({
  type: z.literal('progress'),
  id,
  /** Code points segmented so far. */
  done: z.number().int().nonnegative(),
  /** Code-point length of the whole text. */
  total: z.number().int().nonnegative(),
});

export const segmentedResponseSchema = z.object({
  type: z.literal('segmented'),
  id,
  /** Word boundaries (src/core/tokens.ts Boundaries); its buffer is transferred, not copied. */
  boundaries: z.instanceof(Uint32Array),
});

export const errorResponseSchema = z.object({
  type: z.literal('error'),
  /** The failed request's id, or -1 when the request was too malformed to have one. */
  id,
  message: z.string(),
});

/** Reply to `add-words`: the words are in the dictionary. */
export const readyResponseSchema = z.object({
  type: z.literal('ready'),
  id,
});

export const responseSchema = z.discriminatedUnion('type', [
  progressResponseSchema,
  segmentedResponseSchema,
  errorResponseSchema,
  readyResponseSchema,
]);

export type SegmentRequest = z.infer<typeof segmentRequestSchema>;
export type AddWordsRequest = z.infer<typeof addWordsRequestSchema>;
/** Main thread → worker. */
export type WorkerRequest = z.infer<typeof requestSchema>;

export type ProgressResponse = z.infer<typeof progressResponseSchema>;
export type SegmentedResponse = z.infer<typeof segmentedResponseSchema>;
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
export type ReadyResponse = z.infer<typeof readyResponseSchema>;
/** Worker → main thread. */
export type WorkerResponse = z.infer<typeof responseSchema>;

/** The id of a message that failed validation, when it has a usable one; -1 otherwise. */
export function idOf(message: unknown): number {
  if (typeof message === 'object' && message !== null && 'id' in message) {
    const v = (message as { id: unknown }).id;
    if (typeof v === 'number' && Number.isInteger(v)) return v;
  }
  return -1;
}
