import MarkdownIt from 'markdown-it';
import { esc } from './escape.js';

type Token = ReturnType<MarkdownIt['parse']>[number];

/**
 * Where a note's HTML page goes in the site: `notes/` and its path under the notes folder `root` (relative to the
 * working directory, `.` for it; `notes/2024/第01周.md` under `notes` → `notes/2024/第01周.html`), `.md` made
 * `.html`; a note outside `root` keeps its whole path, a `..` segment made `__`.
 */
export function notePagePath(file: string, prefix: string, root = '.'): string {
  const under = root !== '.' && root !== '' && file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file;
  const safe = under
    .split('/')
    .map((seg) => (seg === '..' ? '__' : seg === '.' || seg === '' ? '_' : seg))
    .join('/');
  return `${prefix}notes/${safe.replace(/\.md$/i, '')}.html`;
}

let shared: MarkdownIt | null = null;

function renderer(): MarkdownIt {
  // as the summaries' renderer: raw HTML is text, nothing is loaded
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  md.validateLink = () => true;
  const base = md.renderer.renderToken.bind(md.renderer);
  // the anchors of a block's lines that no block of their own starts on, before the block
  md.renderer.renderToken = (tokens, idx, options) => {
    const extra = (tokens[idx].meta as { lines?: number[] } | null)?.lines ?? [];
    return extra.map((n) => `<a id="L${n}" class="ln"></a>`).join('') + base(tokens, idx, options);
  };
  md.renderer.rules.image = (tokens, idx, _o, env) => `<span class="img-alt">${esc(md.renderer.renderInlineAsText(tokens[idx].children ?? [], md.options, env))}</span>`;
  // only web links stay links in a note's page; its relative links point at files the site does not hold
  md.renderer.rules.link_open = (tokens, idx, o, _env, self) => {
    const href = tokens[idx].attrGet('href') ?? '';
    if (!/^https?:\/\//i.test(href)) {
      tokens[idx].meta = { drop: true };
      return '';
    }
    tokens[idx].attrSet('rel', 'noopener noreferrer');
    return self.renderToken(tokens, idx, o);
  };
  md.renderer.rules.link_close = (tokens, idx, o, _env, self) => {
    // the matching open: the nearest unclosed link_open before it
    let depth = 0;
    for (let i = idx - 1; i >= 0; i--) {
      if (tokens[i].type === 'link_close') depth++;
      else if (tokens[i].type === 'link_open' && depth-- === 0) return tokens[i].meta?.drop ? '' : self.renderToken(tokens, idx, o);
    }
    return self.renderToken(tokens, idx, o);
  };
  md.renderer.rules.table_open = () => '<div class="table-wrap"><table>\n';
  md.renderer.rules.table_close = () => '</table></div>\n';
  return md;
}

/**
 * A note as HTML with an anchor on every line (`#L25`), so that a citation opens at the line it cites: each block
 * (heading, paragraph, list item, table row …) takes the id of the line it starts on, and the other lines of a
 * block (a paragraph's second line, a table's rows) get an empty anchor before it. Raw HTML is shown as text.
 */
export function noteHtml(text: string): string {
  shared ??= renderer();
  const tokens = shared.parse(text, {});
  const total = text.split('\n').length;
  // each line's innermost block: later (nested) blocks override the ones around them
  const owner = new Array<Token | null>(total + 1).fill(null);
  const starts = new Set<number>();
  // a tight list's paragraphs are not rendered (hidden): their list items carry the anchors
  for (const t of tokens) {
    if (!t.map || t.nesting !== 1 || t.hidden) continue;
    starts.add(t.map[0] + 1);
    for (let n = t.map[0] + 1; n <= Math.min(t.map[1], total); n++) owner[n] = t;
  }
  const lines = new Map<Token, number[]>();
  for (let n = 1; n <= total; n++) {
    const t = owner[n];
    if (!t) continue;
    if (n === t.map![0] + 1) {
      if (!t.attrGet('id')) t.attrSet('id', `L${n}`);
    } else if (!starts.has(n)) {
      const list = lines.get(t);
      if (list) list.push(n);
      else lines.set(t, [n]);
    }
  }
  // a line outside every block (a blank line) anchors at the next block, or at the end of the page
  const opens = tokens.filter((t) => t.map && t.nesting === 1 && !t.hidden);
  const loose: string[] = [];
  let k = 0;
  for (let n = 1; n <= total; n++) {
    // blocks come in the order of their first lines
    while (k < opens.length && opens[k].map![0] + 1 <= n) k++;
    if (owner[n] || starts.has(n)) continue;
    const next = opens[k];
    if (next) {
      const list = lines.get(next);
      if (list) list.push(n);
      else lines.set(next, [n]);
    }
    else loose.push(`<a id="L${n}" class="ln"></a>`);
  }
  for (const [t, ns] of lines) t.meta = { ...(t.meta ?? {}), lines: ns.sort((a, b) => a - b) };
  return shared.renderer.render(tokens, shared.options, {}) + loose.join('');
}
