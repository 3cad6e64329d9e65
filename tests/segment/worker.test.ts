/**
 * worker.ts itself, run in Node: `self` is a fake worker scope and jieba-wasm/web is replaced by the
 * Node build (same tokenizer, no fetch). The real browser run is checked separately (see the report).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WorkerResponse } from '../../src/segment/protocol.ts';
import { codePointLength } from '../../src/core/offsets.ts';
import { seedText } from './helpers.ts';

const init = vi.hoisted(() => vi.fn<(arg: unknown) => Promise<unknown>>());

vi.mock('jieba-wasm/web', async () => {
  const node = await import('jieba-wasm/node');
  return { default: init, tokenize: node.tokenize, add_word: node.add_word };
});

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
  vi.stubGlobal('self', scope);
  await import('../../src/segment/worker.ts');
});
afterAll(() => {
  vi.unstubAllGlobals();
});

describe('segmentation worker', () => {
  it('loads nothing until the first request', () => {
    expect(init).not.toHaveBeenCalled();
  });

  it('segments, reports progress and transfers the boundaries; loads the wasm once, from a file that exists', async () => {
    const text = seedText().repeat(10); // 29,190 code points + 9 joins: one progress report mid-way
    send({ type: 'segment', id: 1, text });
    send({ type: 'segment', id: 2, text: '𠀀利安隆' });
    const r1 = await answer(1);
    const r2 = await answer(2);
    expect(init).toHaveBeenCalledTimes(1);
    const { module_or_path } = init.mock.calls[0]![0] as { module_or_path: URL };
    expect(module_or_path).toBeInstanceOf(URL);
    expect(module_or_path.href).toMatch(/jieba_rs_wasm_bg\.wasm$/);
    expect(existsSync(fileURLToPath(module_or_path))).toBe(true);

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
    init.mockReset();
    init.mockRejectedValueOnce(new Error('fetch failed')).mockResolvedValue({});
    const fresh = new FakeScope();
    vi.stubGlobal('self', fresh);
    await import('../../src/segment/worker.ts');
    fresh.dispatchEvent(new MessageEvent('message', { data: { type: 'segment', id: 10, text: '政标' } }));
    fresh.dispatchEvent(new MessageEvent('message', { data: { type: 'segment', id: 11, text: '政标' } }));
    await vi.waitFor(() => expect(fresh.posted.filter((p) => p.message.type !== 'progress')).toHaveLength(2));
    const finals = fresh.posted.filter((p) => p.message.type !== 'progress').map((p) => p.message);
    expect(finals[0]).toEqual({ type: 'error', id: 10, message: 'fetch failed' });
    expect(finals[1]).toMatchObject({ type: 'segmented', id: 11 });
    expect(init).toHaveBeenCalledTimes(2);
  });
});
