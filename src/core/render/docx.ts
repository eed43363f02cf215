import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import JSZip from 'jszip';
import MarkdownIt from 'markdown-it';

type Token = ReturnType<MarkdownIt['parse']>[number];

/** How the Word document is laid out and labelled. */
export interface DocxOptions {
  /** The document's title property (the page's `# ` heading when not given). */
  title?: string;
  /** BCP 47 language tag of the text (`zh-CN`, `en`). */
  lang: string;
}

// A4 with 2 cm margins, in twentieths of a point; body text 10.5 pt (五号), the size a 述职报告 is printed at
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const BODY_SIZE = 21;
// every entry of the zip carries this date, so that the same draft gives the same bytes (DOS time starts in 1980)
const ZIP_DATE = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

/** The runs of an inline token's children: bold kept, links as their text (a printed page has nowhere to go). */
function runsOf(inline: Token | undefined, base: Omit<Run, 'text'> = {}): Run[] {
  const out: Run[] = [];
  let bold = 0;
  let em = 0;
  for (const t of inline?.children ?? []) {
    if (t.type === 'strong_open') bold++;
    else if (t.type === 'strong_close') bold--;
    else if (t.type === 'em_open') em++;
    else if (t.type === 'em_close') em--;
    else if (t.type === 'text' || t.type === 'code_inline') out.push({ text: t.content, bold: base.bold || bold > 0, italic: base.italic || em > 0 });
    else if (t.type === 'softbreak' || t.type === 'hardbreak') out.push({ text: ' ', ...base });
  }
  // neighbours of the same style as one run: fewer elements, the same text
  const merged: Run[] = [];
  for (const r of out) {
    const last = merged[merged.length - 1];
    if (last && !!last.bold === !!r.bold && !!last.italic === !!r.italic) last.text += r.text;
    else merged.push({ ...r });
  }
  return merged;
}

const textRuns = (runs: Run[], size = BODY_SIZE, colour?: string) => runs.map((r) => new TextRun({ text: r.text, bold: r.bold, italics: r.italic, size, color: colour }));

/** Whether an inline holds only links and separators (the page's navigation line): nothing to print. */
function onlyLinks(inline: Token | undefined): boolean {
  let depth = 0;
  let linked = false;
  for (const t of inline?.children ?? []) {
    if (t.type === 'link_open') {
      depth++;
      linked = true;
    } else if (t.type === 'link_close') depth--;
    else if (depth === 0 && t.type === 'text' && t.content.trim() && !/^[\s·|、,，]+$/.test(t.content)) return false;
  }
  return linked;
}

const HEADINGS = [HeadingLevel.TITLE, HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5];

/**
 * A page's Markdown (the 述职 draft) as a Word document (`.docx`): headings, paragraphs, bulleted lists (a
 * bullet character, no numbering definitions), tables with a bold header row, the 【待补充】 blockquotes in
 * italic grey, citations as their text (`（第51周）`), the navigation line left out. Pure: the same Markdown gives
 * the same bytes (no timestamps, no random ids).
 */
export async function markdownToDocx(markdown: string, opts: DocxOptions): Promise<Uint8Array> {
  const md = new MarkdownIt({ html: false, linkify: false });
  const tokens = md.parse(markdown, {});
  const children: (Paragraph | Table)[] = [];
  let title = opts.title ?? null;
  let quote = 0;
  const lists: number[] = [];
  let table: { rows: Run[][][]; header: number } | null = null;
  let row: Run[][] | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const inline = tokens[i + 1]?.type === 'inline' ? tokens[i + 1] : undefined;
    switch (t.type) {
      case 'heading_open': {
        const level = Number(t.tag.slice(1)) - 1;
        const runs = runsOf(inline);
        if (level === 0 && title === null) title = runs.map((r) => r.text).join('');
        children.push(new Paragraph({ heading: HEADINGS[Math.min(level, HEADINGS.length - 1)], children: textRuns(runs, level === 0 ? 36 : level === 1 ? 28 : 24), spacing: { before: level === 0 ? 0 : 160, after: 80 } }));
        break;
      }
      case 'blockquote_open':
        quote++;
        break;
      case 'blockquote_close':
        quote--;
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        lists.push(0);
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'paragraph_open': {
        if (table || onlyLinks(inline)) break;
        const runs = runsOf(inline, { italic: quote > 0 });
        const depth = lists.length;
        const item = depth > 0 && tokens[i - 1]?.type === 'list_item_open';
        const bullet = item ? (depth === 1 ? '• ' : '◦ ') : '';
        children.push(
          new Paragraph({
            children: [...(bullet ? [new TextRun({ text: bullet, size: BODY_SIZE })] : []), ...textRuns(runs, BODY_SIZE, quote ? '666666' : undefined)],
            indent: depth ? { left: 360 * depth, hanging: 240 } : undefined,
            spacing: { after: depth ? 20 : 80 },
          }),
        );
        break;
      }
      case 'table_open':
        table = { rows: [], header: 0 };
        break;
      case 'thead_open':
        if (table) table.header = 1;
        break;
      case 'tr_open':
        row = [];
        break;
      case 'th_open':
      case 'td_open':
        row?.push(runsOf(inline, { bold: t.type === 'th_open' }));
        break;
      case 'tr_close':
        if (table && row) table.rows.push(row);
        row = null;
        break;
      case 'table_close':
        if (table) children.push(tableOf(table.rows, table.header), new Paragraph({ children: [], spacing: { after: 60 } }));
        table = null;
        break;
      default:
        break;
    }
  }
  const doc = new Document({
    title: title ?? '',
    creator: 'weekly',
    styles: { default: { document: { run: { size: BODY_SIZE, font: { ascii: 'Calibri', hAnsi: 'Calibri', eastAsia: 'SimSun' }, language: { value: opts.lang, eastAsia: opts.lang } } } } },
    sections: [{ properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin } } }, children }],
  });
  // the core properties without their creation time
  const core = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${xmlText(title ?? '')}</dc:title><dc:creator>weekly</dc:creator></cp:coreProperties>`;
  const packed = await Packer.toBuffer(doc, false, [{ path: 'docProps/core.xml', data: core }]);
  // the zip again, its entries dated alike: Packer dates them with the clock
  const zip = await JSZip.loadAsync(packed);
  const out = new JSZip();
  for (const name of Object.keys(zip.files).sort()) {
    const f = zip.files[name];
    if (f.dir) continue;
    out.file(name, await f.async('uint8array'), { date: ZIP_DATE, createFolders: false });
  }
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A table over the text width, cells in 9 pt, the header row bold on grey. */
function tableOf(rows: Run[][][], header: number): Table {
  const cols = Math.max(...rows.map((r) => r.length));
  const width = PAGE.width - 2 * PAGE.margin;
  const border = { style: BorderStyle.SINGLE, size: 4, color: 'BFBFBF' };
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: Array.from({ length: cols }, () => Math.floor(width / cols)),
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: rows.map(
      (r, ri) =>
        new TableRow({
          tableHeader: ri < header,
          children: Array.from({ length: cols }, (_, ci) =>
            new TableCell({
              shading: ri < header ? { type: ShadingType.CLEAR, fill: 'F2F2F2', color: 'auto' } : undefined,
              children: [new Paragraph({ alignment: AlignmentType.LEFT, children: textRuns(r[ci] ?? [], 18) })],
            }),
          ),
        }),
    ),
  });
}

/** The path of a 述职 draft's Word document beside its Markdown page: `review/2023.md` → `review/2023.docx`. */
export const docxPathOf = (mdPath: string) => mdPath.replace(/\.md$/, '.docx');
