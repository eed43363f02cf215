import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../src/cli.js';
import { describeProgram } from '../src/cli/completion.js';
import { cli, tempDir } from './everyday-helpers.js';

const has = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;
const noop = () => {};

describe('weekly completion', () => {
  it('bash: a script bash -n accepts, completing commands, options, choices and nested commands', async () => {
    const r = await cli(tempDir(), ['completion', 'bash']);
    expect(r.code).toBe(0);
    expect(spawnSync('bash', ['-n'], { input: r.stdout }).status).toBe(0);
    const file = path.join(tempDir(), 'weekly.bash');
    writeFileSync(file, r.stdout);
    const complete = (...words: string[]) => {
      const script = `source ${JSON.stringify(file)}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _weekly; printf '%s\\n' "\${COMPREPLY[@]}"`;
      const out = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
      expect(out.stderr).toBe('');
      return out.stdout.trim().split('\n').filter(Boolean);
    };
    expect(complete('weekly', '')).toEqual(['parse', 'schema', 'lint', 'build', 'templates', 'init', 'new', 'metrics', 'completion', 'help']);
    expect(complete('weekly', 'me')).toEqual(['metrics']);
    expect(complete('weekly', 'lint', '--fo')).toEqual(['--format']);
    expect(complete('weekly', 'lint', '-f', '')).toEqual(['stylish', 'json', 'sarif', 'github', 'unix']);
    expect(complete('weekly', 'build', '--format', '')).toEqual(['md', 'html', 'both']);
    expect(complete('weekly', 'build', '--w')).toEqual(['--watch']);
    expect(complete('weekly', 'templates', '')).toEqual(['eject']);
    expect(complete('weekly', 'templates', 'eject', '--f')).toEqual(['--force']);
    expect(complete('weekly', 'completion', '')).toEqual(['bash', 'zsh']);
  });

  it('is generated from the program: every command and option is in both scripts', async () => {
    const spec = describeProgram(buildProgram({ cwd: '.', stdout: noop, stderr: noop, isTTY: false }, noop));
    const bash = (await cli(tempDir(), ['completion', 'bash'])).stdout;
    const zsh = (await cli(tempDir(), ['completion', 'zsh'])).stdout;
    for (const c of spec.subcommands) {
      expect(bash).toContain(`'|${c.name}') cmd='${c.name}'`);
      expect(zsh).toContain(`_weekly_${c.name}() {`);
      for (const o of c.options) for (const f of o.flags) expect(bash).toContain(f);
    }
  });

  it.skipIf(!has('zsh'))('zsh: a script zsh -n accepts and compinit loads (skipped when zsh is not installed)', async () => {
    const r = await cli(tempDir(), ['completion', 'zsh']);
    expect(r.code).toBe(0);
    expect(spawnSync('zsh', ['-n'], { input: r.stdout }).status).toBe(0);
    const file = path.join(tempDir(), '_weekly');
    writeFileSync(file, r.stdout);
    const out = spawnSync('zsh', ['-f', '-c', `autoload -U compinit; compinit -u -D; source ${JSON.stringify(file)}; print -r -- $_comps[weekly]; whence -w _weekly_templates_eject`], { encoding: 'utf8' });
    expect(out.stdout).toBe('_weekly\n_weekly_templates_eject: function\n');
  });

  it('exit 2 for a shell it does not know', async () => {
    const r = await cli(tempDir(), ['completion', 'fish']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("value 'fish' is invalid");
  });
});
