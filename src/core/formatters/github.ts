import type { Formatter } from './types.js';
import { printable } from '../printable.js';

// GitHub's workflow-command escaping: data escapes %, CR and LF; property values also `:` and `,`.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands (`::error file=…,line=…::message`): annotations on the pull request. */
export const github: Formatter = (results) => {
  let out = '';
  for (const r of results) {
    for (const m of r.messages) {
      const props = [
        `file=${escapeProperty(printable(r.filePath))}`,
        `line=${m.line}`,
        `col=${m.column}`,
        `endLine=${m.endLine}`,
        `endColumn=${m.endColumn}`,
        `title=${escapeProperty(`weekly(${m.ruleId})`)}`,
      ];
      out += `::${m.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(m.message)}\n`;
    }
  }
  return out;
};
