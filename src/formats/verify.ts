/**
 * The check every serializer runs before writing: each span's stored text must still equal the document
 * text between its offsets (code points, end exclusive). A mismatch means the offsets drifted, or the
 * span belongs to another text; exporting it would poison a training set, so the whole export is refused.
 */
import { OffsetMap } from '../core/offsets.ts';
import { mismatchedSpans, type Span } from '../core/spans.ts';
import { ExportError, type ExportDocument, type ExportProblem } from './types.ts';

/** Every problem of the spans of `docs`, in document and span order; empty when all may be exported. */
export function exportProblems(docs: readonly ExportDocument[]): ExportProblem[] {
  const problems: ExportProblem[] = [];
  for (const doc of docs) {
    const map = new OffsetMap(doc.text);
    const bad = new Set<Span>(mismatchedSpans(map, doc.spans));
    for (const s of doc.spans) {
      const reason = spanProblem(map, s, bad.has(s));
      if (reason === null) continue;
      const usable = Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end <= map.length && s.start < s.end;
      problems.push({
        docId: doc.id,
        docTitle: doc.title,
        spanId: s.id,
        label: s.label,
        start: s.start,
        end: s.end,
        reason,
        expected: s.text,
        actual: usable ? map.slice(s.start, s.end) : '',
      });
    }
  }
  return problems;
}

function spanProblem(map: OffsetMap, s: Span, mismatched: boolean): string | null {
  if (!Number.isInteger(s.start) || !Number.isInteger(s.end)) return 'offsets are not whole numbers';
  if (s.start < 0 || s.end > map.length) return `offsets outside the text (length ${map.length})`;
  if (s.end <= s.start) return 'end is not after start';
  if (typeof s.label !== 'string' || s.label === '') return 'label is empty';
  if (mismatched) return 'text differs';
  return null;
}

/** Throws ExportError naming every document and span that may not be exported. */
export function verifyForExport(docs: readonly ExportDocument[]): void {
  const problems = exportProblems(docs);
  if (problems.length > 0) throw new ExportError(problems);
}
