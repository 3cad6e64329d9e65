/**
 * The segmentation Web Worker: the only place the browser build imports jieba-wasm. Loads the wasm
 * (~4 MB, ~0.4 s with the dictionary) lazily on the first request, then answers requests one at a time
 * in arrival order (an add-words sent before a segment is applied before it). Started by WorkerSegmenter.
 *
 * jieba runs through jieba-lengths.ts (word lengths instead of word strings, ~20 % faster) when the
 * .wasm is the build that glue knows, else through jieba-wasm's own glue (`cut`, words as strings).
 */
/// <reference lib="webworker" />
import init, { add_word, cut } from 'jieba-wasm/web';
import { segmentBoundaries, type Tokenize } from './boundaries.ts';
import { lengthsJieba } from './jieba-lengths.ts';
import { idOf, requestSchema, type WorkerRequest, type WorkerResponse } from './protocol.ts';

/**
 * The wasm file, resolved by Vite: at build time it is emitted as a hashed asset next to the worker
 * chunk; in dev it is served from node_modules. (The package's exports map has no subpath for the .wasm,
 * so `jieba-wasm/web/jieba_rs_wasm_bg.wasm?url` cannot be resolved; a relative URL into node_modules can.)
 */
const wasmUrl = new URL('../../node_modules/jieba-wasm/pkg/web/jieba_rs_wasm_bg.wasm', import.meta.url);

const scope = self as unknown as DedicatedWorkerGlobalScope;

interface Jieba {
  /** jieba's default mode with HMM: the words of a piece, or their code-point lengths. */
  cut: Tokenize;
  addWord(word: string): void;
}

async function compile(url: URL): Promise<WebAssembly.Module> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not load the segmenter (${response.status} ${response.statusText})`);
  // Streaming compilation needs the application/wasm type; a server without it still gets the bytes compiled.
  if (response.headers.get('content-type')?.startsWith('application/wasm')) return WebAssembly.compileStreaming(response);
  return WebAssembly.compile(await response.arrayBuffer());
}

async function load(): Promise<Jieba> {
  const module = await compile(wasmUrl);
  const lengths = lengthsJieba(module);
  if (lengths) return { cut: (text) => lengths.cut(text), addWord: (word) => lengths.addWord(word) };
  await init({ module_or_path: module });
  return { cut: (text) => cut(text, true), addWord: (word) => void add_word(word) };
}

let loading: Promise<Jieba> | null = null;

function ensureLoaded(): Promise<Jieba> {
  if (!loading) {
    loading = load();
    // A failed load (network, bad file) is retried by the next request instead of failing forever.
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

function post(message: WorkerResponse, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

async function handle(request: WorkerRequest): Promise<void> {
  const jieba = await ensureLoaded();
  switch (request.type) {
    case 'segment': {
      const boundaries = segmentBoundaries(request.text, jieba.cut, (done, total) => post({ type: 'progress', id: request.id, done, total }));
      post({ type: 'segmented', id: request.id, boundaries }, [boundaries.buffer]);
      break;
    }
    case 'add-words': {
      for (const word of request.words) {
        if (word.trim() !== '') jieba.addWord(word);
      }
      post({ type: 'ready', id: request.id });
      break;
    }
  }
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Requests run strictly one after another, in the order they arrived. */
let queue: Promise<void> = Promise.resolve();

scope.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = requestSchema.safeParse(event.data);
  if (!parsed.success) {
    post({ type: 'error', id: idOf(event.data), message: `Malformed request: ${parsed.error.message}` });
    return;
  }
  const request = parsed.data;
  queue = queue.then(() =>
    handle(request).catch((e: unknown) => post({ type: 'error', id: request.id, message: errorMessage(e) })),
  );
});
