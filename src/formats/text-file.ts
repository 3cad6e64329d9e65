/**
 * Plain text files: the bytes of a file, decoded to its text, with the name of the encoding that was
 * used (shown to the user), or refused with the reason.
 *
 * Encodings: UTF-8 with or without a byte order mark, UTF-16 LE/BE with a mark (or without one when the
 * NUL bytes make it plain), GB18030 (a superset of GBK and GB2312, so those files come out as GB18030)
 * and Big5. Every decode is STRICT (TextDecoder `fatal`): a sequence that is invalid in the chosen
 * encoding never turns into U+FFFD. The text is kept exactly as decoded: no newline or Unicode
 * normalisation, and a U+FEFF after the mark stays (`ignoreBOM`); cleaning is a separate, optional step.
 *
 * The steps, first match wins:
 *  1. Empty file: UTF-8, empty text.
 *  2. Byte order mark: EF BB BF → UTF-8, FF FE → UTF-16LE, FE FF → UTF-16BE; the mark is dropped and the
 *     rest must decode, or the file is refused. FF FE 00 00 / 00 00 FE FF (UTF-32) is refused.
 *  3. NUL bytes: UTF-16 without a mark when exactly one byte order decodes strictly to plausible text
 *     (at least 90 % of the characters in the blocks of ordinary text, see `plausible`: ASCII text in
 *     the wrong order becomes U+xx00 characters, which do not count). Otherwise: binary, refused.
 *     UTF-16 text with a line break, a digit or any ASCII has NUL bytes; one line of pure CJK may have
 *     none, and is then not recognised (see the limits).
 *  4. C0 control bytes other than tab, line feed, form feed and carriage return in more than 5 % of the
 *     file (and at least 2): binary, refused. (No GB18030, Big5 or UTF-8 sequence contains such bytes.)
 *  5. Valid UTF-8 (plain ASCII included): UTF-8.
 *  6. GB18030 and Big5 are both decoded strictly. If only one works, it is used. Usually both work
 *     (nearly every Big5 byte pair is also a valid GBK pair); then each reading gets a score,
 *       share of its non-ASCII characters among ~1500 of the most common Chinese characters
 *       (simplified and traditional forms alike: `commonShare`)
 *       + 2 × share of its double-byte codes in the encoding's own common area (GB2312 level 1 for GB,
 *       Big5 level 1 for Big5, plus the punctuation rows: `tierShare`),
 *     and the higher wins. An exact tie goes to chardet's guess when it names GB18030 (or GBK, GB2312)
 *     or Big5 with confidence ≥ 50, else to GB18030 (this tool's documents are mostly mainland ones).
 *     chardet decides only ties because on short text it is the weaker guide: on GB18030 slices of
 *     the seed of 10 characters or fewer its top guess was never GB18030 (Shift_JIS, Big5, EUC-JP,
 *     ASCII, ... at confidence 10 to 100), on 20-character slices it was still something else (Big5,
 *     EUC-JP, EUC-KR, some at confidence 100) one time in eleven; the score gets every run of 5 or
 *     more Chinese characters of the test texts right.
 *  7. Nothing decodes: refused, naming where UTF-8 failed.
 *
 * Limits (measured in tests/formats/text-file.test.ts):
 *  - Very short GB files can be valid UTF-8, which is tried first: about one GB2312 character in five
 *    is a valid two-byte UTF-8 sequence (CCA8 台 is U+0328). Of the runs of k Chinese characters of the
 *    seed in GBK, 455/2488 (k = 1), 65/2487 (k = 2), 5/2486 (k = 3) come out as UTF-8; none from k = 4.
 *  - A single character can be common in both readings (GB 地 is Big5 華): 7/2488 single characters
 *    of the seed and 10/162 of the traditional fixture go to the other of GB18030 and Big5, 3/2487
 *    and 0/161 pairs; none from 3 characters on. (Big5 bytes can be valid UTF-8 too: 5/162 single
 *    characters of the fixture.)
 *  - Random (rare as well as common) characters need more: 9 in 20 000 GB2312 level-1 and 32 in
 *    20 000 Big5 level-1 strings of 10 characters go wrong, none at 20.
 *  - Traditional text saved as GBK: right from about 12 characters (3 in 50 000 wrong at 8).
 *  - No other encodings: Shift_JIS, EUC-KR, windows-1252, ... are refused when invalid in all of the
 *    above, else read as GB18030 or Big5 mojibake. Likewise UTF-16 without a mark and without NUL
 *    bytes (one line of pure CJK: no ASCII, no line break, no 一 or full-width space): of 806 such
 *    strings of 2–40 characters, 424 were refused and 382 read as GB18030, Big5 or UTF-8 mojibake in
 *    UTF-16LE; 694 and 112 in UTF-16BE.
 *  - TextDecoder must know gb18030 and big5 (browsers do; Node needs ICU, which official builds have);
 *    a missing decoder is named in the reason.
 */
import { titleFromText } from '../core/document.ts';
import { chooseChinese } from './chinese-encoding.ts';

/** What the user is shown as the encoding of a file. */
export type TextEncodingName =
  | 'UTF-8'
  | 'UTF-8 (BOM)'
  | 'UTF-16LE (BOM)'
  | 'UTF-16BE (BOM)'
  | 'UTF-16LE'
  | 'UTF-16BE'
  | 'GB18030'
  | 'Big5';

/** A decoded file (`bytes`: the file's size), or why it was refused (`reason`, without the file name). */
export type DecodedText =
  | { ok: true; fileName: string; text: string; encoding: TextEncodingName; bytes: number }
  | { ok: false; fileName: string; reason: string };

/** Code points looked at by the plausibility and frequency checks (the decode itself is always whole). */
const SAMPLE_CHARS = 20_000;
/** Share of plausible characters needed to read a file with NUL bytes as UTF-16 without a mark. */
const UTF16_PLAUSIBLE = 0.9;
/** Share of C0 control bytes/characters (not \t\n\f\r) above which a file is binary. */
const CONTROL_SHARE = 0.05;

// ---------------------------------------------------------------------------------------------------
// Strict decoding

type Label = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

/** The text, or null when the bytes are invalid; a label the platform lacks is added to `missing`. */
function strictDecode(label: Label, bytes: Uint8Array, missing: Set<string>): string | null {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
  } catch {
    missing.add(label);
    return null;
  }
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

/** Offset of the first byte of the first invalid UTF-8 sequence at or after `from`, or -1. */
function utf8ErrorAt(b: Uint8Array, from = 0): number {
  let i = from;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0; // no overlong forms
      if (c === 0xed) hi = 0x9f; // no surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Offset of the first byte of the first invalid UTF-16 unit at or after `from`, or -1. */
function utf16ErrorAt(b: Uint8Array, le: boolean, from = 0): number {
  const unit = (i: number) => (le ? b[i]! | (b[i + 1]! << 8) : (b[i]! << 8) | b[i + 1]!);
  let i = from;
  for (; i + 1 < b.length; i += 2) {
    const u = unit(i);
    if (u >= 0xdc00 && u <= 0xdfff) return i;
    if (u >= 0xd800 && u <= 0xdbff) {
      if (i + 3 >= b.length) return i;
      const v = unit(i + 2);
      if (v < 0xdc00 || v > 0xdfff) return i;
      i += 2;
    }
  }
  return i < b.length ? i : -1; // an odd byte at the end
}

/** 1-based line of byte `at`: line feeds before it, as bytes (`unit` 1) or UTF-16 units (`unit` 2). */
function lineAt(b: Uint8Array, at: number, from = 0, unit: 1 | 2 = 1, le = true): number {
  let line = 1;
  for (let i = from; i + unit - 1 < at; i += unit) {
    if (unit === 1 ? b[i] === 0x0a : le ? b[i] === 0x0a && b[i + 1] === 0 : b[i] === 0 && b[i + 1] === 0x0a) line++;
  }
  return line;
}

const hex = (byte: number) => '0x' + byte.toString(16).toUpperCase().padStart(2, '0');

// ---------------------------------------------------------------------------------------------------
// Binary content

const isAllowedControl = (c: number) => c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;

/** Why the decoded text is binary (NUL or too many C0 control characters), or null. */
function binaryText(text: string): string | null {
  let controls = 0;
  let first = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return `binary file (NUL characters, the first at character ${i})`;
    if (c < 0x20 && !isAllowedControl(c)) {
      controls++;
      if (first < 0) first = i;
    }
  }
  if (controls >= 2 && controls > text.length * CONTROL_SHARE) {
    const code = text.charCodeAt(first).toString(16).toUpperCase().padStart(4, '0');
    return `binary file (${controls} control characters, the first U+${code} at character ${first})`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// UTF-16 without a byte order mark

/**
 * Whether a code point belongs to ordinary text: printable ASCII and the four allowed controls, Latin,
 * Greek, Cyrillic, general punctuation and symbols (①, ─), CJK radicals, punctuation, kana, bopomofo,
 * ideographs (BMP and astral), Hangul, compatibility and fullwidth forms, and any astral character
 * (emoji). Not: other controls, U+0000, private use, specials — and U+xx00 between U+0A00 and U+9FFF
 * other than U+3000 (ideographic space) and U+4E00 (一), which is what ASCII becomes when UTF-16 is read
 * in the wrong byte order.
 */
function plausible(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x20 ? cp !== 0x7f : isAllowedControl(cp);
  if (cp > 0xffff) return true;
  if ((cp & 0xff) === 0 && cp >= 0x0a00 && cp <= 0x9fff && cp !== 0x3000 && cp !== 0x4e00) return false;
  return (
    (cp >= 0xa0 && cp <= 0x24f) ||
    (cp >= 0x370 && cp <= 0x52f) ||
    (cp >= 0x2000 && cp <= 0x2bff) ||
    (cp >= 0x2e80 && cp <= 0x9fff) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff01 && cp <= 0xffef)
  );
}

function plausibleShare(text: string): number {
  let n = 0;
  let ok = 0;
  for (let i = 0; i < text.length && n < SAMPLE_CHARS; n++) {
    const cp = text.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    if (plausible(cp)) ok++;
  }
  return n === 0 ? 0 : ok / n;
}

/** UTF-16 of a file with NUL bytes and no mark, when one byte order is plainly text and the other not. */
function utf16WithoutBom(
  bytes: Uint8Array,
  missing: Set<string>,
): { text: string; encoding: 'UTF-16LE' | 'UTF-16BE' } | null {
  if (bytes.length % 2 !== 0) return null;
  const le = strictDecode('utf-16le', bytes, missing);
  const be = strictDecode('utf-16be', bytes, missing);
  const sl = le === null ? -1 : plausibleShare(le);
  const sb = be === null ? -1 : plausibleShare(be);
  if (le !== null && sl >= UTF16_PLAUSIBLE && sl > sb) return { text: le, encoding: 'UTF-16LE' };
  if (be !== null && sb >= UTF16_PLAUSIBLE && sb > sl) return { text: be, encoding: 'UTF-16BE' };
  return null;
}

// ---------------------------------------------------------------------------------------------------
// GB18030 or Big5

// ---------------------------------------------------------------------------------------------------
// The file

const BOMS = [
  { bytes: [0xef, 0xbb, 0xbf], label: 'utf-8', name: 'UTF-8', encoding: 'UTF-8 (BOM)' },
  { bytes: [0xff, 0xfe], label: 'utf-16le', name: 'UTF-16LE', encoding: 'UTF-16LE (BOM)' },
  { bytes: [0xfe, 0xff], label: 'utf-16be', name: 'UTF-16BE', encoding: 'UTF-16BE (BOM)' },
] as const;

const startsWith = (b: Uint8Array, prefix: readonly number[]) => prefix.every((x, i) => b[i] === x);

const noDecoder = (missing: Set<string>) =>
  missing.size === 0 ? '' : `; this browser has no decoder for ${[...missing].join(', ')}`;

/** Decodes a text file; never throws. See the header for the order of the checks. */
export function decodeTextFile(bytes: Uint8Array, fileName: string): DecodedText {
  const size = bytes.length;
  const refuse = (reason: string): DecodedText => ({ ok: false, fileName, reason });
  const accept = (text: string, encoding: TextEncodingName): DecodedText => {
    const binary = binaryText(text);
    return binary === null ? { ok: true, fileName, text, encoding, bytes: size } : refuse(binary);
  };
  const missing = new Set<string>();

  if (size === 0) return { ok: true, fileName, text: '', encoding: 'UTF-8', bytes: 0 };

  // Byte order marks.
  if (startsWith(bytes, [0xff, 0xfe, 0, 0]) || startsWith(bytes, [0, 0, 0xfe, 0xff])) {
    return refuse('UTF-32 text, which is not supported (save the file as UTF-8)');
  }
  for (const bom of BOMS) {
    if (!startsWith(bytes, bom.bytes)) continue;
    const start = bom.bytes.length;
    const text = strictDecode(bom.label, bytes.subarray(start), missing);
    if (text !== null) return accept(text, bom.encoding);
    if (missing.size > 0) return refuse(`starts with a ${bom.name} byte order mark${noDecoder(missing)}`);
    let where: string;
    if (bom.label === 'utf-8') {
      const at = utf8ErrorAt(bytes, start);
      where = `invalid byte ${hex(bytes[at]!)} at byte ${at}, line ${lineAt(bytes, at, start)}`;
    } else {
      const le = bom.label === 'utf-16le';
      const at = utf16ErrorAt(bytes, le, start);
      where =
        at === size - 1 && (size - start) % 2 === 1
          ? `odd number of bytes (${size})`
          : `unpaired surrogate at byte ${at}, line ${lineAt(bytes, at, start, 2, le)}`;
    }
    return refuse(`starts with a ${bom.name} byte order mark but is not valid ${bom.name} (${where})`);
  }

  // NUL bytes: UTF-16 without a mark, or binary.
  const firstNul = bytes.indexOf(0);
  if (firstNul >= 0) {
    const u16 = utf16WithoutBom(bytes, missing);
    if (u16 !== null) return accept(u16.text, u16.encoding);
    let nuls = 0;
    for (let i = firstNul; i < size; i++) if (bytes[i] === 0) nuls++;
    return refuse(`binary file (NUL bytes at byte ${firstNul}${nuls > 1 ? ` and ${nuls - 1} more` : ''})`);
  }

  // Control bytes.
  let controls = 0;
  let firstControl = -1;
  for (let i = 0; i < size; i++) {
    const c = bytes[i]!;
    if (c < 0x20 && !isAllowedControl(c)) {
      controls++;
      if (firstControl < 0) firstControl = i;
    }
  }
  if (controls >= 2 && controls > size * CONTROL_SHARE) {
    return refuse(
      `binary file (${controls} control bytes, the first ${hex(bytes[firstControl]!)} at byte ${firstControl})`,
    );
  }

  const utf8 = strictDecode('utf-8', bytes, missing);
  if (utf8 !== null) return accept(utf8, 'UTF-8');

  const gb = strictDecode('gb18030', bytes, missing);
  const big5 = strictDecode('big5', bytes, missing);
  if (gb !== null && big5 !== null) {
    return chooseChinese(bytes, gb, big5) === 'GB18030' ? accept(gb, 'GB18030') : accept(big5, 'Big5');
  }
  if (gb !== null) return accept(gb, 'GB18030');
  if (big5 !== null) return accept(big5, 'Big5');

  const at = utf8ErrorAt(bytes);
  const where = at < 0 ? '' : ` (UTF-8 fails at byte ${at}, ${hex(bytes[at]!)}, line ${lineAt(bytes, at)})`;
  return refuse(`not valid text in UTF-8, UTF-16, GB18030 or Big5${where}${noDecoder(missing)}`);
}

// ---------------------------------------------------------------------------------------------------
// Title

/**
 * Title of a document made from a text file: the file name without folders and extension
 * (`2023/长山县政府工作报告.txt` → `长山县政府工作报告`); when that is empty, the first line of the text
 * (titleFromText). Only an extension with a letter in it is dropped, so `报告2023.1.5` stays whole.
 */
export function textTitle(fileName: string, text: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.(?=[0-9]*[A-Za-z])[A-Za-z0-9]{1,10}$/, '').trim();
  return stem !== '' ? stem : titleFromText(text);
}
