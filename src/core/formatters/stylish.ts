import { Chalk } from 'chalk';
import stringWidth from 'string-width';
import { totals } from '../lint/index.js';
import type { Formatter } from './types.js';
import { printable } from '../printable.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - stringWidth(s)));
}

/** ESLint's stylish: problems grouped under each file, columns aligned (CJK counts double), a summary line. */
export const stylish: Formatter = (results, opts = {}) => {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  let out = '';
  for (const r of results) {
    if (!r.messages.length) continue;
    const rows = r.messages.map((m) => [`${m.line}:${m.column}`, m.severity === 'error' ? 'error' : 'warning', m.message, m.ruleId]);
    const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => stringWidth(row[i]))));
    out += `\n${c.underline(printable(r.filePath))}\n`;
    for (const [pos, sev, message, ruleId] of rows) {
      const sevText = pad(sev, widths[1]);
      out += `  ${c.dim(pad(pos, widths[0]))}  ${sev === 'error' ? c.red(sevText) : c.yellow(sevText)}  ${pad(message, widths[2])}  ${c.dim(ruleId)}\n`;
    }
  }
  const t = totals(results);
  const problems = t.errors + t.warnings;
  if (!problems) return '';
  const summary = `✖ ${plural(problems, 'problem')} (${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')})`;
  out += `\n${(t.errors ? c.red : c.yellow).bold(summary)}\n`;
  if (t.fixableErrors || t.fixableWarnings) {
    out += (t.errors ? c.red : c.yellow).bold(`  ${plural(t.fixableErrors, 'error')} and ${plural(t.fixableWarnings, 'warning')} potentially fixable with the \`--fix\` option.`) + '\n';
  }
  return `${out}\n`;
};
