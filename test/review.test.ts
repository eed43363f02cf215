import { execFileSync, spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleWorkspace, read, tempDir, weekly } from './build-helpers.js';
import { bodyOf } from './summaries-helpers.js';
import { markdownToDocx, docxPathOf } from '../src/core/render/docx.js';

/** The entries of a zip file (a .docx), read through its central directory with node:zlib: name → bytes. */
function unzip(buf: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file: no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    out.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLen + extra + comment;
  }
  return out;
}

/** The paragraphs of a document.xml as text, each with its style (`Heading1`, `Title`, or ''). */
function paragraphs(xml: string): { style: string; text: string }[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(m[0])?.[1] ?? '',
    text: [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1].replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')).join(''),
  }));
}

/** LibreOffice's command, or null when it is not installed. */
function soffice(): string | null {
  for (const cmd of ['soffice', 'libreoffice']) if (spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0) return cmd;
  return null;
}

describe('the 述职 draft of examples/notes', () => {
  let ws: string;
  let review: string;
  beforeAll(async () => {
    ws = await exampleWorkspace();
    expect((await weekly(ws, 'build', 'examples/notes', '--quiet')).code).toBe(0);
    review = await read(path.join(ws, 'dist/review/2023.md'));
  });

  it('has the six parts of a 述职报告, each with 【待补充】 where only the author can write', () => {
    const body = bodyOf(review);
    expect(body.split('\n').filter((l) => l.startsWith('## '))).toEqual(['## 一、工作回顾', '## 二、主要业绩与数据', '## 三、重点项目', '## 四、问题与不足', '## 五、经验与反思', '## 六、来年规划', '## 周报来源']);
    expect(body.match(/^> 【待补充】/gm)).toHaveLength(6);
  });

  it('reviews the work by objective: when each item started and ended, and the numbers it moved', () => {
    const body = bodyOf(review);
    expect(body).toContain('### O1 服务业务');
    expect(body).toContain('- **资金安全**：第45周起（需求评估），第53周上线完成（[第53周][w53-34]）');
    expect(body).toContain('- **交易不成退代**：第45周起（开发中），至第53周：回归测试（[第53周][w53-35]）');
    expect(body).toContain('  - **ARK过检**：第49周起，第53周检测通过（[第53周][w53-43]）');
  });

  it('gives the year’s results first → last with the change: 0级报警跟进率 52% → 75%, 代码bug服务数 15 → 10', () => {
    const body = bodyOf(review);
    expect(body).toContain('| 0级报警跟进率 | 52%（第45周）→75%（第53周） | ↑ +23pp（改善） |');
    expect(body).toContain('| 代码bug服务数 | 15个（第45周）→10个（第53周） | ↓ -5个（改善） |');
  });

  it('lists under 问题与不足 the four incidents, the failed launch and rollback of 交易不成退代 and its 33-day slip', () => {
    const problems = bodyOf(review).split('## 四、问题与不足\n\n')[1].split('\n## ')[0];
    expect(problems).toContain('- 生产事件 4 起，累计 4.3小时：');
    expect(problems.match(/^ {2}- \d+月\d+日 \d\d:\d\d /gm)).toHaveLength(4);
    expect(problems).toContain('  - 12月7日 23:10 交易不成退代上线后分账代充接口报错，紧急回滚（30分钟）（[第50周][w50-69]）');
    expect(problems).toContain('- 交易不成退代：12/7上线失败已回滚，复盘中，待重新排期（[第50周][w50-39]）');
    expect(problems).toContain('- 交易不成退代上线推迟 33 天：12月7日→1月9日（[第49周][w49-33]、[第51周][w51-37]）');
  });

  it('plans the coming year from the latest plan the notes state, the objectives and the items still open', () => {
    const plans = bodyOf(review).split('## 六、来年规划\n\n')[1].split('\n## ')[0];
    expect(plans).toContain('- **2024工作规划**：2024工作规划初稿完成，延续三个目标，但重心有调整：（[第52周][w52-7]）');
    expect(plans).toContain('- 目标：O1 服务业务；O2 系统升级；O3 安全稳定、降本提效');
    expect(plans).toContain('- 未完成的工作项 9 项：');
  });

  describe('as a Word document', () => {
    let bytes: Buffer;
    beforeAll(async () => {
      // the build writes review/2023.docx once the pipeline calls markdownToDocx; until then, made here from the page
      const built = path.join(ws, 'dist', docxPathOf('review/2023.md'));
      bytes = await fs.readFile(built).catch(async () => Buffer.from(await markdownToDocx(review, { lang: 'zh-CN' })));
    });

    it('opens: read back, it holds the headings, the tables and the citations of the page', () => {
      const files = unzip(bytes);
      expect([...files.keys()]).toContain('word/document.xml');
      expect(files.get('[Content_Types].xml')!.toString()).toContain('wordprocessingml.document.main+xml');
      const xml = files.get('word/document.xml')!.toString('utf8');
      const ps = paragraphs(xml);
      expect(ps[0]).toEqual({ style: 'Title', text: '2023年述职（草稿）' });
      expect(ps.filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual(['一、工作回顾', '二、主要业绩与数据', '三、重点项目', '四、问题与不足', '五、经验与反思', '六、来年规划', '周报来源']);
      // the metric table: a header row and eight metrics
      expect(xml.match(/<w:tbl>/g)).toHaveLength(1);
      expect(xml.match(/<w:tr>/g)).toHaveLength(9);
      // citations as their text: the week a fact comes from
      expect(ps.map((p) => p.text)).toContain('• 交易不成退代上线推迟 33 天：12月7日→1月9日（第49周、第51周）');
      // the navigation line of the page has no place on paper
      expect(ps.some((p) => p.text.includes('目录'))).toBe(false);
      expect(files.get('docProps/core.xml')!.toString()).not.toMatch(/dcterms:created/);
    });

    it('is the same bytes each time it is made', async () => {
      const again = Buffer.from(await markdownToDocx(review, { lang: 'zh-CN' }));
      expect(again.equals(Buffer.from(await markdownToDocx(review, { lang: 'zh-CN' })))).toBe(true);
    });

    it('prints within four A4 pages (LibreOffice converts it to PDF)', async (ctx) => {
      const cmd = soffice();
      if (!cmd) {
        ctx.skip('LibreOffice (soffice) is not installed: the page count is not checked (Debian: apt-get install libreoffice-writer-nogui)');
        return;
      }
      const dir = await tempDir('weekly-docx-');
      await fs.writeFile(path.join(dir, '2023.docx'), bytes);
      execFileSync(cmd, ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, path.join(dir, '2023.docx')], { stdio: 'ignore', timeout: 120_000 });
      const pdf = await fs.readFile(path.join(dir, '2023.pdf'), 'latin1');
      const pages = Number(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/.exec(pdf)?.[1] ?? pdf.match(/\/Type\s*\/Page\b/g)?.length);
      expect(pages).toBeGreaterThanOrEqual(1);
      expect(pages).toBeLessThanOrEqual(4);
    });
  });
});
