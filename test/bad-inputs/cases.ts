import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The bad-input corpus: each case sets up a workspace (files from test/bad-inputs/files/, literal content, or
 * made at test time when too large or impossible to commit: a 20 MB note, links, a FIFO), runs one command
 * through the real CLI entry, and says the exit code and the lines that must be printed: each names the file
 * and the reason. No case may print a stack trace. Run by test/bad-inputs/bad-inputs.test.ts.
 */
export interface BadInput {
  name: string;
  /** Workspace files: path → a fixture file name (`@binary.md`) or literal content. */
  files?: Record<string, string | Buffer>;
  /** More setup (links, modes, generated files); returns a reason when the case cannot run here. */
  setup?: (ws: string) => string | void;
  /** File-system trouble injected while weekly runs (what cannot be staged on disk ahead of the run). */
  simulate?: { op: 'vanish' | 'eacces'; file: string };
  argv: string[];
  exit: 0 | 1 | 2;
  /** Substrings of stderr. */
  stderr?: string[];
  /** Substrings of stdout. */
  stdout?: string[];
  /** Substrings that must not appear in stdout or stderr. */
  absent?: string[];
  /** Run it again as `node bin/weekly.js` in a child process. */
  child?: boolean;
  /** Checks on the workspace afterwards; returns a problem or nothing. */
  after?: (ws: string) => string | void;
}

/** A note every rule accepts (test/bad-inputs/files/note.md). */
export const GOOD = '@note.md';
const NOTE_TEXT = () => readFileSync(new URL('./files/note.md', import.meta.url), 'utf8');

const twentyMb = (file: string) => (ws: string) => {
  const line = Buffer.from('- 入金有效成功率：99.9%\n');
  writeFileSync(path.join(ws, file), Buffer.concat([Buffer.from('# 第1周\n\n## 【系统运行数据】\n\n'), Buffer.alloc(20 * 1024 * 1024 - 40, line)]));
};

const link = (target: string, at: string) => (ws: string) => {
  mkdirSync(path.dirname(path.join(ws, at)), { recursive: true });
  symlinkSync(target, path.join(ws, at));
};


/** Bytes that are not UTF-8 as a name: `张三` and `张.md` in GBK, as a zip from a Chinese Windows tool unpacks on Linux. */
const GBK_ZHANG_SAN = Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]);
const GBK_ZHANG_MD = Buffer.from([0xd5, 0xc5, 0x2e, 0x6d, 0x64]);
/** The names Node lists for those bytes (U+FFFD for each bad byte). */
const LISTED_ZHANG_SAN = GBK_ZHANG_SAN.toString('utf8');
const LISTED_ZHANG_MD = GBK_ZHANG_MD.toString('utf8');

/** A folder (with a note below it) or a note whose name is raw bytes; a reason to skip where the file system refuses such names. */
const rawNamed = (parent: string, name: Buffer, note?: string) => (ws: string): string | void => {
  mkdirSync(path.join(ws, parent), { recursive: true });
  const at = Buffer.concat([Buffer.from(`${path.join(ws, parent)}/`), name]);
  try {
    if (note === undefined) writeFileSync(at, NOTE_TEXT());
    else {
      mkdirSync(Buffer.concat([at, Buffer.from(`/${path.dirname(note)}`)]), { recursive: true });
      writeFileSync(Buffer.concat([at, Buffer.from(`/${note}`)]), NOTE_TEXT());
    }
  } catch {
    return 'this file system refuses names that are not UTF-8';
  }
};

const mkfifo = (at: string) => (ws: string): string | void => {
  mkdirSync(path.dirname(path.join(ws, at)), { recursive: true });
  try {
    execFileSync('mkfifo', [path.join(ws, at)], { stdio: 'ignore' });
  } catch {
    return 'mkfifo is not available here';
  }
};

/** UTF-32 with its byte-order mark, little- or big-endian. */
function utf32(text: string, little: boolean): Buffer {
  const chars = ['\uFEFF', ...text];
  const b = Buffer.alloc(chars.length * 4);
  chars.forEach((c, i) => (little ? b.writeUInt32LE(c.codePointAt(0)!, i * 4) : b.writeUInt32BE(c.codePointAt(0)!, i * 4)));
  return b;
}

export const CASES: BadInput[] = [
  // empty and near-empty notes: read, and lint says what is missing
  { name: 'empty note', files: { 'notes/empty.md': '@empty.md' }, argv: ['lint', 'notes/empty.md', '--format', 'unix'], exit: 1, stdout: ['notes/empty.md:1:1: Unexpected note without a title'] },
  { name: 'whitespace-only note', files: { 'notes/ws.md': '@whitespace.md' }, argv: ['lint', 'notes/ws.md', '--format', 'unix'], exit: 1, stdout: ['notes/ws.md:1:1: Unexpected note without a title'] },

  // bytes that are not a UTF-8 note: named on the command line, exit 2; found in a folder, one lint error each
  { name: 'binary note named', files: { 'notes/binary.md': '@binary.md' }, argv: ['lint', 'notes/binary.md'], exit: 2, stderr: ['weekly lint: notes/binary.md: binary file (it holds NUL bytes), not a Markdown note'], child: true },
  {
    name: 'binary note in a folder',
    files: { 'notes/binary.md': '@binary.md', 'notes/2023/第51周.md': GOOD },
    argv: ['lint', 'notes', '--format', 'unix'],
    exit: 1,
    stdout: ['notes/binary.md:1:1: Unexpected file that cannot be read as a note: binary file (it holds NUL bytes), not a Markdown note [error/parser]'],
  },
  { name: 'GBK note', files: { 'notes/gbk.md': '@gbk.md' }, argv: ['parse', 'notes/gbk.md'], exit: 2, stderr: ['notes/gbk.md: not UTF-8: the bytes read as GBK (common from Chinese Windows tools); rerun with `--encoding gbk`'], child: true },
  { name: 'GBK note with --encoding gbk', files: { 'notes/gbk.md': '@gbk.md' }, argv: ['parse', '--encoding', 'gbk', 'notes/gbk.md'], exit: 0, stdout: ['"title": "第51周"', '"value": 99.966'] },
  { name: 'GBK notes with `encoding: gbk` in the config', files: { 'notes/2023/第51周.md': '@gbk.md', 'weekly.config.yaml': 'encoding: gbk\n' }, argv: ['lint', 'notes', '--format', 'unix'], exit: 0 },
  { name: 'UTF-16LE note with a BOM', files: { 'notes/u16.md': '@utf16le-bom.md' }, argv: ['parse', 'notes/u16.md'], exit: 0, stdout: ['"title": "第51周"'] },
  { name: 'UTF-16BE note with a BOM', files: { 'notes/u16.md': '@utf16be-bom.md' }, argv: ['parse', 'notes/u16.md'], exit: 0, stdout: ['"title": "第51周"'] },
  { name: 'UTF-16 note without a BOM', files: { 'notes/u16.md': '@utf16le-no-bom.md' }, argv: ['lint', 'notes/u16.md'], exit: 2, stderr: ['weekly lint: notes/u16.md: UTF-16 text (little-endian) without a byte-order mark; save it as UTF-8'] },
  { name: 'bytes that are neither UTF-8 nor GBK', files: { 'notes/x.md': '@not-utf8.md' }, argv: ['lint', 'notes/x.md'], exit: 2, stderr: ['weekly lint: notes/x.md: not UTF-8 text, and not GBK either'] },
  { name: 'BOM with CRLF, CR and LF mixed', files: { 'notes/2023/第51周.md': '@mixed-eol-bom.md' }, argv: ['lint', 'notes', '--format', 'unix'], exit: 0 },

  // size: reported and skipped, in lint and in build, never parsed
  {
    name: 'a 20 MB note in lint',
    files: { 'notes/2023/第51周.md': GOOD },
    setup: twentyMb('notes/big.md'),
    argv: ['lint', 'notes', '--format', 'unix'],
    exit: 1,
    stdout: ['notes/big.md:1:1: Unexpected file that cannot be read as a note: is 20.0 MB, over the 10 MB limit for a note (set maxFileSize in the config to raise it); skipped'],
    child: true,
  },
  {
    name: 'a 20 MB note in build',
    files: { 'notes/2023/第51周.md': GOOD },
    setup: twentyMb('notes/2023/big.md'),
    argv: ['build', 'notes', '--out', 'out'],
    exit: 0,
    stderr: ['notes/2023/big.md:1:1: Unexpected file that cannot be read as a note: is 20.0 MB, over the 10 MB limit for a note (set maxFileSize in the config to raise it); skipped'],
  },
  {
    name: 'a note over a configured maxFileSize',
    files: { 'notes/2023/第51周.md': GOOD, 'notes/2023/第52周.md': GOOD, 'weekly.config.yaml': 'maxFileSize: 100\n' },
    argv: ['lint', 'notes', '--format', 'unix'],
    exit: 1,
    stdout: ['notes/2023/第51周.md:1:1: Unexpected file that cannot be read as a note: is 202 bytes, over the 100 bytes limit for a note'],
  },

  // Markdown that makes parsers slow or deep
  {
    name: 'a list nested 5,000 deep',
    files: { 'notes/2023/第51周.md': GOOD },
    setup: (ws) => writeFileSync(path.join(ws, 'notes/deep.md'), `# 第1周\n\n${'- '.repeat(5000)}x\n`),
    argv: ['lint', 'notes/deep.md', '--format', 'unix'],
    exit: 1,
    stdout: ['notes/deep.md:3:1: Unexpected 5000 nested lists or quotes on one line, expected at most 64; the line was not read [warning/parser]'],
  },
  {
    name: 'quotes nested 5,000 deep',
    setup: (ws) => {
      mkdirSync(path.join(ws, 'notes'));
      writeFileSync(path.join(ws, 'notes/quotes.md'), `# 第1周\n\n${'> '.repeat(5000)}x\n\n${Array.from({ length: 200 }, (_, i) => `${'>'.repeat(i + 1)} x`).join('\n')}\n`);
    },
    argv: ['lint', 'notes/quotes.md', '--format', 'unix'],
    exit: 1,
    stdout: ['notes/quotes.md:3:1: Unexpected 5000 nested lists or quotes on one line, expected at most 64; the line was not read (nor were 136 more such lines) [warning/parser]'],
  },
  {
    name: '20,000 `[` on one line',
    setup: (ws) => {
      mkdirSync(path.join(ws, 'notes'));
      writeFileSync(path.join(ws, 'notes/brackets.md'), `# 第1周\n\n## 【其他】\n\n${'['.repeat(20000)}\n`);
    },
    argv: ['parse', 'notes/brackets.md'],
    exit: 0,
    stdout: ['"title": "第1周"'],
  },
  {
    name: 'a 2 MB line with no break',
    setup: (ws) => {
      mkdirSync(path.join(ws, 'notes'));
      writeFileSync(path.join(ws, 'notes/long.md'), `# 第1周\n\n## 【其他】\n\n${'长'.repeat(2 * 1024 * 1024)}\n`);
    },
    argv: ['parse', 'notes/long.md'],
    exit: 0,
    stdout: ['"title": "第1周"'],
  },

  // frontmatter
  { name: 'a frontmatter fence never closed', files: { 'notes/x.md': '@unclosed-frontmatter.md' }, argv: ['lint', 'notes/x.md', '--format', 'unix'], exit: 1, stdout: ['notes/x.md:1:1: Unexpected frontmatter fence `---` that is never closed, expected a closing `---` line'] },
  { name: 'frontmatter that is a YAML bomb (aliases)', files: { 'notes/x.md': '@frontmatter-bomb.md' }, argv: ['lint', 'notes/x.md', '--format', 'unix'], exit: 1, stdout: ['notes/x.md:', 'Unexpected invalid frontmatter YAML: Excessive alias count indicates a resource exhaustion attack'] },
  { name: 'frontmatter that is not YAML', files: { 'notes/x.md': '@frontmatter-not-yaml.md' }, argv: ['lint', 'notes/x.md', '--format', 'unix'], exit: 1, stdout: ['notes/x.md:', 'Unexpected invalid frontmatter YAML'] },

  // config
  { name: 'a config that is not YAML', files: { 'notes/2023/第51周.md': GOOD, 'weekly.config.yaml': '@config-not-yaml.yaml' }, argv: ['lint', 'notes'], exit: 2, stderr: ['weekly: config weekly.config.yaml:', 'not valid YAML'], child: true },
  { name: 'a config with an unknown key', files: { 'notes/2023/第51周.md': GOOD, 'weekly.config.yaml': '@config-unknown-key.yaml' }, argv: ['lint', 'notes'], exit: 2, stderr: ['weekly: config weekly.config.yaml: unknown key `colour`'] },
  {
    name: 'a config that is a YAML bomb (aliases)',
    files: { 'notes/2023/第51周.md': GOOD, 'weekly.config.yaml': '@config-bomb.yaml' },
    argv: ['build', 'notes', '--out', 'out'],
    exit: 2,
    stderr: ['weekly: config weekly.config.yaml', 'not valid YAML: Excessive alias count indicates a resource exhaustion attack'],
    child: true,
  },
  { name: 'a JSON config with a `__proto__` key', files: { 'notes/2023/第51周.md': GOOD, 'weekly.config.json': '@config-proto.json' }, argv: ['lint', 'notes'], exit: 2, stderr: ['weekly: config weekly.config.json: unknown key `__proto__`'] },
  {
    name: 'a JavaScript config named with -c',
    files: { 'notes/2023/第51周.md': GOOD, 'weekly.config.js': '@config-code.js' },
    argv: ['lint', '-c', 'weekly.config.js', 'notes'],
    exit: 2,
    stderr: ['weekly: config weekly.config.js: expected a .yaml, .yml or .json file (weekly reads its config as data and runs no code from it)'],
    after: (ws) => (existsSync(path.join(ws, 'pwned')) ? 'the JavaScript config ran' : undefined),
  },
  {
    name: 'a JavaScript config lying in the folder',
    files: { 'notes/2023/第51周.md': GOOD, 'weekly.config.js': '@config-code.js' },
    argv: ['lint', 'notes'],
    exit: 0,
    after: (ws) => (existsSync(path.join(ws, 'pwned')) ? 'the JavaScript config ran' : undefined),
  },

  // templates
  {
    name: 'a template with a syntax error',
    files: { 'notes/2023/第51周.md': GOOD, 'tpl/monthly.md.hbs': '@template-syntax.md.hbs' },
    argv: ['build', 'notes', '--templates', 'tpl', '--out', 'out'],
    exit: 2,
    stderr: ["weekly build: template tpl/monthly.md.hbs:3: each doesn't match if"],
    child: true,
    after: (ws) => (existsSync(path.join(ws, 'out')) ? 'an output folder was written' : undefined),
  },
  {
    name: 'a partial that includes itself',
    files: { 'notes/2023/第51周.md': GOOD, 'tpl/index.md.hbs': '{{> self}}\n', 'tpl/partials/self.md.hbs': '@template-self.md.hbs' },
    argv: ['build', 'notes', '--templates', 'tpl', '--out', 'out'],
    exit: 2,
    stderr: ['weekly build: template tpl/partials/self.md.hbs: partials nested more than 64 deep: stopped (does a partial include itself?)'],
  },
  {
    name: 'an inline partial that includes itself',
    files: { 'notes/2023/第51周.md': GOOD, 'tpl/index.md.hbs': '{{#*inline "r"}}{{> r}}{{/inline}}{{> r}}\n' },
    argv: ['build', 'notes', '--templates', 'tpl', '--out', 'out'],
    exit: 2,
    stderr: ['weekly build: template tpl/index.md.hbs: partials nested too deep: stopped (does a partial include itself?)'],
  },
  {
    name: 'a template whose loops would run for hours',
    files: { 'notes/2023/第51周.md': GOOD, 'tpl/monthly.md.hbs': '@template-giant.md.hbs' },
    argv: ['build', 'notes', '--templates', 'tpl', '--out', 'out'],
    exit: 2,
    stderr: ['weekly build: template tpl/monthly.md.hbs: ', ': stopped (does it loop over every note inside a loop over every note?)'],
  },
  {
    name: 'a template naming a partial with `../`',
    files: { 'notes/2023/第51周.md': GOOD, 'tpl/index.md.hbs': '@template-escape.md.hbs' },
    argv: ['build', 'notes', '--templates', 'tpl', '--out', 'out'],
    exit: 2,
    stderr: ['weekly build: template tpl/index.md.hbs: The partial ../../../etc/passwd could not be found'],
  },
  {
    name: 'a partial file whose name is not a plain name',
    files: { 'notes/2023/第51周.md': GOOD, 'tpl/partials/..x.md.hbs': 'x\n' },
    argv: ['build', 'notes', '--templates', 'tpl', '--out', 'out'],
    exit: 2,
    stderr: ['weekly build: template tpl/partials/..x.md.hbs: unexpected template name `..x`'],
  },

  // the output folder
  { name: '--out inside the notes folder', files: { 'notes/2023/第51周.md': GOOD }, argv: ['build', 'notes', '--out', 'notes/out'], exit: 2, stderr: ['weekly build: the output folder notes/out is inside the notes folder notes: choose another --out'], child: true },
  { name: '--out is the notes folder', files: { 'notes/2023/第51周.md': GOOD }, argv: ['build', 'notes', '--out', 'notes'], exit: 2, stderr: ['weekly build: the output folder notes is the notes folder notes: choose another --out'] },
  { name: '--out contains the notes folder', files: { 'notes/2023/第51周.md': GOOD }, argv: ['build', 'notes/2023', '--out', 'notes'], exit: 2, stderr: ['weekly build: the output folder notes contains the notes folder notes/2023: choose another --out'] },
  {
    name: '--out reaching into the notes folder through a link',
    files: { 'notes/2023/第51周.md': GOOD },
    setup: link('notes', 'to-notes'),
    argv: ['build', 'notes', '--out', 'to-notes/out'],
    exit: 2,
    stderr: ['weekly build: the output folder to-notes/out is inside the notes folder notes: choose another --out'],
  },
  {
    name: 'a folder of the output folder that links outside it',
    files: { 'notes/2023/第51周.md': GOOD, 'elsewhere/keep.txt': 'mine\n' },
    setup: link('../elsewhere', 'out/monthly'),
    argv: ['build', 'notes', '--out', 'out'],
    exit: 2,
    stderr: ['weekly build: `monthly` in the output folder is a symbolic link leading outside it: nothing is written or removed through it'],
    after: (ws) => (readdirSync(path.join(ws, 'elsewhere')).join() !== 'keep.txt' ? `wrote through the link: ${readdirSync(path.join(ws, 'elsewhere')).join(', ')}` : undefined),
  },
  {
    name: 'an author that would name a folder outside the output folder',
    files: { 'notes/2023/第51周.md': `---\nauthor: ../../etc\n---\n${NOTE_TEXT()}` },
    argv: ['build', 'notes', '--out', 'out'],
    exit: 2,
    stderr: ['weekly build: notes/2023/第51周.md: author `../../etc` contains `..` or a path separator, so it cannot name an output folder'],
  },

  // outputs of lint aimed at a note
  { name: 'lint --output-file naming a note', files: { 'notes/2023/第51周.md': GOOD }, argv: ['lint', 'notes', '--output-file', 'notes/2023/第51周.md'], exit: 2, stderr: ['weekly lint: --output-file notes/2023/第51周.md is one of the notes being linted: choose another file'] },
  { name: 'lint --write-baseline naming a note', files: { 'notes/2023/第51周.md': GOOD }, argv: ['lint', 'notes', '--write-baseline', './notes/2023/第51周.md'], exit: 2, stderr: ['weekly lint: --write-baseline ./notes/2023/第51周.md is one of the notes being linted'] },
  { name: 'lint --cache-location naming a note', files: { 'notes/2023/第51周.md': GOOD }, argv: ['lint', 'notes', '--cache', '--cache-location', 'notes/2023/第51周.md'], exit: 2, stderr: ['weekly lint: --cache-location notes/2023/第51周.md is one of the notes being linted'] },
  {
    name: 'a note over a configured maxFileSize in build',
    files: { 'notes/2023/第51周.md': GOOD, 'notes/2023/第52周.md': `${'<!-- padding -->\n'.repeat(20)}`, 'weekly.config.yaml': 'maxFileSize: 300\n' },
    argv: ['build', 'notes', '--out', 'out'],
    exit: 0,
    stderr: ['notes/2023/第52周.md:1:1: Unexpected file that cannot be read as a note: is 340 bytes, over the 300 bytes limit for a note (set maxFileSize in the config to raise it); skipped'],
  },

  // paths that are not plain files
  { name: 'a missing notes folder', argv: ['lint', 'nowhere'], exit: 2, stderr: ['weekly lint: nowhere: no such file or directory'] },
  { name: 'a directory named x.md, named', setup: (ws) => void mkdirSync(path.join(ws, 'notes/x.md'), { recursive: true }), argv: ['parse', 'notes/x.md'], exit: 2, stderr: ['weekly parse: no notes (*.md) found in `notes/x.md`'] },
  { name: 'a directory named x.md in a folder', files: { 'notes/2023/第51周.md': GOOD }, setup: (ws) => void mkdirSync(path.join(ws, 'notes/x.md')), argv: ['lint', 'notes', '--format', 'unix'], exit: 0, absent: ['x.md'] },
  {
    name: 'a FIFO named x.md',
    setup: (ws) => {
      mkdirSync(path.join(ws, 'notes'));
      try {
        execFileSync('mkfifo', [path.join(ws, 'notes/fifo.md')], { stdio: 'ignore' });
      } catch {
        return 'mkfifo is not available here';
      }
    },
    argv: ['parse', 'notes/fifo.md'],
    exit: 2,
    stderr: ['notes/fifo.md: is not a regular file'],
  },
  { name: 'a symbolic link loop, named', setup: (ws) => (link('loop2.md', 'notes/loop1.md')(ws), link('loop1.md', 'notes/loop2.md')(ws)), argv: ['lint', 'notes/loop1.md'], exit: 2, stderr: ['weekly lint: notes/loop1.md: symbolic link loop'] },
  {
    name: 'symbolic link loops in a folder',
    files: { 'notes/2023/第51周.md': GOOD },
    setup: (ws) => (link('loop2.md', 'notes/loop1.md')(ws), link('loop1.md', 'notes/loop2.md')(ws), link('..', 'notes/2023/up')(ws)),
    argv: ['lint', 'notes', '--format', 'unix'],
    exit: 0,
    absent: ['loop', 'up/'],
  },
  {
    name: 'symbolic link loops in a folder, with followSymlinks',
    files: { 'notes/2023/第51周.md': GOOD, 'weekly.config.yaml': 'followSymlinks: true\n' },
    setup: (ws) => (link('loop2.md', 'notes/loop1.md')(ws), link('loop1.md', 'notes/loop2.md')(ws), link('..', 'notes/2023/up')(ws)),
    argv: ['lint', 'notes', '--format', 'unix'],
    exit: 0,
    absent: ['loop', 'up/', 'duplicate-week'],
  },
  {
    name: 'links to a note and a folder outside the notes folder',
    files: { 'notes/2023/第51周.md': GOOD, 'outside/第52周.md': '@binary.md', 'outside/more/第53周.md': '@binary.md' },
    setup: (ws) => (link('../../outside/第52周.md', 'notes/2023/第52周.md')(ws), link('../outside/more', 'notes/more')(ws)),
    argv: ['lint', 'notes', '--format', 'unix'],
    exit: 0,
    absent: ['第52周', '第53周'],
  },
  {
    name: 'links to a note and a folder outside the notes folder, with followSymlinks',
    files: { 'notes/2023/第51周.md': GOOD, 'outside/第52周.md': '@binary.md', 'outside/more/第53周.md': '@binary.md', 'weekly.config.yaml': 'followSymlinks: true\n' },
    setup: (ws) => (link('../../outside/第52周.md', 'notes/2023/第52周.md')(ws), link('../outside/more', 'notes/more')(ws)),
    argv: ['lint', 'notes', '--format', 'unix'],
    exit: 0,
    absent: ['第52周', '第53周'],
  },
  {
    name: 'a link inside the notes folder, with followSymlinks',
    files: { 'notes/archive/第52周.md': GOOD, 'weekly.config.yaml': 'followSymlinks: true\n' },
    setup: link('archive', 'notes/2023'),
    argv: ['parse', 'notes/2023/第52周.md'],
    exit: 0,
    stdout: ['"file": "notes/2023/第52周.md"'],
  },

  // file-system trouble during the run
  {
    name: 'an unreadable note in a folder',
    files: { 'notes/2023/第51周.md': GOOD, 'notes/2023/第52周.md': GOOD },
    simulate: { op: 'eacces', file: 'notes/2023/第52周.md' },
    argv: ['lint', 'notes', '--format', 'unix'],
    exit: 1,
    stdout: ['notes/2023/第52周.md:1:1: Unexpected file that cannot be read as a note: permission denied'],
  },
  {
    name: 'an unreadable note, named',
    files: { 'notes/2023/第52周.md': GOOD },
    simulate: { op: 'eacces', file: 'notes/2023/第52周.md' },
    argv: ['parse', 'notes/2023/第52周.md'],
    exit: 2,
    stderr: ['notes/2023/第52周.md: permission denied'],
  },
  {
    name: 'a note that vanishes during lint',
    files: { 'notes/2023/第51周.md': GOOD, 'notes/2023/第52周.md': GOOD },
    simulate: { op: 'vanish', file: 'notes/2023/第52周.md' },
    argv: ['lint', 'notes', '--format', 'unix'],
    exit: 1,
    stdout: ['notes/2023/第52周.md:1:1: Unexpected file that cannot be read as a note: no such file or directory'],
  },
  {
    name: 'a note that vanishes during build',
    files: { 'notes/2023/第51周.md': GOOD, 'notes/2023/第52周.md': GOOD },
    simulate: { op: 'vanish', file: 'notes/2023/第52周.md' },
    argv: ['build', 'notes', '--out', 'out'],
    exit: 0,
    stderr: ['notes/2023/第52周.md:1:1: Unexpected file that cannot be read as a note: no such file or directory'],
  },

  // issue 17: names that are not UTF-8 are notes that cannot be read, named with the reason
  {
    name: 'a folder whose name is not UTF-8 (张三 in GBK bytes)',
    files: { 'team/李四/2023/第51周.md': GOOD },
    setup: rawNamed('team', GBK_ZHANG_SAN, '2023/第51周.md'),
    argv: ['lint', 'team', '--format', 'unix'],
    exit: 1,
    stdout: [`team/${LISTED_ZHANG_SAN}/2023/第51周.md:1:1: Unexpected file that cannot be read as a note: the name of the folder \`\\xD5\\xC5\\xC8\\xFD\` is not UTF-8 (\`张三\` in GBK)`],
    child: true,
  },
  {
    name: 'a folder whose name is not UTF-8, in build --strict',
    files: { 'team/李四/2023/第51周.md': GOOD },
    setup: rawNamed('team', GBK_ZHANG_SAN, '2023/第51周.md'),
    argv: ['build', 'team', '--out', 'out', '--strict'],
    exit: 1,
    stderr: [`team/${LISTED_ZHANG_SAN}/2023/第51周.md:1:1: Unexpected file that cannot be read as a note: the name of the folder`],
  },
  {
    name: 'a note whose file name is not UTF-8',
    files: { 'team/2023/第51周.md': GOOD },
    setup: rawNamed('team/2023', GBK_ZHANG_MD),
    argv: ['lint', 'team', '--format', 'unix'],
    exit: 1,
    stdout: [`team/2023/${LISTED_ZHANG_MD}:1:1: Unexpected file that cannot be read as a note: its name \`\\xD5\\xC5.md\` is not UTF-8 (\`张.md\` in GBK)`],
    absent: ['no such file'],
  },

  // issue 17: what weekly reads from a folder is a regular file of bounded size
  {
    name: 'a FIFO named x.md in a folder',
    files: { 'notes/2023/第51周.md': GOOD },
    setup: mkfifo('notes/2023/x.md'),
    argv: ['lint', 'notes', '--format', 'unix'],
    exit: 1,
    stdout: ['notes/2023/x.md:1:1: Unexpected file that cannot be read as a note: is not a regular file: it is a named pipe (FIFO) [error/parser]'],
  },
  {
    name: 'a template linked to /dev/zero',
    files: { 'notes/2023/第51周.md': GOOD },
    setup: (ws) => (existsSync('/dev/zero') ? link('/dev/zero', 'tpl/index.md.hbs')(ws) : 'no /dev/zero here'),
    argv: ['build', 'notes', '--templates', 'tpl', '--out', 'out'],
    exit: 2,
    stderr: ['weekly build: template tpl/index.md.hbs: is not a regular file: it is a device'],
    absent: ['internal error'],
    child: true,
  },
  { name: 'a config that is a folder', files: { 'notes/2023/第51周.md': GOOD }, setup: (ws) => void mkdirSync(path.join(ws, 'weekly.config.yaml')), argv: ['lint', 'notes'], exit: 2, stderr: ['weekly: config weekly.config.yaml: is a directory'] },

  // issue 17: legacy encodings named for what they are
  { name: 'a Big5 note', files: { 'notes/x.md': '@big5.md' }, argv: ['lint', 'notes/x.md'], exit: 2, stderr: ['weekly lint: notes/x.md: not UTF-8: the bytes read as Big5 (Traditional Chinese), which weekly does not read; convert the file to UTF-8 (`iconv -f BIG5 -t UTF-8`)'], child: true },
  { name: 'a Big5 note with --encoding gbk', files: { 'notes/x.md': '@big5.md' }, argv: ['parse', '--encoding', 'gbk', 'notes/x.md'], exit: 2, stderr: ['notes/x.md: not UTF-8, and not GBK: the bytes read as Big5 (Traditional Chinese)'] },
  { name: 'a Shift-JIS note', files: { 'notes/x.md': '@shift-jis.md' }, argv: ['parse', 'notes/x.md'], exit: 2, stderr: ['notes/x.md: not UTF-8: the bytes read as Shift-JIS (Japanese), which weekly does not read; convert the file to UTF-8 (`iconv -f SHIFT_JIS -t UTF-8`)'] },
  { name: 'a UTF-32LE note with a BOM', files: { 'notes/x.md': utf32('# 第51周\n', true) }, argv: ['parse', 'notes/x.md'], exit: 2, stderr: ['notes/x.md: UTF-32 text (little-endian, with a byte-order mark); save it as UTF-8'] },
  { name: 'a UTF-32BE note with a BOM', files: { 'notes/x.md': utf32('# 第51周\n', false) }, argv: ['parse', 'notes/x.md'], exit: 2, stderr: ['notes/x.md: UTF-32 text (big-endian, with a byte-order mark); save it as UTF-8'] },

  // issue 17: an author that would make a look-alike folder
  {
    name: 'an author with a right-to-left override',
    files: { 'notes/a/第51周.md': GOOD, 'notes/b/第51周.md': `---\nauthor: "张三\\u202E"\n---\n${NOTE_TEXT()}` },
    argv: ['build', 'notes', '--out', 'out'],
    exit: 2,
    stderr: ['notes/b/第51周.md: author `张三', 'contains an invisible or text-reordering character (U+202E), so it cannot name an output folder'],
    after: (ws) => (existsSync(path.join(ws, 'out')) ? 'an output folder was written' : undefined),
  },

  // issue 17: nothing is written through a link
  {
    name: 'weekly new through a year folder that links outside the notes folder',
    files: { 'notes/2023/第51周.md': GOOD, 'elsewhere/keep.txt': 'mine\n' },
    setup: link('../elsewhere', 'notes/2024'),
    argv: ['new', '--dir', 'notes', '--date', '2024-01-03'],
    exit: 2,
    stderr: ['weekly new: notes/2024 is a symbolic link leading outside the notes folder notes: nothing is written through it'],
    after: (ws) => (readdirSync(path.join(ws, 'elsewhere')).join() !== 'keep.txt' ? `wrote through the link: ${readdirSync(path.join(ws, 'elsewhere')).join(', ')}` : undefined),
  },
  {
    name: 'templates eject through a link inside the folder',
    files: { 'outside/keep.txt': 'mine\n' },
    setup: link('../outside', 'mine/partials'),
    argv: ['templates', 'eject', 'mine'],
    exit: 2,
    stderr: ['weekly templates eject: mine/partials is a symbolic link, and eject writes nothing through a link: nothing was written'],
    after: (ws) => (readdirSync(path.join(ws, 'outside')).join() !== 'keep.txt' || readdirSync(path.join(ws, 'mine')).join() !== 'partials' ? 'wrote through the link, or wrote part of the templates' : undefined),
  },
];

/** Unix modes cannot stop root from reading: where the tests run as root, unreadable files are simulated. */
export function chmodBlocks(): boolean {
  return typeof process.getuid !== 'function' || process.getuid() !== 0;
}
