// URLs and e-mail addresses become autolinks: bare ones are what markdownlint's no-bare-urls reports
const URL_RE = /https?:\/\/[^\s<>"'，。；、）)\]】]+/g;
// an e-mail's domain, matched from the `@` on: the text before it is walked back by hand, so that a long run of
// the characters of an address holds no quadratic search (a regex tried at every start of the run was one)
const DOMAIN_RE = /[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/y;
const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;

/** The URLs and e-mail addresses of a text, in order, as `[start, end)` ranges; linear in the text's length. */
export function autolinkRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(URL_RE)) out.push([m.index!, m.index! + m[0].length]);
  const mails: [number, number][] = [];
  let floor = 0;
  let u = 0;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    // inside a URL: its own
    while (u < out.length && out[u][1] <= at) u++;
    if (u < out.length && out[u][0] <= at) continue;
    let start = at;
    const stop = Math.max(floor, u > 0 ? out[u - 1][1] : 0);
    while (start > stop && LOCAL_CHAR.test(text[start - 1])) start--;
    if (start === at) continue;
    DOMAIN_RE.lastIndex = at + 1;
    const d = DOMAIN_RE.exec(text);
    if (!d) continue;
    const end = at + 1 + d[0].length;
    if (u < out.length && out[u][0] < end) continue;
    mails.push([start, end]);
    floor = end;
    at = end - 1;
  }
  return [...out, ...mails].sort((a, b) => a[0] - b[0]);
}

/**
 * Note text as one line of inline Markdown that renders as written: newlines folded, Markdown punctuation
 * backslash-escaped (so `*`, `_`, `|`, `[`, `<` stay literal, and a table cell cannot be split), and bare URLs
 * turned into autolinks. Templates receive note text only in this form.
 */
export function inline(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  let out = '';
  let last = 0;
  // a note's own web links stay links, as written (`[#3492](https://example.org/pr/3492)`); the rest is text
  for (const m of one.matchAll(NOTE_LINK)) {
    out += autolinked(one.slice(last, m.index)) + `[${escapeInline(m[1])}](${m[2].replace(/\|/g, '%7C')})`;
    last = m.index! + m[0].length;
  }
  out += autolinked(one.slice(last));
  // what would open a heading or a list where the text starts a line or follows a list marker
  return out.replace(/^([#+-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

// a Markdown link to a web page: a label of a line, a URL with no space, bracket, parenthesis or angle bracket (so
// that a search never runs past the next `[` or `(`: linear in the text)
const NOTE_LINK = /\[([^[\]\n]{1,200})\]\((https?:\/\/[^\s()<>[\]"']+)\)/g;

/** Text with its URLs and e-mail addresses as autolinks, the rest escaped. */
function autolinked(text: string): string {
  let out = '';
  let last = 0;
  for (const [start, end] of autolinkRanges(text)) {
    // `|` is percent-encoded: in a table row it would end the cell even inside an autolink
    out += escapeInline(text.slice(last, start)) + `<${text.slice(start, end).replace(/\|/g, '%7C')}>`;
    last = end;
  }
  return out + escapeInline(text.slice(last));
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
