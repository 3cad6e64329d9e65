// The project's dataset: export to doccano JSONL, import into an empty project, get the same back.
import { describe, expect, it } from 'vitest';
import { Store, openDatabase } from '../../src/db/index.ts';
import { Workspace } from '../../src/state/workspace.svelte.ts';
import { FakeSegmenter } from '../fake-segmenter.ts';

const SEED = { title: '常山县报告', text: '实施新都片区全域工业土地综合整治，力争全年整治1980亩以上。\n𠀀利安隆二期尽快落地。' };

async function workspace() {
  const db = openDatabase(`export-${Math.random()}`);
  const ws = new Workspace(new Store(db), new FakeSegmenter());
  await ws.start(SEED);
  return Object.assign(ws, { db });
}

function find(text: string, needle: string) {
  const start = Array.from(text.slice(0, text.indexOf(needle))).length;
  return { start, end: start + Array.from(needle).length };
}

async function snapshot(ws: Workspace) {
  const out = [];
  for (const d of ws.documents) {
    const doc = (await ws.store.getDocument(d.id))!;
    const spans = (await ws.store.getSpans(d.id)).map(({ start, end, label, text }) => ({ start, end, label, text }));
    out.push({ title: doc.title, text: doc.text, spans });
  }
  return out;
}

describe('export and import', () => {
  it('restores identical documents and spans in an empty project', async () => {
    const ws = await workspace();
    const s = ws.session!;
    await s.create(find(SEED.text, '力争全年整治1980亩以上'), 'TARGET');
    await s.create(find(SEED.text, '1980亩以上'), 'METRIC');
    await s.create(find(SEED.text, '利安隆二期'), 'PROJECT');
    await ws.pasteDocument('第二篇', '新增建设用地600亩以上');
    await ws.session!.create({ start: 6, end: 12 }, 'METRIC');
    const before = await snapshot(ws);

    const file = (await ws.exchange.exportJsonl())!;
    const lines = file.content.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0].label).toEqual([
      [17, 30, 'TARGET'],
      [23, 30, 'METRIC'],
      [33, 38, 'PROJECT'],
    ]);
    // Code points: 𠀀 is one, so 利安隆二期 starts at 33, not at UTF-16's 34.
    expect(Array.from(lines[0].text as string).slice(33, 38).join('')).toBe('利安隆二期');

    await ws.createProject('空项目');
    expect(ws.documents).toEqual([]);
    expect(await ws.exchange.importFile(file.name, file.content)).toBe(true);
    expect(await snapshot(ws)).toEqual(before);
  });

  it('refuses to export a span whose text no longer matches, naming document and span', async () => {
    const ws = await workspace();
    await ws.session!.create(find(SEED.text, '利安隆二期'), 'PROJECT');
    const [span] = await ws.store.getSpans(ws.session!.doc.id);
    await ws.db.spans.put({ ...span!, text: '众卡二期' }); // damage behind the store's back
    expect(await ws.exchange.exportJsonl()).toBeNull();
    const error = ws.notices.at(-1)!;
    expect(error.kind).toBe('error');
    expect(error.text).toMatch(/Export refused: 1 span/);
    expect(error.details).toHaveLength(1);
    expect(error.details[0]).toContain('常山县报告');
    expect(error.details[0]).toContain('PROJECT');
    expect(error.details[0]).toContain('众卡二期');
  });
});
