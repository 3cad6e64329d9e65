/**
 * Writing CSV that spreadsheets open as intended (RFC 4180, with the changes Excel needs):
 *  - UTF-8 with a byte-order mark: without "\uFEFF" Excel reads a CSV in the system's ANSI code page
 *    (GBK on Chinese Windows, cp1252 elsewhere) and turns Chinese into mojibake; with it, it reads UTF-8.
 *    Other readers (pandas with encoding='utf-8-sig', LibreOffice, Numbers) skip it.
 *  - CRLF after every record, the last one included (RFC 4180 §2.1–2.2).
 *  - A field is quoted when it holds `,` `"` CR or LF, its quotes doubled (RFC 4180 §2.6–2.7).
 *  - Formula injection: Excel, LibreOffice and Google Sheets run a cell that starts with `=` `+` `-` `@`
 *    (and, after their own trimming, a tab or CR) as a formula, so text taken from a document could
 *    compute, fetch URLs or run DDE commands when the export is opened. A text field starting with one
 *    of those gets a leading `'` (the OWASP advice: spreadsheets show it as text). Number cells are
 *    written as plain numbers and never guarded: -5 stays a number a spreadsheet can sum.
 */

/** A cell: text (guarded, quoted as needed) or a number (written plainly; not finite: empty). */
export type CsvCell = string | number;

/** The byte-order mark that makes Excel read UTF-8. */
export const CSV_BOM = '\uFEFF';

/** Characters that make a spreadsheet read a cell as a formula when they come first. */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/** `text` with a leading `'` when a spreadsheet would take it for a formula. */
export function guardFormula(text: string): string {
  return text.length > 0 && FORMULA_START.has(text[0]!) ? `'${text}` : text;
}

/**
 * A number in plain decimal notation, never with an exponent: 4500000000 (not 4.5e9), 0.035, 1e-7 →
 * 0.0000001. The digits are JavaScript's shortest round-trip ones, so 0.035 stays 0.035. NaN and the
 * infinities give '' (no spreadsheet reads them); -0 gives 0.
 */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  const s = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const sign = m[1]!;
  const digits = m[2]! + (m[3] ?? '');
  const point = 1 + Number(m[4]);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** One field as written: numbers plain, text guarded against formulas and quoted when needed. */
export function csvField(cell: CsvCell): string {
  if (typeof cell === 'number') return plainNumber(cell);
  const text = guardFormula(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV file: BOM, header record, data records, each record ended by CRLF. */
export function formatCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const records = [header, ...rows].map((r) => r.map(csvField).join(',') + '\r\n');
  return CSV_BOM + records.join('');
}
