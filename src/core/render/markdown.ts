// URLs and e-mail addresses become autolinks: bare ones are what markdownlint's no-bare-urls reports
const URL_RE = /https?:\/\/[^\s<>"'，。；、）)\]】]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/**
 * Note text as one line of inline Markdown that renders as written: newlines folded, Markdown punctuation
 * backslash-escaped (so `*`, `_`, `|`, `[`, `<` stay literal, and a table cell cannot be split), and bare URLs
 * turned into autolinks. Templates receive note text only in this form.
 */
export function inline(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  let out = '';
  let last = 0;
  for (const m of one.matchAll(URL_RE)) {
    out += escapeInline(one.slice(last, m.index)) + `<${m[0]}>`;
    last = m.index! + m[0].length;
  }
  out += escapeInline(one.slice(last));
  // what would open a heading or a list where the text starts a line or follows a list marker
  return out.replace(/^([#+-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

function escapeInline(s: string): string {
  return s
    .replace(/[\\`*_{}[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;');
}

/** Encode a relative path for a Markdown link destination: spaces, parentheses and `#`/`?`/`%` escaped, CJK kept. */
export function linkPath(p: string): string {
  return p.replace(/[\s()<>#?%[\]`"'\\]/g, (c) => encodeURIComponent(c).replace(/[()']/g, (x) => `%${x.charCodeAt(0).toString(16).toUpperCase()}`));
}

/**
 * Tidy rendered Markdown: no trailing spaces, no runs of blank lines, no blank lines at the start, exactly
 * one newline at the end. Templates can then be written for legibility.
 */
export function tidy(md: string): string {
  return `${md
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+/, '')
    .trimEnd()}\n`;
}

/** A CSV field (RFC 4180): quoted when needed; text that a spreadsheet would run as a formula gets a leading `'`. */
export function csvField(v: string | number | null, text = true): string {
  if (v === null) return '';
  let s = String(v);
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
