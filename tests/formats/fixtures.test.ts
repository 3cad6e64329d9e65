// Every fixture from the public data sets and tools (tests/fixtures, see SOURCES.md) imports without
// error with its format, and exports back equal: same texts, same spans, same relations.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newId } from '../../src/core/index.ts';
import { formatById, formatErrorMessage, type DataFile, type DatasetDocument, type DatasetSpan, type ExportDocument } from '../../src/formats/index.ts';

const DIR = join(import.meta.dirname, '..', 'fixtures');

function files(folder: string, names: string[]): DataFile[] {
  return names.map((name) => ({ name, content: readFileSync(join(DIR, folder, name), 'utf8') }));
}

const CASES: { format: string; folder: string; names: string[] }[] = [
  { format: 'doccano', folder: 'doccano', names: ['data_export__pipeline__examples__sequence_labeling__example.jsonl'] },
  { format: 'doccano', folder: 'doccano', names: ['data_export__pipeline__examples__relation_extraction__example.jsonl'] },
  { format: 'conll', folder: 'doccano', names: ['data_import__tests__data__sequence_labeling__example.conll'] },
  { format: 'cluener', folder: 'cluener2020', names: ['train.json'] },
  { format: 'cluener', folder: 'cluener2020', names: ['dev.json'] },
  { format: 'label-studio', folder: 'label_studio', names: ['named_entity_tasks.json'] },
  { format: 'label-studio', folder: 'label_studio', names: ['named_entity_annotations_1.json'] },
  { format: 'brat', folder: 'brat', names: readdirSync(join(DIR, 'brat')).filter((n) => /\.(txt|ann)$/.test(n)) },
  { format: 'spacy', folder: 'spacy', names: ['ner-token-per-line.json'] },
  { format: 'spacy', folder: 'spacy', names: ['ner-sent-per-line.json'] },
  { format: 'spacy', folder: 'spacy', names: ['ner-token-per-line.iob'] },
  { format: 'conll', folder: 'msra_ner', names: ['msra_test_bio'] },
];

const spanKey = (s: DatasetSpan) => `${s.label} [${s.start}, ${s.end})`;

/** Texts, spans in document order, and relations as sorted `type: from span → to span` strings. */
function shape(docs: DatasetDocument[]) {
  return docs.map((d) => ({
    text: d.text,
    spans: d.spans.map(({ start, end, label, text }) => ({ start, end, label, text })).sort((a, b) => a.start - b.start || b.end - a.end || (a.label < b.label ? -1 : 1)),
    relations: (d.relations ?? []).map((r) => `${r.type}: ${spanKey(d.spans[r.from]!)} → ${spanKey(d.spans[r.to]!)}`).sort(),
  }));
}

/** The export documents of an import: span ids made up, relations mapped from span indexes to those ids. */
function toExport(docs: DatasetDocument[]): ExportDocument[] {
  return docs.map((d, i) => {
    const docId = d.id ?? String(i);
    const spans = d.spans.map((s) => ({ ...s, id: newId(), docId }));
    const relations = (d.relations ?? []).map((r) => ({ id: newId(), docId, type: r.type, fromId: spans[r.from]!.id, toId: spans[r.to]!.id }));
    return { id: docId, title: d.title, text: d.text, spans, relations };
  });
}

describe('fixtures round trip', () => {
  for (const c of CASES) {
    it(`${c.folder}/${c.names.length === 1 ? c.names[0] : `(${c.names.length} files)`} as ${c.format}`, () => {
      const format = formatById(c.format)!;
      const read = format.read!(files(c.folder, c.names));
      if (!read.ok) throw new Error(read.errors.map(formatErrorMessage).join('\n'));
      expect(read.documents.length).toBeGreaterThan(0);
      expect(read.documents.some((d) => d.spans.length > 0)).toBe(true);

      const written = format.write(toExport(read.documents), { baseName: 'roundtrip' });
      expect(written.report).toEqual([]);
      const again = format.read!(written.files);
      if (!again.ok) throw new Error(again.errors.map(formatErrorMessage).join('\n'));
      expect(shape(again.documents)).toEqual(shape(read.documents));
    });
  }

  it('the doccano relation-extraction example gives its 3 relations, and they come back', () => {
    const doccano = formatById('doccano')!;
    const read = doccano.read!(files('doccano', ['data_export__pipeline__examples__relation_extraction__example.jsonl']));
    if (!read.ok) throw new Error(read.errors.map(formatErrorMessage).join('\n'));
    const want = [
      'foundedAt: ORG [0, 6) → DATE [22, 39)',
      'foundedBy: ORG [0, 6) → PERSON [44, 54)',
      'foundedBy: ORG [0, 6) → PERSON [59, 70)',
    ];
    expect(shape(read.documents)[0]!.relations).toEqual(want);
    const again = doccano.read!(doccano.write(toExport(read.documents)).files);
    if (!again.ok) throw new Error(again.errors.map(formatErrorMessage).join('\n'));
    expect(shape(again.documents)[0]!.relations).toEqual(want);
  });

  it('the R lines of the brat fixtures are read as relations, and come back', () => {
    const brat = formatById('brat')!;
    const names = readdirSync(join(DIR, 'brat')).filter((n) => /\.(txt|ann)$/.test(n));
    const read = brat.read!(files('brat', names));
    if (!read.ok) throw new Error(read.errors.map(formatErrorMessage).join('\n'));
    const relations = new Map(read.documents.map((d) => [d.id, shape([d])[0]!.relations]));
    expect(relations.get('000-introduction')).toEqual(['Family: Person [473, 496) → Person [511, 535)', 'Origin: Organization [540, 545) → GPE [549, 560)']);
    expect(relations.get('110-note_annotation')).toEqual(['Family: Person [520, 534) → Person [539, 552)', 'Family: Person [751, 765) → Person [770, 783)']);
    // Every R line of every .ann became a relation.
    const rLines = names.filter((n) => n.endsWith('.ann')).flatMap((n) => readFileSync(join(DIR, 'brat', n), 'utf8').split('\n').filter((l) => l.startsWith('R')));
    expect(rLines).toHaveLength(4);
    expect([...relations.values()].flat()).toHaveLength(4);
    const again = brat.read!(brat.write(toExport(read.documents)).files);
    if (!again.ok) throw new Error(again.errors.map(formatErrorMessage).join('\n'));
    expect(new Map(again.documents.map((d) => [d.id, shape([d])[0]!.relations]))).toEqual(relations);
  });
});
