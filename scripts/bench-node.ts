/**
 * The Node half of the benchmark, on the 1,000,000-code-point corpus:
 *  - native: @node-rs/jieba (jieba-rs compiled natively, a dev dependency for this only) doing what the
 *    worker's jieba does: `cut(piece, hmm = true)` on exactly the pieces the worker hands to jieba-wasm
 *    (paragraphs, long ones cut after punctuation: src/segment/boundaries.ts `pieces`). Only the cut
 *    calls are timed (the pieces are made beforehand): the strictest baseline for segment_vs_native.
 *    bench-pipeline.ts runs it once before each timed worker segmentation.
 *    Its boundaries, made by the same segmentBoundaries, are compared with the worker's.
 *  - wasm: the same segmentBoundaries with jieba-wasm's Node build (what NodeSegmenter does), for comparison.
 *  - suggest: src/suggest suggest() in Node, for comparison with the worker.
 * The Node figures are medians of 5 (segmentation) or 3 (suggestions) runs after a warm-up run.
 */
import { performance } from 'node:perf_hooks';
import { splitParagraphs } from '../src/core/document.ts';
import { DEFAULT_MAX_CHUNK, pieces, segmentBoundaries } from '../src/segment/boundaries.ts';
import { jiebaCut } from '../src/segment/node-segmenter.ts';
import { suggest } from '../src/suggest/index.ts';
import { median } from './bench-browser.ts';

function timed(runs: number, f: () => void): number {
  f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return median(times);
}

export function checksum(b: Uint32Array): number {
  let h = 0;
  for (const x of b) h = (Math.imul(h, 31) + x) >>> 0;
  return h;
}

/**
 * Native jieba on the corpus's pieces: `run` times one pass of cut calls (ms); `checksum`/`words` are of the
 * boundaries segmentBoundaries makes from it. Null with the reason when @node-rs/jieba cannot be loaded.
 */
export async function nativeJieba(corpus: string): Promise<{ run: () => number; checksum: number; words: number } | { error: string }> {
  try {
    const { Jieba } = await import('@node-rs/jieba');
    const { dict } = await import('@node-rs/jieba/dict');
    const jieba = Jieba.withDict(dict);
    const texts: string[] = [];
    for (const p of splitParagraphs(corpus)) {
      for (const piece of pieces(corpus.slice(p.unitStart, p.unitEnd), DEFAULT_MAX_CHUNK)) texts.push(piece.text);
    }
    const run = () => {
      const t0 = performance.now();
      for (const t of texts) jieba.cut(t, true);
      return performance.now() - t0;
    };
    run(); // warm
    const b = segmentBoundaries(corpus, (t) => jieba.cut(t, true));
    return { run, checksum: checksum(b), words: b.length - 1 };
  } catch (e) {
    return { error: `@node-rs/jieba not usable here: ${(e as Error).message}` };
  }
}

export function nodeFigures(corpus: string) {
  let wasmBoundaries = new Uint32Array(1);
  const wasmMs = timed(5, () => {
    wasmBoundaries = segmentBoundaries(corpus, jiebaCut);
  });
  const suggestMs = timed(3, () => suggest(corpus));
  return {
    wasm: { ms: wasmMs, checksum: checksum(wasmBoundaries), words: wasmBoundaries.length - 1 },
    suggest: { ms: suggestMs, count: suggest(corpus).length },
  };
}
