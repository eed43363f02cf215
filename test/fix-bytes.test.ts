import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, weekly } from './build-helpers.js';

// `lint --fix` rewrites a note only where a fix applies: the BOM, each line's own ending (CRLF, CR, LF),
// trailing spaces and a missing final newline are all kept, byte for byte.

const NOTE = [
  '# 第51周  ',
  '',
  'Created: 2023年12月16日 08:02',
  '',
  '## 【重点工作】',
  '',
  '- 【年度述职】\t',
  '',
  '## [系统运行数据]:',
  '',
  '- 入金有效成功率：99.966%   ',
  '',
  '## 【O1 服务业务】',
  '',
  '- 聚合支付，主链路12/21上线完成',
];

async function fix(bytes: Buffer): Promise<Buffer> {
  const ws = await tempDir('weekly-fixbytes-');
  mkdirSync(path.join(ws, 'notes'));
  writeFileSync(path.join(ws, 'notes/第51周.md'), bytes);
  const r = await weekly(ws, 'lint', '--fix', 'notes');
  expect(r.stderr).toBe('');
  expect([0, 1]).toContain(r.code);
  return readFileSync(path.join(ws, 'notes/第51周.md'));
}

describe('lint --fix keeps every byte it does not fix', () => {
  for (const [name, eol] of [['CRLF', '\r\n'], ['CR', '\r'], ['LF', '\n']] as const) {
    it(`${name}, BOM, trailing spaces and tabs, no final newline`, async () => {
      const text = NOTE.join(eol);
      const got = await fix(Buffer.from(`\ufeff${text}`, 'utf8'));
      // the heading normalised in place; the missing 下周工作及目标 appended after a line ending of the file's own
      const want = `\ufeff${text.replace('## [系统运行数据]:', '## 【系统运行数据】')}${eol}${eol}## 【下周工作及目标】${eol}`;
      expect(got.toString('utf8')).toBe(want);
    });
  }

  it('mixed line endings: each line keeps its own, and inserted lines take the ending of the line they go before', async () => {
    const lines = ['# 第51周', '', 'Created: 2023年12月16日 08:02', '', '## 【重点工作】', '', '- x', '', '# 下周工作及目标', '', '1. y', ''];
    // never a CR before the LF of an empty line: together they are one CRLF
    const eols = ['\r\n', '\n', '\r', '\r\n', '\n', '\r', '\r\n', '\r\n', '\r', '\r', '\r\n'];
    const text = lines.slice(0, -1).map((l, i) => l + eols[i]).join('');
    const got = (await fix(Buffer.from(text, 'utf8'))).toString('utf8');
    // 系统运行数据 is missing: inserted before `# 下周工作及目标` (line 9, which ends in \r)
    const at = text.indexOf('# 下周工作及目标');
    expect(got).toBe(`${text.slice(0, at)}## 【系统运行数据】\r\r${text.slice(at)}`);
  });

  it('a note with nothing to fix is not rewritten at all (same bytes, same inode)', async () => {
    const ws = await tempDir('weekly-fixbytes-');
    mkdirSync(path.join(ws, 'notes'));
    const file = path.join(ws, 'notes/第51周.md');
    const text = `\ufeff${NOTE.join('\r\n').replace('## [系统运行数据]:', '## 【系统运行数据】')}\r\n\r\n# 下周工作及目标\r\n\r\n1. y`;
    writeFileSync(file, text);
    const { ino } = (await import('node:fs')).statSync(file);
    const r = await weekly(ws, 'lint', '--fix', 'notes');
    expect(r.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect((await import('node:fs')).statSync(file).ino).toBe(ino);
  });
});
