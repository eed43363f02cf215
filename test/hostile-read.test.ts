import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, promises as fsp, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { authorFolderProblem } from '../src/app/build-plan.js';
import { decode, guessLegacyEncoding } from '../src/core/parse/decode.js';
import { readNote, readTextFile } from '../src/io/read.js';
import { tempDir, weekly } from './build-helpers.js';
import { BIN } from './robustness-helpers.js';

// Hostile and unlucky inputs (issue 17), the reading side: every file weekly reads from a user's folder is a
// regular file of bounded size, names that are not UTF-8 are reported, legacy encodings are named for what they
// are, and `weekly new` and `templates eject` write nothing through a link. Each case failed before its fix.

const NOTE = readFileSync(new URL('./bad-inputs/files/note.md', import.meta.url), 'utf8');
const FILES = new URL('./bad-inputs/files/', import.meta.url);

function write(dir: string, files: Record<string, string | Buffer>): void {
  for (const [f, body] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), body);
  }
}

/** Make a FIFO; false where mkfifo is missing. */
function fifo(p: string): boolean {
  mkdirSync(path.dirname(p), { recursive: true });
  try {
    execFileSync('mkfifo', [p], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * `node bin/weekly.js …` in a child with a time limit: a hang is a failure that ends, with what was printed. Under
 * the time limit, a run that ends by itself has `timedOut` false.
 */
function bounded(cwd: string, args: string[], seconds = 60) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: seconds * 1000, killSignal: 'SIGKILL', env: { ...process.env, WEEKLY_DEBUG: '' } });
  return { code: r.status, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), timedOut: r.signal === 'SIGKILL' };
}

describe('a FIFO, a device or a huge file where weekly reads: refused at once, never waited on (child processes)', () => {
  it('a FIFO as .weeklyignore: exit 2 naming it, not a hang', async (ctx) => {
    const d = await tempDir('weekly-fifo-ignore-');
    write(d, { 'notes/2023/第51周.md': NOTE });
    if (!fifo(path.join(d, '.weeklyignore'))) return ctx.skip('mkfifo is not available here');
    const r = bounded(d, ['lint', 'notes', '--format', 'unix']);
    expect(r.timedOut).toBe(false);
    expect(r.stderr).toBe(`weekly lint: ${path.join(d, '.weeklyignore')}: is not a regular file: it is a named pipe (FIFO)\n`);
    expect(r.code).toBe(2);
  });

  it('a FIFO as a template, a partial or a locale file: exit 2 naming the file, nothing written', async (ctx) => {
    for (const [rel, shown] of [
      ['tpl/index.md.hbs', 'tpl/index.md.hbs'],
      ['tpl/partials/mine.md.hbs', 'tpl/partials/mine.md.hbs'],
      ['tpl/locales/zh.yaml', 'tpl/locales/zh.yaml'],
    ]) {
      const d = await tempDir('weekly-fifo-tpl-');
      write(d, { 'notes/2023/第51周.md': NOTE });
      mkdirSync(path.join(d, 'tpl'));
      if (!fifo(path.join(d, rel))) return ctx.skip('mkfifo is not available here');
      const r = bounded(d, ['build', 'notes', '--templates', 'tpl', '--out', 'out']);
      expect(r.timedOut, rel).toBe(false);
      expect(r.stderr, rel).toBe(`weekly build: template ${shown}: is not a regular file: it is a named pipe (FIFO)\n`);
      expect(r.code, rel).toBe(2);
      expect(existsSync(path.join(d, 'out')), rel).toBe(false);
    }
  });

  it('index.md.hbs linked to /dev/zero: exit 2 naming it, not "internal error: Invalid string length"', async (ctx) => {
    if (!existsSync('/dev/zero')) return ctx.skip('no /dev/zero here');
    const d = await tempDir('weekly-zero-tpl-');
    write(d, { 'notes/2023/第51周.md': NOTE });
    mkdirSync(path.join(d, 'tpl'));
    symlinkSync('/dev/zero', path.join(d, 'tpl/index.md.hbs'));
    const r = bounded(d, ['build', 'notes', '--templates', 'tpl', '--out', 'out']);
    expect(r.stderr).toBe('weekly build: template tpl/index.md.hbs: is not a regular file: it is a device\n');
    expect(r.code).toBe(2);
  });

  it('a FIFO as the note template of weekly new: exit 2 naming it, no note written', async (ctx) => {
    const d = await tempDir('weekly-fifo-new-');
    write(d, { 'notes/2023/第51周.md': NOTE });
    if (!fifo(path.join(d, 'tpl/note.md.hbs'))) return ctx.skip('mkfifo is not available here');
    const r = bounded(d, ['new', '--dir', 'notes', '--date', '2023-12-20', '--templates', 'tpl']);
    expect(r.timedOut).toBe(false);
    expect(r.stderr).toBe('weekly new: template tpl/note.md.hbs: is not a regular file: it is a named pipe (FIFO)\n');
    expect(r.code).toBe(2);
    expect(readdirSync(path.join(d, 'notes/2023'))).toEqual(['第51周.md']);
  });

  it('a FIFO as the config: exit 2 naming it, rather than a hang or the defaults without a word', async (ctx) => {
    const d = await tempDir('weekly-fifo-config-');
    write(d, { 'notes/2023/第51周.md': NOTE });
    if (!fifo(path.join(d, 'weekly.config.yaml'))) return ctx.skip('mkfifo is not available here');
    const r = bounded(d, ['lint', 'notes']);
    expect(r.timedOut).toBe(false);
    expect(r.stderr).toBe('weekly: config weekly.config.yaml: is not a regular file: it is a named pipe (FIFO)\n');
    expect(r.code).toBe(2);
    // named with -c, the same
    const named = bounded(d, ['lint', 'notes', '-c', 'weekly.config.yaml']);
    expect(named.stderr).toBe('weekly: config weekly.config.yaml: is not a regular file: it is a named pipe (FIFO)\n');
  });

  it('a FIFO as .weekly-cache/lint.json or as a cached model: a cache miss, the run ends with its real result', async (ctx) => {
    const d = await tempDir('weekly-fifo-cache-');
    write(d, { 'notes/2023/第51周.md': NOTE, 'notes/2023/第50周.md': NOTE.replace('# 第51周', '# 第50周').replace('12月16日', '12月9日') });
    if (!fifo(path.join(d, '.weekly-cache/lint.json'))) return ctx.skip('mkfifo is not available here');
    const lint = bounded(d, ['lint', 'notes', '--cache', '--format', 'unix']);
    expect(lint.timedOut).toBe(false);
    expect(lint).toMatchObject({ code: 0, stdout: '', stderr: '' });
    // written over as a regular file: the next run uses it
    expect(lstatSync(path.join(d, '.weekly-cache/lint.json')).isFile()).toBe(true);

    const first = bounded(d, ['build', 'notes', '--cache', '--out', 'out', '--quiet']);
    expect(first.code, first.stderr).toBe(0);
    const models: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name));
        else if (e.name.endsWith('.json')) models.push(path.join(dir, e.name));
      }
    };
    walk(path.join(d, '.weekly-cache/models'));
    expect(models).toHaveLength(2);
    const index = readFileSync(path.join(d, 'out/index.md'), 'utf8');
    for (const m of models) {
      unlinkSync(m);
      fifo(m);
    }
    rmSync(path.join(d, 'out'), { recursive: true });
    const again = bounded(d, ['build', 'notes', '--cache', '--out', 'out', '--quiet']);
    expect(again.timedOut).toBe(false);
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(path.join(d, 'out/index.md'), 'utf8')).toBe(index);
  });

  it('a FIFO named x.md in a folder is a note that cannot be read: lint exits 1, build --strict exits 1', async (ctx) => {
    const d = await tempDir('weekly-fifo-note-');
    write(d, { 'notes/2023/第51周.md': NOTE });
    if (!fifo(path.join(d, 'notes/2023/x.md'))) return ctx.skip('mkfifo is not available here');
    const lint = bounded(d, ['lint', 'notes', '--format', 'unix']);
    expect(lint.timedOut).toBe(false);
    expect(lint.stdout).toBe('notes/2023/x.md:1:1: Unexpected file that cannot be read as a note: is not a regular file: it is a named pipe (FIFO) [error/parser]\n\n1 problem\n');
    expect(lint.code).toBe(1);
    const build = bounded(d, ['build', 'notes', '--out', 'out', '--strict', '--quiet']);
    expect(build.stderr).toContain('notes/2023/x.md:1:1: Unexpected file that cannot be read as a note: is not a regular file: it is a named pipe (FIFO)');
    expect(build.code).toBe(1);
  });

  it('a FIFO as the baseline ends (exit 2)', async (ctx) => {
    const d = await tempDir('weekly-fifo-baseline-');
    write(d, { 'notes/2023/第51周.md': NOTE });
    if (!fifo(path.join(d, 'base.json'))) return ctx.skip('mkfifo is not available here');
    const r = bounded(d, ['lint', 'notes', '--baseline', 'base.json']);
    expect(r.timedOut).toBe(false);
    expect(r.stderr).toMatch(/^weekly lint: --baseline base\.json: /);
    expect(r.code).toBe(2);
  });
});

describe('readTextFile and readNote: regular files of bounded size only', () => {
  it('a device is refused without reading a byte; a file over the limit is refused with its size', async (ctx) => {
    if (!existsSync('/dev/zero')) return ctx.skip('no /dev/zero here');
    await expect(readTextFile('/dev/zero')).rejects.toThrow(/^is not a regular file: it is a device$/);
    expect(await readNote('/dev/zero')).toEqual({ ok: false, reason: 'is not a regular file: it is a device' });
    const d = await tempDir('weekly-read-');
    writeFileSync(path.join(d, 'big.txt'), Buffer.alloc(3000, 0x61));
    await expect(readTextFile(path.join(d, 'big.txt'), 2048)).rejects.toThrow(/^is 2\.9 KB, over the 2 KB limit$/);
    expect((await readTextFile(path.join(d, 'big.txt'), 3000)).length).toBe(3000);
    await expect(readTextFile(path.join(d, 'missing.txt'))).rejects.toMatchObject({ message: 'no such file or directory', code: 'ENOENT' });
    await expect(readTextFile(d)).rejects.toThrow(/^is a directory$/);
  });

  it('a file that says it is empty (as /proc files do) is read to its end, and refused past the limit', async (ctx) => {
    if (!existsSync('/proc/self/status')) return ctx.skip('no /proc here');
    const text = (await readTextFile('/proc/self/status')).toString('utf8');
    expect(text).toMatch(/^Name:/);
    await expect(readTextFile('/proc/self/status', 16)).rejects.toThrow(/over the 16 bytes limit$/);
  });

  it('a config over 1 MB is refused naming it', async () => {
    const d = await tempDir('weekly-big-config-');
    write(d, { 'notes/2023/第51周.md': NOTE, 'weekly.config.yaml': `# ${'x'.repeat(1024 * 1024)}\n` });
    const r = await weekly(d, 'lint', 'notes');
    expect(r.stderr).toBe('weekly: config weekly.config.yaml: is 1.0 MB, over the 1 MB limit\n');
    expect(r.code).toBe(2);
  });

  it('a config name that is a link to nothing is an error, not the defaults without a word', async () => {
    const d = await tempDir('weekly-dangling-config-');
    write(d, { 'notes/2023/第51周.md': NOTE });
    symlinkSync('missing.yaml', path.join(d, 'weekly.config.yaml'));
    const r = await weekly(d, 'lint', 'notes');
    expect(r.stderr).toBe('weekly: config weekly.config.yaml: a symbolic link to nothing\n');
    expect(r.code).toBe(2);
  });
});

/** `张三` in GBK: what a zip made on Chinese Windows holds, unpacked on Linux. */
const ZHANG_SAN_GBK = Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]);
/** The name Node lists for those bytes: each bad byte becomes U+FFFD. */
const LISTED = ZHANG_SAN_GBK.toString('utf8');

/** Make a folder or file with a name of raw bytes; false where the file system refuses such names (macOS). */
function rawName(parent: string, name: Buffer, content?: string): boolean {
  const p = Buffer.concat([Buffer.from(`${parent}/`), name]);
  try {
    if (content === undefined) mkdirSync(p);
    else writeFileSync(p, content);
    return true;
  } catch {
    return false;
  }
}

describe('names that are not UTF-8 are reported as notes that cannot be read, with the reason', () => {
  it('a folder 张三 in GBK bytes: lint exits 1 naming each note in it, build --strict exits 1', async (ctx) => {
    const d = await tempDir('weekly-gbk-folder-');
    write(d, { 'team/李四/2023/第51周.md': NOTE });
    mkdirSync(path.join(d, 'team'), { recursive: true });
    if (!rawName(path.join(d, 'team'), ZHANG_SAN_GBK)) return ctx.skip('this file system refuses names that are not UTF-8');
    const folder = Buffer.concat([Buffer.from(`${d}/team/`), ZHANG_SAN_GBK]);
    mkdirSync(Buffer.concat([folder, Buffer.from('/2023')]));
    writeFileSync(Buffer.concat([folder, Buffer.from('/2023/第51周.md')]), NOTE);
    writeFileSync(Buffer.concat([folder, Buffer.from('/2023/第50周.md')]), NOTE.replace('# 第51周', '# 第50周').replace('12月16日', '12月9日'));
    const reason = 'Unexpected file that cannot be read as a note: the name of the folder `\\xD5\\xC5\\xC8\\xFD` is not UTF-8 (`张三` in GBK), so it cannot be opened by the name listed: rename the folder in UTF-8 (`convmv -f gbk -t utf-8`) [error/parser]';
    const lint = await weekly(d, 'lint', 'team', '--format', 'unix');
    expect(lint.stdout).toBe(`team/${LISTED}/2023/第50周.md:1:1: ${reason}\nteam/${LISTED}/2023/第51周.md:1:1: ${reason}\n\n2 problems\n`);
    expect(lint.code).toBe(1);
    const build = await weekly(d, 'build', 'team', '--out', 'out', '--strict', '--quiet');
    expect(build.stderr).toContain(`team/${LISTED}/2023/第51周.md:1:1: ${reason.replace(' [error/parser]', '')}`);
    expect(build.code).toBe(1);
    // with followSymlinks, the same
    write(d, { 'weekly.config.yaml': 'followSymlinks: true\n' });
    const linked = await weekly(d, 'lint', 'team', '--format', 'unix');
    expect(linked.stdout).toBe(lint.stdout);
    // ignore patterns apply to such a folder by the name it is listed under, as to any other
    write(d, { '.weeklyignore': `${LISTED}/\n` });
    expect(await weekly(d, 'lint', 'team', '--format', 'unix')).toMatchObject({ code: 0, stdout: '' });
  });

  it('a note whose file name is not UTF-8 is reported by its name, not as "no such file"', async (ctx) => {
    const d = await tempDir('weekly-gbk-file-');
    write(d, { 'team/2023/第51周.md': NOTE });
    // 张.md in GBK
    if (!rawName(path.join(d, 'team/2023'), Buffer.from([0xd5, 0xc5, 0x2e, 0x6d, 0x64]), NOTE)) return ctx.skip('this file system refuses names that are not UTF-8');
    const listed = Buffer.from([0xd5, 0xc5]).toString('utf8');
    const lint = await weekly(d, 'lint', 'team', '--format', 'unix');
    expect(lint.stdout).toBe(
      `team/2023/${listed}.md:1:1: Unexpected file that cannot be read as a note: its name \`\\xD5\\xC5.md\` is not UTF-8 (\`张.md\` in GBK), so it cannot be opened by the name listed: rename it in UTF-8 (\`convmv -f gbk -t utf-8\`) [error/parser]\n\n1 problem\n`,
    );
    expect(lint.code).toBe(1);
    // named on the command line (a shell passes the bytes, Node reads them as the listed name): exit 2, the reason
    const named = await weekly(d, 'lint', `team/2023/${listed}.md`);
    expect(named.stderr).toBe(`weekly lint: team/2023/${listed}.md: its name \`\\xD5\\xC5.md\` is not UTF-8 (\`张.md\` in GBK), so it cannot be opened by the name listed: rename it in UTF-8 (\`convmv -f gbk -t utf-8\`)\n`);
    expect(named.code).toBe(2);
  });

  it('a name that truly holds U+FFFD is valid UTF-8 and read as any other', async () => {
    const d = await tempDir('weekly-fffd-');
    write(d, { 'team/2023/第51周\uFFFD.md': NOTE });
    const r = await weekly(d, 'lint', 'team', '--format', 'unix');
    expect(r).toMatchObject({ code: 0, stdout: '' });
  });
});

describe('legacy encodings are named for what they are', () => {
  const big5 = readFileSync(new URL('big5.md', FILES));
  const sjis = readFileSync(new URL('shift-jis.md', FILES));
  const gbk = readFileSync(new URL('gbk.md', FILES));

  it('the fixtures are what they say: Big5 and Shift-JIS text that is also valid GBK (the mojibake it used to read as)', () => {
    expect(new TextDecoder('big5', { fatal: true }).decode(big5)).toContain('## 【重點工作】');
    expect(new TextDecoder('shift_jis', { fatal: true }).decode(sjis)).toContain('年度評価の資料を作成し');
    for (const b of [big5, sjis]) expect(() => new TextDecoder('gbk', { fatal: true }).decode(b)).not.toThrow();
    expect([big5, sjis, gbk].map(guessLegacyEncoding)).toEqual(['big5', 'shift_jis', 'gbk']);
  });

  it('Big5 and Shift-JIS are not called GBK, and --encoding gbk does not turn them into mojibake', () => {
    expect(decode(big5).error).toBe('not UTF-8: the bytes read as Big5 (Traditional Chinese), which weekly does not read; convert the file to UTF-8 (`iconv -f BIG5 -t UTF-8`)');
    expect(decode(sjis).error).toBe('not UTF-8: the bytes read as Shift-JIS (Japanese), which weekly does not read; convert the file to UTF-8 (`iconv -f SHIFT_JIS -t UTF-8`)');
    expect(decode(big5, 'gbk')).toMatchObject({ text: null, error: 'not UTF-8, and not GBK: the bytes read as Big5 (Traditional Chinese), which weekly does not read; convert the file to UTF-8 (`iconv -f BIG5 -t UTF-8`)' });
    expect(decode(sjis, 'gbk').text).toBeNull();
    // GBK is still GBK
    expect(decode(gbk, 'gbk')).toMatchObject({ encoding: 'gbk', error: null });
    expect(decode(gbk).error).toContain('the bytes read as GBK');
  });

  it('UTF-32 with a byte-order mark is named, not decoded as UTF-16', () => {
    const text = '# 第51周\n';
    const le = Buffer.alloc(4 + [...text].length * 4);
    const be = Buffer.alloc(le.length);
    le.writeUInt32LE(0xfeff, 0);
    be.writeUInt32BE(0xfeff, 0);
    [...text].forEach((c, i) => {
      le.writeUInt32LE(c.codePointAt(0)!, 4 + i * 4);
      be.writeUInt32BE(c.codePointAt(0)!, 4 + i * 4);
    });
    expect(decode(le)).toEqual({ text: null, encoding: null, bom: true, error: 'UTF-32 text (little-endian, with a byte-order mark); save it as UTF-8' });
    expect(decode(be)).toEqual({ text: null, encoding: null, bom: true, error: 'UTF-32 text (big-endian, with a byte-order mark); save it as UTF-8' });
    expect(decode(le.subarray(4)).error).toBe('UTF-32 text (little-endian) without a byte-order mark; save it as UTF-8');
    // UTF-16LE with its BOM is still read
    expect(decode(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])).text).toBe(text);
  });

  it('through the CLI: a Big5 note in a folder is one lint error naming Big5', async () => {
    const d = await tempDir('weekly-big5-');
    write(d, { 'notes/2023/第51周.md': NOTE, 'notes/2023/第50周.md': big5 });
    const r = await weekly(d, 'lint', 'notes', '--format', 'unix', '--encoding', 'gbk');
    expect(r.stdout).toBe('notes/2023/第50周.md:1:1: Unexpected file that cannot be read as a note: not UTF-8, and not GBK: the bytes read as Big5 (Traditional Chinese), which weekly does not read; convert the file to UTF-8 (`iconv -f BIG5 -t UTF-8`) [error/parser]\n\n1 problem\n');
    expect(r.code).toBe(1);
  });
});

describe('a read-only file system is reported as such, not as "no such file"', () => {
  afterEach(() => vi.restoreAllMocks());

  it('weekly new and templates eject, on a file system where mkdir fails as Node reports it (recursive: ENOENT, plain: EROFS)', async () => {
    const d = await tempDir('weekly-erofs-');
    write(d, { 'notes/2023/第51周.md': NOTE });
    const realMkdir = fsp.mkdir.bind(fsp);
    // nodejs/node#47098: a recursive mkdir on a read-only file system says ENOENT; a plain one says EROFS
    vi.spyOn(fsp, 'mkdir').mockImplementation(async (p, o) => {
      if (String(p).startsWith(d)) {
        const recursive = typeof o === 'object' && o?.recursive;
        throw Object.assign(new Error(`${recursive ? 'ENOENT: no such file or directory' : 'EROFS: read-only file system'}, mkdir '${String(p)}'`), { code: recursive ? 'ENOENT' : 'EROFS' });
      }
      return realMkdir(p, o);
    });
    const n = await weekly(d, 'new', '--dir', 'notes', '--date', '2024-01-03');
    expect(n.stderr).toBe('weekly new: could not make the folder notes/2024: read-only file system\n');
    expect(n.code).toBe(2);
    const e = await weekly(d, 'templates', 'eject', 'mine');
    expect(e.stderr).toBe('weekly templates eject: could not make the folder mine: read-only file system\n');
    expect(e.code).toBe(2);
  });

  it('on a real read-only mount, where one can be made', async (ctx) => {
    const d = await tempDir('weekly-romount-');
    const ro = path.join(d, 'ro');
    mkdirSync(ro);
    write(ro, { 'notes/2023/第51周.md': NOTE });
    try {
      execFileSync('mount', ['-o', 'bind,ro', ro, ro], { stdio: 'ignore' });
    } catch {
      return ctx.skip('cannot mount a read-only file system here (not root, or no mount)');
    }
    try {
      const n = bounded(ro, ['new', '--dir', 'notes', '--date', '2024-01-03']);
      expect(n.stderr).toBe('weekly new: could not make the folder notes/2024: read-only file system\n');
      expect(n.code).toBe(2);
      const same = bounded(ro, ['new', '--dir', 'notes', '--date', '2023-12-20']);
      expect(same.stderr).toMatch(/^weekly new: could not write notes\/2023\/第52周\.md: read-only file system\n$/);
      const e = bounded(ro, ['templates', 'eject', 'mine']);
      expect(e.stderr).toBe('weekly templates eject: could not make the folder mine: read-only file system\n');
    } finally {
      execFileSync('umount', [ro], { stdio: 'ignore' });
    }
  });
});

describe('weekly new and templates eject write nothing through a link', () => {
  it('weekly new: a year folder that links out of the notes folder is refused naming it; one that stays inside is used', async () => {
    const d = await tempDir('weekly-new-link-');
    write(d, { 'notes/2023/第51周.md': NOTE, 'elsewhere/keep.txt': 'mine\n' });
    symlinkSync('../elsewhere', path.join(d, 'notes/2024'));
    const r = await weekly(d, 'new', '--dir', 'notes', '--date', '2024-01-03');
    expect(r.stderr).toBe('weekly new: notes/2024 is a symbolic link leading outside the notes folder notes: nothing is written through it\n');
    expect(r.code).toBe(2);
    expect(readdirSync(path.join(d, 'elsewhere'))).toEqual(['keep.txt']);
    // a link to nowhere is refused too: it would be made outside
    unlinkSync(path.join(d, 'notes/2024'));
    symlinkSync('../nowhere', path.join(d, 'notes/2024'));
    expect((await weekly(d, 'new', '--dir', 'notes', '--date', '2024-01-03')).code).toBe(2);
    expect(existsSync(path.join(d, 'nowhere'))).toBe(false);
    unlinkSync(path.join(d, 'notes/2024'));
    mkdirSync(path.join(d, 'notes/archive/2024'), { recursive: true });
    symlinkSync('archive/2024', path.join(d, 'notes/2024'));
    const inside = await weekly(d, 'new', '--dir', 'notes', '--date', '2024-01-03');
    expect(inside.code, inside.stderr).toBe(0);
    expect(readdirSync(path.join(d, 'notes/archive/2024'))).toHaveLength(1);
  });

  it('templates eject: a link inside DIR, to a folder or to a file (even with --force), is named and nothing is written', async () => {
    const d = await tempDir('weekly-eject-link-');
    write(d, { 'outside/keep.txt': 'mine\n' });
    mkdirSync(path.join(d, 'mine'));
    symlinkSync('../outside', path.join(d, 'mine/partials'));
    const r = await weekly(d, 'templates', 'eject', 'mine');
    expect(r.stderr).toBe('weekly templates eject: mine/partials is a symbolic link, and eject writes nothing through a link: nothing was written\n');
    expect(r.code).toBe(2);
    expect(readdirSync(path.join(d, 'mine'))).toEqual(['partials']);
    expect(readdirSync(path.join(d, 'outside'))).toEqual(['keep.txt']);

    unlinkSync(path.join(d, 'mine/partials'));
    symlinkSync('../outside/new.hbs', path.join(d, 'mine/index.md.hbs'));
    symlinkSync('../outside/keep.txt', path.join(d, 'mine/annual.md.hbs'));
    const forced = await weekly(d, 'templates', 'eject', 'mine', '--force');
    expect(forced.stderr).toBe('weekly templates eject: mine/annual.md.hbs, mine/index.md.hbs are symbolic links, and eject writes nothing through a link: nothing was written\n');
    expect(forced.code).toBe(2);
    expect(readdirSync(path.join(d, 'outside'))).toEqual(['keep.txt']);
    expect(readFileSync(path.join(d, 'outside/keep.txt'), 'utf8')).toBe('mine\n');
    expect(readdirSync(path.join(d, 'mine')).sort()).toEqual(['annual.md.hbs', 'index.md.hbs']);
  });

  it('templates eject: a FIFO where a template goes is refused, not opened for writing (child process)', async (ctx) => {
    const d = await tempDir('weekly-eject-fifo-');
    if (!fifo(path.join(d, 'mine/index.md.hbs'))) return ctx.skip('mkfifo is not available here');
    const r = bounded(d, ['templates', 'eject', 'mine', '--force']);
    expect(r.timedOut).toBe(false);
    expect(r.stderr).toBe('weekly templates eject: mine/index.md.hbs is not a regular file: nothing was written\n');
    expect(r.code).toBe(2);
  });

  it('templates eject /proc/self/x ends with a reason (child process)', async (ctx) => {
    if (!existsSync('/proc/self')) return ctx.skip('no /proc here');
    const d = await tempDir('weekly-eject-proc-');
    const r = bounded(d, ['templates', 'eject', '/proc/self/x'], 30);
    expect(r.timedOut).toBe(false);
    expect(r.stderr).toBe('weekly templates eject: could not make the folder /proc/self/x: this file system makes no folders there\n');
    expect(r.code).toBe(2);
  });
});

describe('the cache is never written through a link', () => {
  it('a .weekly-cache/lint.json linked to a file outside the project is left alone; lint still works', async () => {
    const d = await tempDir('weekly-cache-link-');
    write(d, { 'project/notes/2023/第51周.md': NOTE, 'home/.bashrc': 'export PATH\n' });
    mkdirSync(path.join(d, 'project/.weekly-cache'));
    symlinkSync('../../home/.bashrc', path.join(d, 'project/.weekly-cache/lint.json'));
    const r = await weekly(path.join(d, 'project'), 'lint', 'notes', '--cache');
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(d, 'home/.bashrc'), 'utf8')).toBe('export PATH\n');
    // a cache folder that is a link: neither lint.json nor models are written into its target
    rmSync(path.join(d, 'project/.weekly-cache'), { recursive: true });
    symlinkSync('../home', path.join(d, 'project/.weekly-cache'));
    expect((await weekly(path.join(d, 'project'), 'build', 'notes', '--cache', '--out', 'out', '--quiet')).code).toBe(0);
    expect((await weekly(path.join(d, 'project'), 'lint', 'notes', '--cache')).code).toBe(0);
    expect(readdirSync(path.join(d, 'home'))).toEqual(['.bashrc']);
  });
});

describe('authorFolderProblem: names that would make a folder that looks like another', () => {
  it('refuses invisible, text-reordering and edge-space characters, naming the code point', () => {
    expect(
      ['张三\u202E', '\u202E三张', '张\u200B三', '张三\u00A0', '\u3000张三', '张三\uFEFF', '张\u00AD三', '张\u2066三\u2069', '张\u2028三', '张\uD800三', '张三\u0085', ' 张三'].map((n) => authorFolderProblem(n)),
    ).toEqual([
      'contains an invisible or text-reordering character (U+202E)',
      'contains an invisible or text-reordering character (U+202E)',
      'contains an invisible or text-reordering character (U+200B)',
      'starts or ends with a space (U+00A0)',
      'starts or ends with a space (U+3000)',
      'contains an invisible or text-reordering character (U+FEFF)',
      'contains an invisible or text-reordering character (U+00AD)',
      'contains an invisible or text-reordering character (U+2066)',
      'contains an invisible or text-reordering character (U+2028)',
      'contains an invisible or text-reordering character (U+D800)',
      'contains an invisible or text-reordering character (U+0085)',
      'starts or ends with a space (U+0020)',
    ]);
  });

  it('accepts ordinary names, with inner spaces, accents, kana and emoji', () => {
    for (const n of ['张三', 'Zhang San', 'O’Brien', 'José', 'ナカムラ', '김철수', 'dev-ops_2', '🐼']) expect(authorFolderProblem(n), n).toBeNull();
  });

  it('a build with such an author exits 2 naming the note, and writes no folder', async () => {
    const d = await tempDir('weekly-author-bidi-');
    write(d, { 'notes/a/第51周.md': NOTE, 'notes/b/第51周.md': `---\nauthor: "张三\\u00A0"\n---\n${NOTE}` });
    const r = await weekly(d, 'build', 'notes', '--out', 'out', '--quiet');
    expect(r.stderr).toBe('weekly build: notes/b/第51周.md: author `张三\u00A0` starts or ends with a space (U+00A0), so it cannot name an output folder\n');
    expect(r.code).toBe(2);
    expect(existsSync(path.join(d, 'out'))).toBe(false);
  });
});
