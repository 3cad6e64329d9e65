// Relations and the target table through the app's state: made in one project, exported, imported into
// another, and read back as table rows and CSV.
import { describe, expect, it } from 'vitest';
import { Store, openDatabase } from '../../src/db/index.ts';
import { TargetTable } from '../../src/state/target-table.svelte.ts';
import { Workspace } from '../../src/state/workspace.svelte.ts';
import { parseCsv } from '../csv-reader.ts';
import { FakeSegmenter } from '../fake-segmenter.ts';

const SEED = {
  title: '常山县报告',
  text: '（一）打赢工业强县大会战。\n实施新都片区全域工业土地综合整治，力争全年整治1980亩以上。\n县发改局负责推进利安隆二期项目。',
};

function find(needle: string) {
  const start = Array.from(SEED.text.slice(0, SEED.text.indexOf(needle))).length;
  return { start, end: start + Array.from(needle).length };
}

async function annotated() {
  const ws = new Workspace(new Store(openDatabase(`rel-${Math.random()}`)), new FakeSegmenter());
  await ws.start(SEED);
  const s = ws.session!;
  await s.create(find('力争全年整治1980亩以上'), 'TARGET');
  const target = s.selected!;
  await s.create(find('1980亩以上'), 'METRIC');
  const metric = s.selected!;
  await s.create(find('县发改局'), 'ORG');
  const org = s.selected!;
  await s.create(find('利安隆二期项目'), 'PROJECT');
  const project = s.selected!;
  await s.link({ type: 'measures', fromId: metric.id, toId: target.id });
  await s.link({ type: 'carries_out', fromId: org.id, toId: project.id });
  await s.link({ type: 'part_of', fromId: project.id, toId: target.id });
  await s.setAttribute(target.id, 'deadline', '全年');
  return ws;
}

describe('relations through export and import', () => {
  it('exports doccano with entities and relations, and an empty project imports the same relations back', async () => {
    const ws = await annotated();
    const file = (await ws.exchange.exportJsonl())!;
    const record = JSON.parse(file.content.trim());
    expect(record.entities).toHaveLength(4);
    expect(record.relations.map((r: { type: string }) => r.type).sort()).toEqual(['carries_out', 'measures', 'part_of']);

    await ws.createProject('空项目');
    expect(await ws.exchange.importFile(file.name, file.content)).toBe(true);
    const session = ws.session!;
    const named = session.relations().map((r) => [session.span(r.fromId)?.text, r.type, session.span(r.toId)?.text]);
    expect(named.sort()).toEqual([
      ['1980亩以上', 'measures', '力争全年整治1980亩以上'],
      ['利安隆二期项目', 'part_of', '力争全年整治1980亩以上'],
      ['县发改局', 'carries_out', '利安隆二期项目'],
    ]);
  });

  it('drops the relations of spans whose label the import mapping drops', async () => {
    const ws = await annotated();
    const file = (await ws.exchange.exportJsonl())!;
    await ws.createProject('无机构');
    const importing = ws.exchange.beginDatasetImport()!;
    await importing.load([{ name: file.name, arrayBuffer: async () => new TextEncoder().encode(file.content.replaceAll('"ORG"', '"AGENCY"')).buffer }]);
    expect(importing.relationCount).toBe(3);
    importing.choices = { AGENCY: { drop: true } };
    expect(importing.relationCount).toBe(2); // carries_out went with its AGENCY span
    expect(await ws.exchange.finishDatasetImport()).toBe(true);
    expect(ws.session!.relations().map((r) => r.type).sort()).toEqual(['measures', 'part_of']);
  });
});

describe('relations read from a dataset', () => {
  it('lists a relation whose ends break its type rule, and imports it as it is', async () => {
    const ws = await annotated();
    const file = (await ws.exchange.exportJsonl())!;
    await ws.createProject('另一项目');
    const importing = ws.exchange.beginDatasetImport()!;
    // The METRIC that measures its TARGET becomes an ORG: `measures` wants METRIC → TARGET.
    const record = JSON.parse(file.content.trim()) as { entities: { label: string; start_offset: number }[] };
    const metric = record.entities.find((e) => e.label === 'METRIC')!;
    metric.label = 'ORG';
    await importing.load([{ name: 'x.jsonl', arrayBuffer: async () => new TextEncoder().encode(JSON.stringify(record)).buffer }]);
    expect(importing.ruleNotes).toEqual([
      '"常山县报告": relation measures from ORG 「1980亩以上」 to TARGET 「力争全年整治1980亩以上」 does not follow its rule (METRIC → TARGET); imported as it is',
    ]);
    expect(await ws.exchange.finishDatasetImport()).toBe(true);
    expect(ws.session!.relations().map((r) => r.type).sort()).toEqual(['carries_out', 'measures', 'part_of']);
  });

  it('judges the rule on the labels as they will be stored: a foreign label mapped onto METRIC follows it', async () => {
    const ws = await annotated();
    const file = (await ws.exchange.exportJsonl())!;
    await ws.createProject('另一项目');
    const importing = ws.exchange.beginDatasetImport()!;
    await importing.load([{ name: 'x.jsonl', arrayBuffer: async () => new TextEncoder().encode(file.content.replaceAll('"METRIC"', '"QUANTITY"')).buffer }]);
    importing.choices = { QUANTITY: { add: true } };
    expect(importing.ruleNotes).toHaveLength(1); // QUANTITY measures TARGET: not the rule's METRIC
    importing.choices = { QUANTITY: { to: 'METRIC' } };
    expect(importing.ruleNotes).toEqual([]);
    importing.choices = { QUANTITY: { drop: true } };
    expect(importing.ruleNotes).toEqual([]); // the relation goes with its span
    expect(importing.relationCount).toBe(2);
  });
});

describe('target table', () => {
  it('has a row for the target with its section, metric value, project, organisation and attributes; CSV has it too', async () => {
    const ws = await annotated();
    const table = new TargetTable(ws.store, ws.project!);
    await table.load();
    expect(table.rows).toHaveLength(1);
    const [row] = table.rows;
    expect(row).toMatchObject({
      docTitle: '常山县报告',
      section: '（一）打赢工业强县大会战',
      target: '力争全年整治1980亩以上',
      projects: [{ text: '利安隆二期项目' }],
      orgs: [{ text: '县发改局' }],
      attributes: { deadline: '全年' },
    });
    expect(row!.metrics).toMatchObject([{ text: '1980亩以上', how: 'linked', value: { value: 1980, unit: '亩', qualifier: '>=' } }]);

    const [header, cells] = parseCsv(table.csv());
    const at = (name: string) => cells![header!.indexOf(name)];
    expect(at('target')).toBe('力争全年整治1980亩以上');
    expect(at('metric_values')).toBe('1980');
    expect(at('units')).toBe('亩');
    expect(at('projects')).toBe('利安隆二期项目');
    expect(at('organisations')).toBe('县发改局');
    expect(at('deadline')).toBe('全年');

    table.query = '没有这个';
    expect(table.shown).toEqual([]);
    table.query = '发改局';
    expect(table.shown).toHaveLength(1);
  });
});

describe('proposals', () => {
  it("gives for each span exactly the document's proposals that name it, also for two spans on one extent", async () => {
    const ws = new Workspace(new Store(openDatabase(`prop-${Math.random()}`)), new FakeSegmenter());
    await ws.start(SEED);
    const s = ws.session!;
    await s.create(find('县发改局'), 'ORG');
    await s.create(find('1980亩以上'), 'TARGET');
    await s.create(find('1980亩以上'), 'METRIC'); // the same extent as a TARGET: which is inside is the order's call
    await s.create(find('利安隆二期项目'), 'PROJECT');
    expect(s.spans().map((x) => x.label)).toEqual(['METRIC', 'TARGET', 'ORG', 'PROJECT']);
    const all = s.proposals();
    for (const span of s.spans()) {
      const mine = all.filter((p) => p.fromId === span.id || p.toId === span.id);
      expect(s.proposalsFor(span)).toEqual(mine);
    }
  });
});
