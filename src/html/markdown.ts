import { micromark } from 'micromark';
import { gfmTable, gfmTableHtml } from 'micromark-extension-gfm-table';

/**
 * Where a link of the Markdown goes in the HTML: the new `href` (already a valid URL), or null to drop the
 * link and keep its text.
 */
export type LinkMap = (href: string) => string | null;

/**
 * Markdown (a rendered summary) to an HTML fragment. micromark escapes all text and turns raw HTML in the
 * Markdown into visible text (`allowDangerousHtml` stays off), so nothing a note says becomes markup; then
 * every link goes through `link` (only http(s) and relative links survive), images become their alt text
 * (a report loads nothing), and tables get a scrolling wrapper for narrow screens.
 */
export function markdownToHtml(md: string, link: LinkMap): string {
  const html = micromark(md, { extensions: [gfmTable()], htmlExtensions: [gfmTableHtml()] });
  // micromark's output is regular: tags only where it made them, `"` never inside an attribute value
  return html
    .replace(/<a href="([^"]*)"((?: title="[^"]*")?)>([\s\S]*?)<\/a>/g, (_m, href: string, title: string, text: string) => {
      const to = link(decodeEntities(href));
      if (to === null) return text;
      const external = /^https?:/i.test(to);
      return `<a href="${attr(to)}"${title}${external ? ' rel="noopener noreferrer"' : ''}>${text}</a>`;
    })
    .replace(/<img src="[^"]*" alt="([^"]*)"(?: title="[^"]*")? \/>/g, (_m, alt: string) => `<span class="img-alt">${alt}</span>`)
    .replace(/<table>/g, '<div class="table-wrap"><table>')
    .replace(/<\/table>/g, '</table></div>');
}

function decodeEntities(s: string): string {
  return s.replace(/&(amp|quot|lt|gt|#39);/g, (_m, e: string) => ({ amp: '&', quot: '"', lt: '<', gt: '>', '#39': "'" })[e]!);
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** Percent-encode a relative path for an `href`: each segment encoded, `/` kept. */
export function encodePath(p: string): string {
  return p
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}
