/**
 * worker.ts itself, run in Node: `self` is a fake worker scope, `fetch` reads the wasm file from disk
 * (the worker compiles it and runs it through jieba-lengths.ts), and jieba-wasm/web — the fallback glue
 * for a wasm that jieba-lengths.ts does not know — is replaced by the Node build. The real browser run
 * is in `npm run bench` and tests/e2e.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WorkerResponse } from '../../src/segment/protocol.ts';
import { codePointLength } from '../../src/core/offsets.ts';
import { seedText } from './helpers.ts';

const init = vi.hoisted(() => vi.fn<(arg: unknown) => Promise<unknown>>());

vi.mock('jieba-wasm/web', async () => {
  const node = await import('jieba-wasm/node');
  return { default: init, cut: node.cut, add_word: node.add_word };
});

/** Serves files from disk, as the preview server would serve the built wasm. */
const serve = async (url: URL): Promise<Response> => new Response(readFileSync(fileURLToPath(url)), { headers: { 'content-type': 'application/wasm' } });
const fetchFile = vi.fn(serve);

class FakeScope extends EventTarget {
  readonly posted: { message: WorkerResponse; transfer: Transferable[] }[] = [];
  postMessage(message: WorkerResponse, transfer: Transferable[] = []): void {
    this.posted.push({ message, transfer });
  }
}

const scope = new FakeScope();
const send = (data: unknown): void => {
  scope.dispatchEvent(new MessageEvent('message', { data }));
};
/** Resolves once the worker has posted a final answer (not progress) for `id`. */
async function answer(id: number): Promise<WorkerResponse> {
  await vi.waitFor(() => {
    if (!scope.posted.some((p) => p.message.id === id && p.message.type !== 'progress')) throw new Error('waiting');
  });
  return scope.posted.find((p) => p.message.id === id && p.message.type !== 'progress')!.message;
}

beforeAll(async () => {
  init.mockResolvedValue({});
  vi.stubGlobal('fetch', fetchFile);
  vi.stubGlobal('self', scope);
  await import('../../src/segment/worker.ts');
});
afterAll(() => {
  vi.unstubAllGlobals();
});

describe('segmentation worker', () => {
  it('loads nothing until the first request', () => {
    expect(fetchFile).not.toHaveBeenCalled();
    expect(init).not.toHaveBeenCalled();
  });

  it('segments, reports progress and transfers the boundaries; loads the wasm once, from a file that exists', async () => {
    const text = seedText().repeat(10); // 29,190 code points + 9 joins: one progress report mid-way
    send({ type: 'segment', id: 1, text });
    send({ type: 'segment', id: 2, text: '𠀀利安隆' });
    const r1 = await answer(1);
    const r2 = await answer(2);
    expect(fetchFile).toHaveBeenCalledTimes(1);
    const url = fetchFile.mock.calls[0]![0];
    expect(url).toBeInstanceOf(URL);
    expect(url.href).toMatch(/jieba_rs_wasm_bg\.wasm$/);
    expect(existsSync(fileURLToPath(url))).toBe(true);
    expect(init).not.toHaveBeenCalled(); // the lengths glue took the wasm: jieba-wasm's own glue is not needed

    expect(r1.type).toBe('segmented');
    const b1 = (r1 as Extract<WorkerResponse, { type: 'segmented' }>).boundaries;
    expect(b1[b1.length - 1]).toBe(codePointLength(text));
    const posted1 = scope.posted.find((p) => p.message === r1)!;
    expect(posted1.transfer).toEqual([b1.buffer]);
    const progress = scope.posted.filter((p) => p.message.id === 1 && p.message.type === 'progress').map((p) => p.message);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.at(-1)).toEqual({ type: 'progress', id: 1, done: codePointLength(text), total: codePointLength(text) });
    expect(r2).toMatchObject({ type: 'segmented' });
    expect([...(r2 as Extract<WorkerResponse, { type: 'segmented' }>).boundaries]).toEqual([0, 1, 4]);
  });

  it('applies add-words before a segment sent right after it', async () => {
    send({ type: 'add-words', id: 3, words: ['利安隆二期'] });
    send({ type: 'segment', id: 4, text: '推动利安隆二期' });
    expect(await answer(3)).toEqual({ type: 'ready', id: 3 });
    const r = (await answer(4)) as Extract<WorkerResponse, { type: 'segmented' }>;
    expect([...r.boundaries]).toEqual([0, 2, 7]);
  });

  it('answers malformed requests with an error, keeping the id when there is one', async () => {
    send({ type: 'segment', id: 5, text: 42 });
    expect(await answer(5)).toMatchObject({ type: 'error', id: 5, message: expect.stringMatching(/Malformed request/) });
    const before = scope.posted.length;
    send('garbage');
    await vi.waitFor(() => expect(scope.posted.length).toBe(before + 1));
    expect(scope.posted.at(-1)!.message).toMatchObject({ type: 'error', id: -1 });
  });

  it('reports a failed wasm load as an error and retries on the next request', async () => {
    vi.resetModules();
    fetchFile.mockReset();
    fetchFile.mockRejectedValueOnce(new Error('fetch failed')).mockImplementation(serve);
    const fresh = new FakeScope();
    vi.stubGlobal('self', fresh);
    await import('../../src/segment/worker.ts');
    fresh.dispatchEvent(new MessageEvent('message', { data: { type: 'segment', id: 10, text: '政标' } }));
    fresh.dispatchEvent(new MessageEvent('message', { data: { type: 'segment', id: 11, text: '政标' } }));
    await vi.waitFor(() => expect(fresh.posted.filter((p) => p.message.type !== 'progress')).toHaveLength(2));
    const finals = fresh.posted.filter((p) => p.message.type !== 'progress').map((p) => p.message);
    expect(finals[0]).toEqual({ type: 'error', id: 10, message: 'fetch failed' });
    expect(finals[1]).toMatchObject({ type: 'segmented', id: 11 });
    expect(fetchFile).toHaveBeenCalledTimes(2);
  });

  it('falls back to jieba-wasm\'s own glue for a wasm the lengths glue does not know', async () => {
    vi.resetModules();
    init.mockClear();
    // A valid module of another shape (empty): jieba-lengths.ts declines it, init() gets it.
    fetchFile.mockReset();
    fetchFile.mockImplementation(async () => new Response(Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0), { headers: { 'content-type': 'application/wasm' } }));
    const fresh = new FakeScope();
    vi.stubGlobal('self', fresh);
    await import('../../src/segment/worker.ts');
    fresh.dispatchEvent(new MessageEvent('message', { data: { type: 'segment', id: 21, text: '𠀀利安隆' } }));
    await vi.waitFor(() => expect(fresh.posted.some((p) => p.message.id === 21 && p.message.type !== 'progress')).toBe(true));
    expect(init).toHaveBeenCalledTimes(1);
    expect((init.mock.calls[0]![0] as { module_or_path: unknown }).module_or_path).toBeInstanceOf(WebAssembly.Module);
    const r = fresh.posted.find((p) => p.message.id === 21 && p.message.type !== 'progress')!.message as Extract<WorkerResponse, { type: 'segmented' }>;
    expect([...r.boundaries]).toEqual([0, 1, 4]);
  });
});
