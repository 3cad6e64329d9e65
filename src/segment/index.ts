/**
 * Word segmentation. Browser code uses WorkerSegmenter (jieba in a Web Worker); the Node-only
 * NodeSegmenter lives in ./node-segmenter.ts and is deliberately not exported here.
 */
export type { Segmenter, ProgressCallback } from './segmenter.ts';
export { WorkerSegmenter } from './segmenter.ts';
export {
  segmentBoundaries,
  DEFAULT_MAX_CHUNK,
  DEFAULT_PROGRESS_EVERY,
  type Tokenize,
  type SegmentOptions,
} from './boundaries.ts';
export * from './protocol.ts';
