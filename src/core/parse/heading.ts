// decoration around a heading's words, stripped from either end until none is left
// emoji, flags, skin tones and the joiners between them (variation selector, zero-width joiner, keycap)
const EMOJI_PART = '(?:\\p{Extended_Pictographic}|[\\u{1F1E6}-\\u{1F1FF}]|[\\u{1F3FB}-\\u{1F3FF}]|\\u{FE0F}|\\u{200D}|\\u{20E3})';
const EMOJI = new RegExp(`^${EMOJI_PART}+`, 'u');
const EMOJI_END = new RegExp(`${EMOJI_PART}+$`, 'u');
const NUMBERING = /^(?:[一二三四五六七八九十]{1,3}|\d{1,2}|[A-Za-z]|[ivxIVX]{1,4})\s*[、.．)）](?!\d)\s*|^[（(]\s*(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*[)）]\s*|^第[一二三四五六七八九十\d]{1,3}[部章节][分]?\s*[、.:：]?\s*/;
const EMPHASIS = /^(?:\*\*|__|\*|_|`|~~)/;
const PLAIN_ENDS = /^[\p{Script=Han}A-Za-z][\s\S]*[\p{Script=Han}A-Za-z]$/u;
const EMPHASIS_END = /(?:\*\*|__|\*|_|`|~~)$/;
const PAIRS: Record<string, string> = { '【': '】', '[': ']', '「': '」', '『': '』', '〔': '〕', '《': '》', '(': ')', '（': '）', '〖': '〗' };

/**
 * The words of a heading without its decoration, as a span of the title: numbering (`一、`, `1.`, `（一）`), brackets
 * around it (`【】`, `[]`), emphasis (`**…**`), emoji and a trailing colon are outside the span.
 * `## 一、【本周进展】：` → `本周进展`.
 */
export function headingCore(title: string): { core: string; start: number; end: number } {
  // most headings and every name start and end with a letter and carry no numbering: nothing to strip
  if (PLAIN_ENDS.test(title) && !NUMBERING.test(title)) return { core: title, start: 0, end: title.length };
  let start = 0;
  let end = title.length;
  for (let changed = true; changed && start < end; ) {
    changed = false;
    const s = title.slice(start, end);
    const lead = /^\s+/.exec(s) ?? EMOJI.exec(s) ?? EMPHASIS.exec(s) ?? NUMBERING.exec(s);
    if (lead && lead[0].length < s.length) {
      start += lead[0].length;
      changed = true;
      continue;
    }
    const trail = /(?:\s|[:：])+$/.exec(s) ?? EMOJI_END.exec(s) ?? EMPHASIS_END.exec(s);
    if (trail && trail.index > 0) {
      end = start + trail.index;
      changed = true;
      continue;
    }
    const close = PAIRS[s[0]];
    if (close && s.length > 2 && s.endsWith(close) && s.indexOf(close) === s.length - 1) {
      start += 1;
      end -= 1;
      changed = true;
    }
  }
  return { core: title.slice(start, end), start, end };
}

