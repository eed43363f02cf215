import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseNote } from '../src/core/parse/index.js';
import { decode, guessLegacyEncoding } from '../src/core/parse/decode.js';
import { run } from '../src/cli.js';

// `# 第51周\n\n## 重点工作\n` in GBK
const GBK = Buffer.from([0x23, 0x20, 0xb5, 0xda, 0x35, 0x31, 0xd6, 0xdc, 0x0a, 0x0a, 0x23, 0x23, 0x20, 0xd6, 0xd8, 0xb5, 0xe3, 0xb9, 0xa4, 0xd7, 0xf7, 0x0a]);

async function cli(args: string[], cwd: string) {
  let out = '';
  let err = '';
  const code = await run(['node', 'weekly', ...args], { cwd, stdout: (s) => (out += s), stderr: (s) => (err += s), isTTY: false });
  return { code, out, err };
}

describe('parser on bad input: a model with diagnostics, never a throw', () => {
  it('empty and whitespace-only notes', () => {
    for (const text of ['', '   \n\n \t \n']) {
      const r = parseNote(text, 'e.md');
      expect(r).toMatchObject({ title: null, week: null, sections: [], metrics: [], diagnostics: [] });
    }
  });

  it('a note without a title still reads its sections', () => {
    const r = parseNote('## 系统运行数据\n\n- 入金有效成功率：99.9%\n', 'x.md');
    expect(r.title).toBeNull();
    expect(r.week).toBeNull();
    expect(r.metrics.map((m) => [m.name, m.value])).toEqual([['入金有效成功率', 99.9]]);
  });

  it('lists and quotes nested 5,000 deep are reported, not parsed for minutes', () => {
    const list = parseNote(`# 第1周\n\n${'- '.repeat(5000)}x\n`, 'l.md');
    expect(list.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '3:1 Unexpected 5000 nested lists or quotes on one line, expected at most 64; the line was not read',
    ]);
    expect(list.title).toBe('第1周');
    const quotes = Array.from({ length: 5000 }, (_, i) => '>'.repeat(i + 1) + ' x').join('\n');
    const q = parseNote(quotes, 'q.md');
    expect(q.diagnostics).toHaveLength(1);
    expect(q.diagnostics[0]).toMatchObject({ line: 65, severity: 'warn' });
    expect(q.diagnostics[0].message).toContain('(nor were 4935 more such lines)');
  });

  it('a line of 20,000 `[`', () => {
    const r = parseNote(`# 第1周\n\n## 其他\n\n${'['.repeat(20000)}\n`, 'b.md');
    expect(r.diagnostics).toEqual([]);
    expect(r.other).toHaveLength(1);
  });

  it('a frontmatter fence never closed', () => {
    const r = parseNote('---\nweek: 2024-W10\n# 第10周\n', 'f.md');
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '1:1 Unexpected frontmatter fence `---` that is never closed, expected a closing `---` line',
    ]);
  });

  it('a YAML alias bomb is refused, not expanded', () => {
    const bomb = '---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n---\n# 第1周\n';
    const r = parseNote(bomb, 'y.md');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0].message).toMatch(/^Unexpected invalid frontmatter YAML: .*alias/i);
    expect(r.title).toBe('第1周');
  });

  it('an unreadable Created value is reported at its line', () => {
    const r = parseNote('# 第51周\n\nCreated: 上周六\n', 'c.md');
    expect(r.created).toBeNull();
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '3:1 Unexpected date `上周六`, expected a date such as `2023年12月16日 08:02` or `2023-12-16 08:02`',
    ]);
  });
});

describe('decoding', () => {
  it('UTF-8 with BOM, UTF-16 with BOM', () => {
    expect(decode(Buffer.from('\uFEFF# 第1周', 'utf8'))).toMatchObject({ text: '# 第1周', bom: true, encoding: 'utf8' });
    const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# 第1周\n', 'utf16le')]);
    expect(decode(u16)).toMatchObject({ text: '# 第1周\n', encoding: 'utf16le' });
  });

  it('binary is refused', () => {
    expect(decode(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]))).toMatchObject({ text: null, error: 'binary file (it holds NUL bytes), not a Markdown note' });
  });

  it('GBK is detected and named, and read when asked', () => {
    const d = decode(GBK);
    expect(d.text).toBeNull();
    expect(d.error).toContain('rerun with `--encoding gbk`');
    expect(decode(GBK, 'gbk').text).toBe('# 第51周\n\n## 重点工作\n');
  });

  // one line each, made with iconv: all three are valid GBK too, which is how they were read as mojibake
  const BIG5 = Buffer.from([0x23, 0x20, 0xb2, 0xc4, 0x35, 0x31, 0xb6, 0x67, 0xa1, 0x47, 0xad, 0xab, 0xc2, 0x49, 0xa4, 0x75, 0xa7, 0x40, 0x0a]); // # 第51週：重點工作
  const SJIS = Buffer.from([0x23, 0x20, 0x8f, 0x54, 0x95, 0xf1, 0x81, 0x46, 0x8e, 0x91, 0x97, 0xbf, 0x82, 0xf0, 0x8d, 0xec, 0x90, 0xac, 0x82, 0xb5, 0x82, 0xdc, 0x82, 0xb5, 0x82, 0xbd, 0x0a]); // # 週報：資料を作成しました
  const EUCJP = Buffer.from([0x23, 0x20, 0xc9, 0xbe, 0xb2, 0xc1, 0xa4, 0xce, 0xbb, 0xf1, 0xce, 0xc1, 0xa4, 0xf2, 0xba, 0xee, 0xc0, 0xae, 0xa4, 0xb7, 0xa4, 0xde, 0xa4, 0xb7, 0xa4, 0xbf, 0xa1, 0xa3, 0x0a]); // # 評価の資料を作成しました。

  it('Big5, Shift-JIS and EUC-JP are named for what they are, not called GBK, even one line of them', () => {
    expect(new TextDecoder('big5').decode(BIG5)).toBe('# 第51週：重點工作\n');
    expect(new TextDecoder('shift_jis').decode(SJIS)).toBe('# 週報：資料を作成しました\n');
    expect(new TextDecoder('euc-jp').decode(EUCJP)).toBe('# 評価の資料を作成しました。\n');
    expect([GBK, BIG5, SJIS, EUCJP].map(guessLegacyEncoding)).toEqual(['gbk', 'big5', 'shift_jis', 'euc_jp']);
    expect([BIG5, SJIS, EUCJP].map((b) => decode(b).error)).toEqual([
      'not UTF-8: the bytes read as Big5 (Traditional Chinese), which weekly does not read; convert the file to UTF-8 (`iconv -f BIG5 -t UTF-8`)',
      'not UTF-8: the bytes read as Shift-JIS (Japanese), which weekly does not read; convert the file to UTF-8 (`iconv -f SHIFT_JIS -t UTF-8`)',
      'not UTF-8: the bytes read as EUC-JP (Japanese), which weekly does not read; convert the file to UTF-8 (`iconv -f EUC-JP -t UTF-8`)',
    ]);
    // asked for GBK, they are still refused: decoded as GBK they would say something else
    for (const b of [BIG5, SJIS, EUCJP]) expect(decode(b, 'gbk')).toMatchObject({ text: null, encoding: null });
    expect(decode(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), BIG5]), 'gbk')).toMatchObject({ text: null, bom: true });
  });

  it('asked for GBK, a byte no GBK character holds is named with its line, not turned into another character as Node\'s decoder does', () => {
    const bytes = Buffer.concat([GBK, Buffer.from([0x2d, 0x20, 0xb5, 0xda, 0xff, 0x0a])]);
    // what Node's own decoder does, even when fatal: the 0xFF becomes a private-use character, without a word
    expect(new TextDecoder('gbk', { fatal: true }).decode(bytes)).toBe('# 第51周\n\n## 重点工作\n- 第\uF8F5\n');
    expect(decode(bytes, 'gbk')).toMatchObject({ text: null, error: 'not UTF-8 text, and not valid GBK text either: byte FF at line 4, byte 5 of the line is no GBK character' });
  });

  it('bytes that are none of these are said to be neither UTF-8 nor GBK', () => {
    expect(guessLegacyEncoding(Buffer.from([0x23, 0xff, 0xfe, 0xfd]))).toBeNull();
    expect(decode(Buffer.from([0x23, 0xff, 0xfe, 0xfd])).error).toBe('not UTF-8 text, and not GBK either');
  });

  it('UTF-32 is named, with or without its byte-order mark, and never decoded as UTF-16', () => {
    const units = (cps: number[], le: boolean) => Buffer.concat(cps.map((c) => { const b = Buffer.alloc(4); if (le) b.writeUInt32LE(c); else b.writeUInt32BE(c); return b; }));
    const cps = [...'# 第51周\n## 重点工作\n'].map((c) => c.codePointAt(0)!);
    expect(decode(units([0xfeff, ...cps], true))).toMatchObject({ text: null, bom: true, error: 'UTF-32 text (little-endian, with a byte-order mark); save it as UTF-8' });
    expect(decode(units([0xfeff, ...cps], false))).toMatchObject({ text: null, bom: true, error: 'UTF-32 text (big-endian, with a byte-order mark); save it as UTF-8' });
    expect(decode(units(cps, true)).error).toBe('UTF-32 text (little-endian) without a byte-order mark; save it as UTF-8');
    expect(decode(units(cps, false)).error).toBe('UTF-32 text (big-endian) without a byte-order mark; save it as UTF-8');
    // UTF-16 without a mark is still told apart from it
    expect(decode(Buffer.from('# 第51周\n## 重点工作\n', 'utf16le')).error).toBe('UTF-16 text (little-endian) without a byte-order mark; save it as UTF-8');
  });
});

describe('weekly parse on bad files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'weekly-parse-'));
    writeFileSync(path.join(dir, 'gbk.md'), GBK);
    writeFileSync(path.join(dir, 'bin.md'), Buffer.from([0x00, 0x01, 0x02, 0xff]));
    writeFileSync(path.join(dir, 'empty.md'), '');
    writeFileSync(path.join(dir, 'big.md'), Buffer.alloc(20 * 1024 * 1024, 0x61));
    mkdirSync(path.join(dir, 'dir.md'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('GBK: one line naming the file and what to do; exit 2', async () => {
    const r = await cli(['parse', 'gbk.md'], dir);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe('gbk.md: not UTF-8: the bytes read as GBK (common from Chinese Windows tools); rerun with `--encoding gbk` (or set `encoding: gbk` in the config) or convert the file to UTF-8\n');
    const ok = await cli(['parse', '--encoding', 'gbk', 'gbk.md'], dir);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ title: '第51周', sections: [{ id: 'highlights' }] });
  });

  it('binary and a 20 MB note: one line each, the readable ones still printed; a missing input is an error of the command', async () => {
    const r = await cli(['parse', 'bin.md', 'big.md', 'empty.md'], dir);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toEqual([
      'big.md: is 20.0 MB, over the 10 MB limit for a note (set maxFileSize in the config to raise it); skipped',
      'bin.md: binary file (it holds NUL bytes), not a Markdown note',
      '',
    ]);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(JSON.parse(r.out)).toMatchObject([{ file: 'empty.md', title: null }]);
    // as lint and build: a typo in the command line stops the command before anything is printed
    const missing = await cli(['parse', 'missing.md', 'empty.md'], dir);
    expect(missing).toMatchObject({ code: 2, out: '', err: 'weekly parse: missing.md: no such file or directory\n' });
  });

  it('never modifies its input', async () => {
    const file = path.join(dir, 'ref.md');
    writeFileSync(file, readFileSync(new URL('./fixtures/reference-w51.md', import.meta.url)));
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');
    const r = await cli(['parse', '--format', 'yaml', 'ref.md'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('title: 第51周');
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
  });

  it('prints an array for several files and a JSON Schema for `schema`', async () => {
    const r = await cli(['parse', 'ref.md', 'empty.md'], dir);
    // in path order, whatever the order given: the same notes give the same output
    expect(JSON.parse(r.out).map((x: { file: string }) => x.file)).toEqual(['empty.md', 'ref.md']);
    const s = await cli(['schema'], dir);
    const schema = JSON.parse(s.out);
    expect(schema.properties.metrics.items.required).toEqual(expect.arrayContaining(['name', 'value', 'unit', 'line', 'column', 'section', 'text']));
  });

  it('usage errors are exit 2 without a stack trace', async () => {
    const r = await cli(['parse', '--format', 'xml', 'ref.md'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain("argument 'xml' is invalid");
  });
});
