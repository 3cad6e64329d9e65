// Suggestions for the open document: learned from tagged text, dictionary terms, conflicts, sources.
import { describe, expect, it } from 'vitest';
import { Store, createBus, openDatabase } from '../../src/db/index.ts';
import { parseWordList } from '../../src/state/project-suggestions.svelte.ts';
import { Workspace } from '../../src/state/workspace.svelte.ts';
import { LocalSuggester } from '../../src/suggest/local.ts';
import { FakeSegmenter } from '../fake-segmenter.ts';

const TEXT = '推动常山胡柚深加工项目落地。常山胡柚深加工项目年内开工。\n新增建设用地600亩以上。';

async function start() {
  const dbName = `sugg-${Math.random()}`;
  const ws = new Workspace(new Store(openDatabase(dbName)), new FakeSegmenter(), undefined, new LocalSuggester());
  await ws.start({ title: '报告', text: TEXT });
  const wait = async (cond: () => boolean) => {
    for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(cond()).toBe(true);
  };
  await wait(() => !!ws.review && !ws.review.busy && ws.review.list.length > 0);
  return { ws, wait, dbName };
}

function cp(needle: string, from = 0) {
  const i = TEXT.indexOf(needle, from);
  return { start: i, end: i + needle.length }; // BMP text: UTF-16 and code points agree
}

describe('suggestions of the open document', () => {
  it('never duplicate a span the user made, and accepted ones are stored as suggested', async () => {
    const { ws, wait } = await start();
    const metric = ws.review!.list.find((s) => s.text === '600亩以上');
    expect(metric?.label).toBe('METRIC');
    await ws.review!.accept(metric);
    const spans = ws.session!.spans();
    expect(spans.map((s) => [s.text, s.label, s.source])).toEqual([['600亩以上', 'METRIC', 'suggested']]);
    await wait(() => !ws.review!.list.some((s) => s.text === '600亩以上' && s.label === 'METRIC'));
  });

  it('suggests the other occurrences of a string once it is tagged, and lists conflicting labels', async () => {
    const { ws, wait } = await start();
    const name = '常山胡柚深加工项目';
    await ws.session!.create(cp(name), 'PROJECT');
    await wait(() => ws.review!.list.some((s) => s.text === name && s.start === cp(name, 3).start && s.label === 'PROJECT'));

    await ws.session!.create(cp(name, 3), 'ORG');
    await wait(() => ws.suggestions!.conflicts.length === 1);
    expect(ws.suggestions!.conflicts[0]).toEqual({ text: name, labels: ['ORG', 'PROJECT'] });
  });

  it('suggests dictionary terms, also read from a word list', async () => {
    const { ws, wait } = await start();
    expect(parseWordList('常山胡柚\n# comment\n深加工\tORG\n胡柚\tNOPE', 'PROJECT', new Set(['ORG', 'PROJECT']))).toEqual([
      ['常山胡柚', 'PROJECT'],
      ['深加工', 'ORG'],
      ['胡柚', 'PROJECT'],
    ]);
    expect(await ws.addDictionaryTerms([['胡柚深加工', 'ORG']])).toBe(1);
    await wait(() => ws.review!.list.filter((s) => s.text === '胡柚深加工' && s.label === 'ORG').length >= 1);
    expect(ws.project!.dictionary).toEqual([['胡柚深加工', 'ORG']]);
  });

  it("drops a suggestion that another tab's edit covers", async () => {
    const { ws, wait, dbName } = await start();
    const busB = createBus();
    const docId = ws.session!.doc.id;
    const at = cp('600亩以上');
    const same = (s: { start: number; end: number; label: string }) => s.start === at.start && s.end === at.end && s.label === 'METRIC';
    expect(ws.review!.list.some(same)).toBe(true);
    await new Store(openDatabase(dbName), busB).applyChange({
      docId,
      before: [],
      after: [{ id: 'from-tab-b', docId, ...at, label: 'METRIC', text: '600亩以上' }],
    });
    await wait(() => ws.session!.spans().length === 1);
    await wait(() => !ws.review!.list.some(same)); // the TARGET around it may stay: a METRIC nests in it
    busB.close();
  });
});
