import { describe, expect, it, vi } from 'vitest';
import { WorkerSegmenter } from '../../src/segment/segmenter.ts';
import type { WorkerRequest, WorkerResponse } from '../../src/segment/protocol.ts';

/** Stands in for a Web Worker: records what it is sent; the test answers (or crashes) it by hand. */
class FakeWorker extends EventTarget {
  readonly sent: WorkerRequest[] = [];
  terminated = false;

  postMessage(message: WorkerRequest): void {
    if (this.terminated) throw new Error('posted to a terminated worker');
    this.sent.push(structuredClone(message));
  }

  terminate(): void {
    this.terminated = true;
  }

  reply(data: WorkerResponse | unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }

  crash(message: string): void {
    const event = new Event('error', { cancelable: true });
    Object.assign(event, { message });
    this.dispatchEvent(event);
  }

  lastId(type: WorkerRequest['type'] = 'segment'): number {
    const m = this.sent.filter((s) => s.type === type).at(-1);
    if (!m) throw new Error(`no ${type} request sent`);
    return m.id;
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const factory = vi.fn(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w as unknown as Worker;
  });
  return { segmenter: new WorkerSegmenter(factory), workers, factory };
}

const u32 = (...xs: number[]) => Uint32Array.from(xs);

describe('WorkerSegmenter', () => {
  it('starts no worker until first used, then reuses one', async () => {
    const { segmenter, workers, factory } = setup();
    expect(factory).not.toHaveBeenCalled();
    const a = segmenter.segment('甲');
    const b = segmenter.segment('乙');
    expect(factory).toHaveBeenCalledTimes(1);
    const w = workers[0]!;
    expect(w.sent.map((m) => m.type)).toEqual(['segment', 'segment']);
    for (const m of w.sent) w.reply({ type: 'segmented', id: m.id, boundaries: u32(0, 1) });
    await Promise.all([a, b]);
    expect(factory).toHaveBeenCalledTimes(1);
  });

  it('matches answers to requests by id, whatever order they come back in', async () => {
    const { segmenter, workers } = setup();
    const first = segmenter.segment('政府工作');
    const second = segmenter.segment('报告');
    const w = workers[0]!;
    const [r1, r2] = w.sent as [WorkerRequest, WorkerRequest];
    expect(r1).toMatchObject({ type: 'segment', text: '政府工作' });
    expect(r2).toMatchObject({ type: 'segment', text: '报告' });
    expect(r1.id).not.toBe(r2.id);
    w.reply({ type: 'segmented', id: r2.id, boundaries: u32(0, 2) });
    w.reply({ type: 'segmented', id: r1.id, boundaries: u32(0, 2, 4) });
    expect([...(await first)]).toEqual([0, 2, 4]);
    expect([...(await second)]).toEqual([0, 2]);
    expect(segmenter.pendingCount).toBe(0);
  });

  it('sends progress to the callback of its own request only', async () => {
    const { segmenter, workers } = setup();
    const p1: number[][] = [];
    const p2: number[][] = [];
    const a = segmenter.segment('a', (d, t) => p1.push([d, t]));
    const b = segmenter.segment('b', (d, t) => p2.push([d, t]));
    const w = workers[0]!;
    const [ia, ib] = w.sent.map((m) => m.id) as [number, number];
    w.reply({ type: 'progress', id: ia, done: 20_000, total: 50_000 });
    w.reply({ type: 'progress', id: ib, done: 5, total: 9 });
    w.reply({ type: 'progress', id: ia, done: 40_000, total: 50_000 });
    w.reply({ type: 'segmented', id: ia, boundaries: u32(0, 1) });
    w.reply({ type: 'segmented', id: ib, boundaries: u32(0, 1) });
    await Promise.all([a, b]);
    expect(p1).toEqual([
      [20_000, 50_000],
      [40_000, 50_000],
    ]);
    expect(p2).toEqual([[5, 9]]);
  });

  it('rejects just the request the worker reports an error for', async () => {
    const { segmenter, workers } = setup();
    const bad = segmenter.segment('x');
    const good = segmenter.segment('y');
    const w = workers[0]!;
    const [ibad, igood] = w.sent.map((m) => m.id) as [number, number];
    w.reply({ type: 'error', id: ibad, message: 'jieba exploded' });
    await expect(bad).rejects.toThrow('jieba exploded');
    expect(segmenter.pendingCount).toBe(1);
    w.reply({ type: 'segmented', id: igood, boundaries: u32(0, 1) });
    expect([...(await good)]).toEqual([0, 1]);
    expect(w.terminated).toBe(false);
  });

  it('rejects a request whose answer is malformed, and ignores malformed messages without an id', async () => {
    const { segmenter, workers } = setup();
    const a = segmenter.segment('x');
    const w = workers[0]!;
    const id = w.lastId();
    w.reply({ nonsense: true });
    w.reply('hello');
    expect(segmenter.pendingCount).toBe(1);
    w.reply({ type: 'segmented', id, boundaries: [0, 1] }); // a plain array is not a Uint32Array
    await expect(a).rejects.toThrow(/Malformed response/);
    expect(segmenter.pendingCount).toBe(0);
  });

  it('rejects an answer of the wrong kind', async () => {
    const { segmenter, workers } = setup();
    const a = segmenter.segment('x');
    const w = workers[0]!;
    w.reply({ type: 'ready', id: w.lastId() });
    await expect(a).rejects.toThrow(/ready/);
    const words = segmenter.addWords(['利安隆']);
    w.reply({ type: 'segmented', id: w.lastId('add-words'), boundaries: u32(0) });
    await expect(words).rejects.toThrow(/boundaries/);
  });

  it('on a crash rejects everything pending, and the next call gets a fresh worker with the added words', async () => {
    const { segmenter, workers, factory } = setup();
    const words = segmenter.addWords(['利安隆', '众卡', ' ']);
    const w1 = workers[0]!;
    expect(w1.sent[0]).toMatchObject({ type: 'add-words', words: ['利安隆', '众卡'] });
    w1.reply({ type: 'ready', id: w1.lastId('add-words') });
    await words;

    const a = segmenter.segment('a');
    const b = segmenter.segment('b');
    w1.crash('out of memory');
    await expect(a).rejects.toThrow(/crashed: out of memory/);
    await expect(b).rejects.toThrow(/crashed/);
    expect(w1.terminated).toBe(true);
    expect(segmenter.pendingCount).toBe(0);

    // A late answer from the dead worker changes nothing.
    w1.reply({ type: 'segmented', id: 999, boundaries: u32(0) });

    const c = segmenter.segment('推动利安隆');
    expect(factory).toHaveBeenCalledTimes(2);
    const w2 = workers[1]!;
    // The dictionary additions are replayed before the new request.
    expect(w2.sent.map((m) => m.type)).toEqual(['add-words', 'segment']);
    expect(w2.sent[0]).toMatchObject({ words: ['利安隆', '众卡'] });
    w2.reply({ type: 'ready', id: w2.sent[0]!.id });
    w2.reply({ type: 'segmented', id: w2.lastId(), boundaries: u32(0, 2, 5) });
    expect([...(await c)]).toEqual([0, 2, 5]);
  });

  it('treats an unreadable message (messageerror) as a crash', async () => {
    const { segmenter, workers } = setup();
    const a = segmenter.segment('a');
    workers[0]!.dispatchEvent(new Event('messageerror'));
    await expect(a).rejects.toThrow(/could not be read/);
    segmenter.segment('b').catch(() => {});
    expect(workers).toHaveLength(2);
  });

  it('rejects when the worker cannot even be created, and tries again next time', async () => {
    let fail = true;
    const workers: FakeWorker[] = [];
    const segmenter = new WorkerSegmenter(() => {
      if (fail) throw new Error('no workers here');
      const w = new FakeWorker();
      workers.push(w);
      return w as unknown as Worker;
    });
    await expect(segmenter.segment('a')).rejects.toThrow('no workers here');
    fail = false;
    const b = segmenter.segment('b');
    workers[0]!.reply({ type: 'segmented', id: workers[0]!.lastId(), boundaries: u32(0, 1) });
    expect([...(await b)]).toEqual([0, 1]);
  });

  it('addWords resolves on ready and sends nothing for no words', async () => {
    const { segmenter, workers, factory } = setup();
    await segmenter.addWords([]);
    await segmenter.addWords(['  ']);
    expect(factory).not.toHaveBeenCalled();
    const p = segmenter.addWords(['常山']);
    const w = workers[0]!;
    w.reply({ type: 'ready', id: w.lastId('add-words') });
    await expect(p).resolves.toBeUndefined();
  });

  it('dispose terminates the worker, rejects pending and later calls', async () => {
    const { segmenter, workers, factory } = setup();
    const a = segmenter.segment('a');
    segmenter.dispose();
    await expect(a).rejects.toThrow(/disposed/);
    expect(workers[0]!.terminated).toBe(true);
    await expect(segmenter.segment('b')).rejects.toThrow(/disposed/);
    await expect(segmenter.addWords(['x'])).rejects.toThrow(/disposed/);
    expect(factory).toHaveBeenCalledTimes(1);
  });
});
