/** Shared by the CSV tests (unit and in-browser). */
import { CSV_BOM } from '../src/core/csv.ts';

/**
 * A strict RFC 4180 reader: BOM first, every record ended by CRLF, quoted fields with doubled quotes,
 * unquoted fields without `"` CR LF. Anything else throws.
 */
export function parseCsv(csv: string): string[][] {
  if (!csv.startsWith(CSV_BOM)) throw new Error('no BOM');
  const s = csv.slice(CSV_BOM.length);
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < s.length) {
    let field = '';
    if (s[i] === '"') {
      i++;
      for (;;) {
        const j = s.indexOf('"', i);
        if (j < 0) throw new Error('unclosed quote');
        field += s.slice(i, j);
        if (s[j + 1] === '"') {
          field += '"';
          i = j + 2;
        } else {
          i = j + 1;
          break;
        }
      }
    } else {
      while (i < s.length && s[i] !== ',' && s[i] !== '\r' && s[i] !== '\n') {
        if (s[i] === '"') throw new Error(`quote inside an unquoted field at ${i}`);
        field += s[i++];
      }
    }
    record.push(field);
    if (s[i] === ',') i++;
    else if (s.startsWith('\r\n', i)) {
      records.push(record);
      record = [];
      i += 2;
    } else throw new Error(`unexpected ${JSON.stringify(s[i])} at ${i}`);
  }
  if (record.length > 0) throw new Error('last record not ended by CRLF');
  return records;
}
