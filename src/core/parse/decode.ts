/** How a note's bytes were turned into text. */
export interface Decoded {
  text: string | null;
  encoding: 'utf8' | 'utf16le' | 'utf16be' | 'gbk' | null;
  bom: boolean;
  /** One-line reason when the bytes could not be read as text. */
  error: string | null;
}

export type InputEncoding = 'utf8' | 'gbk';

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
 * Decode a note. UTF-8 (with or without BOM) and UTF-16 with a BOM are read as they are; GBK only when asked
 * (`--encoding gbk`, or `encoding: gbk` in the config), and then only for bytes that are not UTF-8, because
 * guessing a legacy encoding silently would change what the note says.
 */
export function decode(bytes: Uint8Array, encoding: InputEncoding = 'utf8'): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf16le', bom: true, error: null };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf16be', bom: true, error: null };
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (looksBinary(body)) {
    const u16 = looksUtf16(body);
    if (u16) return { text: null, encoding: null, bom, error: `UTF-16 text (${u16 === 'utf-16le' ? 'little' : 'big'}-endian) without a byte-order mark; save it as UTF-8` };
    return { text: null, encoding: null, bom, error: 'binary file (it holds NUL bytes), not a Markdown note' };
  }
  try {
    // UTF-8 first under `gbk` too: a folder mixes old GBK notes with new UTF-8 ones, and valid UTF-8 is never meant as GBK
    return { text: utf8.decode(body), encoding: 'utf8', bom, error: null };
  } catch {
    if (encoding === 'gbk') {
      try {
        return { text: new TextDecoder('gbk', { fatal: true }).decode(body), encoding: 'gbk', bom, error: null };
      } catch {
        return { text: null, encoding: null, bom, error: 'not UTF-8 text, and not valid GBK text either' };
      }
    }
    let gbk = false;
    try {
      new TextDecoder('gbk', { fatal: true }).decode(body);
      gbk = true;
    } catch {
      gbk = false;
    }
    return {
      text: null,
      encoding: null,
      bom,
      error: gbk
        ? 'not UTF-8: the bytes read as GBK (common from Chinese Windows tools); rerun with `--encoding gbk` (or set `encoding: gbk` in the config) or convert the file to UTF-8'
        : 'not UTF-8 text, and not GBK either',
    };
  }
}
