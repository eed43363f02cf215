import MarkdownIt from 'markdown-it';
import { esc } from './escape.js';

/**
 * Where a link of the Markdown goes in the HTML: the new `href` (already a valid URL), or null to drop the
 * link and keep its text.
 */
export type LinkMap = (href: string) => string | null;

type Token = ReturnType<MarkdownIt['parse']>[number];

function renderer(): MarkdownIt {
  // raw HTML stays text (html: false); bare URLs were already made autolinks by the Markdown renderer
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  // every URL reaches our link map; it is stricter than markdown-it's own check
  md.validateLink = () => true;
  const rules = md.renderer.rules;
  // a report loads nothing: an image is shown as its alt text
  rules.image = (tokens, idx, _o, env) => `<span class="img-alt">${esc(md.renderer.renderInlineAsText(tokens[idx].children ?? [], md.options, env))}</span>`;
  rules.link_open = (tokens, idx, o, env, self) => {
    const t = tokens[idx];
    if (t.meta?.drop) return '';
    if (/^https?:/i.test(t.attrGet('href') ?? '')) t.attrSet('rel', 'noopener noreferrer');
    return self.renderToken(tokens, idx, o);
  };
  rules.link_close = (tokens, idx, o, _env, self) => (tokens[idx].meta?.drop ? '' : self.renderToken(tokens, idx, o));
  // column alignment as a class: an inline style would need 'unsafe-inline' in the page's Content-Security-Policy
  const cell = (tokens: Token[], idx: number, o: MarkdownIt['options'], self: MarkdownIt['renderer']) => {
    const t = tokens[idx];
    const m = /text-align:(left|right|center)/.exec(t.attrGet('style') ?? '');
    if (m) {
      t.attrs = (t.attrs ?? []).filter(([k]) => k !== 'style');
      t.attrJoin('class', `align-${m[1]}`);
    }
    return self.renderToken(tokens, idx, o);
  };
  rules.th_open = (tokens, idx, o, _env, self) => cell(tokens, idx, o, self);
  rules.td_open = (tokens, idx, o, _env, self) => cell(tokens, idx, o, self);
  rules.table_open = () => '<div class="table-wrap"><table>\n';
  rules.table_close = () => '</table></div>\n';
  return md;
}

let shared: MarkdownIt | null = null;

/**
 * Markdown (a rendered summary) to an HTML fragment with markdown-it: all text escaped and raw HTML in the
 * Markdown shown as text, so nothing a note says becomes markup; every link goes through `link` (only
 * http(s) and relative links survive), images become their alt text, and tables scroll on narrow screens.
 */
export function markdownToHtml(markdown: string, link: LinkMap): string {
  shared ??= renderer();
  const env = {};
  const tokens = shared.parse(markdown, env);
  for (const block of tokens) {
    const open: Token[] = [];
    for (const t of block.children ?? []) {
      if (t.type === 'link_open') {
        const to = link(t.attrGet('href') ?? '');
        if (to === null) t.meta = { drop: true };
        else t.attrSet('href', to);
        open.push(t);
      } else if (t.type === 'link_close') {
        const o = open.pop();
        if (o?.meta?.drop) t.meta = { drop: true };
      }
    }
  }
  return shared.renderer.render(tokens, shared.options, env);
}

/** Percent-encode a relative path for an `href`: each segment encoded, `/` kept. */
export function encodePath(p: string): string {
  return p
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}
