// Every fixture from the public data sets and tools (tests/fixtures, see SOURCES.md) imports without
// error with its format, and exports back equal: same texts, same spans.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newId } from '../../src/core/index.ts';
import { formatById, formatErrorMessage, type DataFile, type DatasetDocument, type ExportDocument } from '../../src/formats/index.ts';

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

function shape(docs: DatasetDocument[]) {
  return docs.map((d) => ({ text: d.text, spans: d.spans.map(({ start, end, label, text }) => ({ start, end, label, text })).sort((a, b) => a.start - b.start || b.end - a.end || (a.label < b.label ? -1 : 1)) }));
}

describe('fixtures round trip', () => {
  for (const c of CASES) {
    it(`${c.folder}/${c.names.length === 1 ? c.names[0] : `(${c.names.length} files)`} as ${c.format}`, () => {
      const format = formatById(c.format)!;
      const read = format.read!(files(c.folder, c.names));
      if (!read.ok) throw new Error(read.errors.map(formatErrorMessage).join('\n'));
      expect(read.documents.length).toBeGreaterThan(0);
      expect(read.documents.some((d) => d.spans.length > 0)).toBe(true);

      const exported: ExportDocument[] = read.documents.map((d, i) => ({ id: d.id ?? String(i), title: d.title, text: d.text, spans: d.spans.map((s) => ({ ...s, id: newId(), docId: d.id ?? String(i) })) }));
      const written = format.write(exported, { baseName: 'roundtrip' });
      expect(written.report).toEqual([]);
      const again = format.read!(written.files);
      if (!again.ok) throw new Error(again.errors.map(formatErrorMessage).join('\n'));
      expect(shape(again.documents)).toEqual(shape(read.documents));
    });
  }
});
