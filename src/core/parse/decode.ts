/** How a note's bytes were turned into text. */
export interface Decoded {
  text: string | null;
  encoding: 'utf8' | 'utf16le' | 'utf16be' | 'gbk' | null;
  bom: boolean;
  /** One-line reason when the bytes could not be read as text. */
  error: string | null;
}

export type InputEncoding = 'utf8' | 'gbk';

/** A legacy encoding of East Asian text that bytes which are not UTF-8 may be in. */
export type LegacyEncoding = 'gbk' | 'big5' | 'shift_jis' | 'euc_jp';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8000);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

/**
 * UTF-16 saved without a byte-order mark: its ASCII characters (`#`, spaces, line ends, digits) put a NUL in every
 * other byte, all on one side. Named so the user knows to convert it, not decoded: the guess could be wrong.
 */
function looksUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 8000) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] !== 0) continue;
    if (i % 2) odd++;
    else even++;
  }
  const [most, fewest] = odd > even ? [odd, even] : [even, odd];
  // a text's worth of NULs, nearly all on one side (CJK characters such as 一 put a few on the other; binary has both)
  if (most < 8 || most < n / 32 || fewest > most / 8) return null;
  return odd > even ? 'utf-16le' : 'utf-16be';
}

/**
 * UTF-32 without a byte-order mark: every character below U+10000 is four bytes of which the two high ones are
 * NUL (and the third too for ASCII), so nearly every unit of four has NULs at the same two places.
 */
function looksUtf32(bytes: Uint8Array): 'little' | 'big' | null {
  const units = Math.min(bytes.length, 8000) >> 2;
  if (units < 4 || bytes.length % 4) return null;
  let le = 0;
  let be = 0;
  for (let u = 0; u < units; u++) {
    const i = u * 4;
    if (bytes[i + 3] === 0 && bytes[i + 2] === 0 && bytes[i] !== 0) le++;
    if (bytes[i] === 0 && bytes[i + 1] === 0 && bytes[i + 3] !== 0) be++;
  }
  if (le >= units * 0.9) return 'little';
  if (be >= units * 0.9) return 'big';
  return null;
}

type Label = 'gbk' | 'big5' | 'shift_jis' | 'euc-jp';

const inRange = (b: number, lo: number, hi: number) => b >= lo && b <= hi;

/** The length of the character that starts at `i` in an encoding's byte structure, or 0 when no character starts so. */
function unitLength(label: Label, bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  const next = (k: number) => (i + k < bytes.length ? bytes[i + k] : -1);
  if (b < 0x80) return 1;
  switch (label) {
    case 'gbk':
      if (b === 0x80) return 1;
      if (b === 0xff) return 0;
      // GB18030's four-byte form, which WHATWG's gbk decodes too
      if (inRange(next(1), 0x30, 0x39)) return inRange(next(2), 0x81, 0xfe) && inRange(next(3), 0x30, 0x39) ? 4 : 0;
      return inRange(next(1), 0x40, 0x7e) || inRange(next(1), 0x80, 0xfe) ? 2 : 0;
    case 'big5':
      return inRange(b, 0x81, 0xfe) && (inRange(next(1), 0x40, 0x7e) || inRange(next(1), 0xa1, 0xfe)) ? 2 : 0;
    case 'shift_jis':
      if (b === 0x80 || inRange(b, 0xa1, 0xdf)) return 1;
      return (inRange(b, 0x81, 0x9f) || inRange(b, 0xe0, 0xfc)) && (inRange(next(1), 0x40, 0x7e) || inRange(next(1), 0x80, 0xfc)) ? 2 : 0;
    case 'euc-jp':
      if (b === 0x8e) return inRange(next(1), 0xa1, 0xdf) ? 2 : 0;
      if (b === 0x8f) return inRange(next(1), 0xa1, 0xfe) && inRange(next(2), 0xa1, 0xfe) ? 3 : 0;
      return inRange(b, 0xa1, 0xfe) && inRange(next(1), 0xa1, 0xfe) ? 2 : 0;
  }
}

/** What a legacy decode did: the text, or the byte offset of the first character that is not in the encoding. */
type Strict = { text: string; at: null } | { text: null; at: number };

/**
 * Decode bytes in a legacy encoding, refusing what is not in it. Node's decoders (ICU) throw on most invalid bytes
 * but turn some into other characters without a word even when `fatal` (0xFF in GBK becomes U+F8F5, 0x80 in Big5
 * U+0080): the bytes' structure is checked first, and characters the decoder made of nothing are counted.
 */
function strictDecode(label: Label, bytes: Uint8Array): Strict {
  let units = 0;
  for (let i = 0; i < bytes.length; ) {
    const n = unitLength(label, bytes, i);
    if (!n) return { text: null, at: i };
    units++;
    i += n;
  }
  let text: string;
  try {
    text = new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return { text: null, at: firstDropped(label, bytes) };
  }
  let chars = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) chars++;
  }
  // Big5 has four codes that decode to two characters each: fewer characters than codes is the sign of a drop
  return chars >= units ? { text, at: null } : { text: null, at: firstDropped(label, bytes) };
}

/** The offset of the first character that decodes to nothing or fails (only looked for once a decode has failed). */
function firstDropped(label: Label, bytes: Uint8Array): number {
  const dec = new TextDecoder(label, { fatal: true });
  for (let i = 0; i < bytes.length; ) {
    const n = unitLength(label, bytes, i) || 1;
    try {
      if (dec.decode(bytes.subarray(i, i + n)) === '') return i;
    } catch {
      return i;
    }
    i += n;
  }
  return 0;
}

const validIn = (label: Label, bytes: Uint8Array) => strictDecode(label, bytes).text !== null;

/** Where byte `at` lies, as `line L, column C` (columns count bytes: the line cannot be decoded). */
function placeOf(bytes: Uint8Array, at: number): string {
  let line = 1;
  let start = 0;
  for (let i = 0; i < at; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  return `line ${line}, byte ${at - start + 1} of the line`;
}

/**
 * Which legacy encoding bytes that are not UTF-8 are in, or null when none fits. GBK, Big5 and Shift-JIS all pair a
 * lead byte of 0x81 and up with a second byte, so text in one is often valid in another (as mojibake); what tells
 * them apart is where the pairs fall. GBK text is nearly all in GB2312's rows (both bytes 0xA1 and up: its
 * punctuation 【】：， too); Big5 puts about a third of its characters and its punctuation (【 is A1 69) below 0x7F
 * in the second byte; Shift-JIS text is largely kana, whose lead bytes are 0x82 and 0x83, and EUC-JP's kana are
 * GB2312's rows A4 and A5.
 */
export function guessLegacyEncoding(bytes: Uint8Array): LegacyEncoding | null {
  let pairs = 0;
  let gb2312 = 0;
  let eucKana = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x81 || b === 0xff || i + 1 >= bytes.length) continue;
    const t = bytes[++i];
    pairs++;
    if (b >= 0xa1 && b <= 0xf7 && t >= 0xa1 && t <= 0xfe) gb2312++;
    if ((b === 0xa4 || b === 0xa5) && t >= 0xa1) eucKana++;
  }
  let sjPairs = 0;
  let kana = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (!((b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc)) || i + 1 >= bytes.length) continue;
    i++;
    sjPairs++;
    if (b === 0x82 || b === 0x83) kana++;
  }
  const gbk = validIn('gbk', bytes);
  // EUC-JP shares GB2312's layout, kana rows included: Chinese text hardly uses them, Japanese text is full of them
  if (gbk && pairs && gb2312 >= pairs * 0.9) return eucKana >= pairs * 0.15 && validIn('euc-jp', bytes) ? 'euc_jp' : 'gbk';
  const sjis = validIn('shift_jis', bytes);
  if (sjis && sjPairs && kana >= sjPairs * 0.15) return 'shift_jis';
  if (validIn('big5', bytes)) return 'big5';
  if (gbk) return 'gbk';
  return sjis ? 'shift_jis' : null;
}

/** Names of the legacy encodings in messages, with what they are used for and iconv's name for them. */
export const LEGACY_NAMES: Record<LegacyEncoding, { name: string; what: string; iconv: string }> = {
  gbk: { name: 'GBK', what: 'Simplified Chinese', iconv: 'GBK' },
  big5: { name: 'Big5', what: 'Traditional Chinese', iconv: 'BIG5' },
  shift_jis: { name: 'Shift-JIS', what: 'Japanese', iconv: 'SHIFT_JIS' },
  euc_jp: { name: 'EUC-JP', what: 'Japanese', iconv: 'EUC-JP' },
};

/** The reason given for text in an encoding weekly does not read: what it is, and how to convert it. */
function convertIt(enc: Exclude<LegacyEncoding, 'gbk'>): string {
  const n = LEGACY_NAMES[enc];
  return `the bytes read as ${n.name} (${n.what}), which weekly does not read; convert the file to UTF-8 (\`iconv -f ${n.iconv} -t UTF-8\`)`;
}

const refused = (bom: boolean, error: string): Decoded => ({ text: null, encoding: null, bom, error });

/**
 * Decode a note. UTF-8 (with or without BOM) and UTF-16 with a BOM are read as they are; GBK only when asked
 * (`--encoding gbk`, or `encoding: gbk` in the config), and then only for bytes that are not UTF-8, because
 * guessing a legacy encoding silently would change what the note says. UTF-32, Big5, Shift-JIS and EUC-JP are named
 * and refused: read as UTF-16 or GBK they would be mojibake.
 */
export function decode(bytes: Uint8Array, encoding: InputEncoding = 'utf8'): Decoded {
  // UTF-32's marks first: FF FE 00 00 begins with UTF-16LE's
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) {
    return refused(true, 'UTF-32 text (little-endian, with a byte-order mark); save it as UTF-8');
  }
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) {
    return refused(true, 'UTF-32 text (big-endian, with a byte-order mark); save it as UTF-8');
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf16le', bom: true, error: null };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf16be', bom: true, error: null };
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (looksBinary(body)) {
    const u32 = looksUtf32(body);
    if (u32) return refused(bom, `UTF-32 text (${u32}-endian) without a byte-order mark; save it as UTF-8`);
    const u16 = looksUtf16(body);
    if (u16) return refused(bom, `UTF-16 text (${u16 === 'utf-16le' ? 'little' : 'big'}-endian) without a byte-order mark; save it as UTF-8`);
    return refused(bom, 'binary file (it holds NUL bytes), not a Markdown note');
  }
  try {
    // UTF-8 first under `gbk` too: a folder mixes old GBK notes with new UTF-8 ones, and valid UTF-8 is never meant as GBK
    return { text: utf8.decode(body), encoding: 'utf8', bom, error: null };
  } catch {
    const guess = guessLegacyEncoding(body);
    if (encoding === 'gbk') {
      // valid GBK too, as Big5 and Shift-JIS text often is, but the characters would be the wrong ones
      if (guess && guess !== 'gbk') return refused(bom, `not UTF-8, and not GBK: ${convertIt(guess)}`);
      const gbk = strictDecode('gbk', body);
      if (gbk.text !== null) return { text: gbk.text, encoding: 'gbk', bom, error: null };
      const hex = body[gbk.at].toString(16).toUpperCase().padStart(2, '0');
      return refused(bom, `not UTF-8 text, and not valid GBK text either: byte ${hex} at ${placeOf(body, gbk.at)} is no GBK character`);
    }
    if (guess === 'gbk') {
      return refused(bom, 'not UTF-8: the bytes read as GBK (common from Chinese Windows tools); rerun with `--encoding gbk` (or set `encoding: gbk` in the config) or convert the file to UTF-8');
    }
    if (guess) return refused(bom, `not UTF-8: ${convertIt(guess)}`);
    return refused(bom, 'not UTF-8 text, and not GBK either');
  }
}
