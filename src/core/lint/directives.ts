import type { Comment } from '../model.js';

/** One control comment: `<!-- weekly-disable metric-range -->`, read from the note's HTML comments. */
export interface Directive {
  kind: 'disable' | 'enable' | 'disable-next-line';
  /** Rule ids named; empty means every rule. */
  ids: string[];
  line: number;
  endLine: number;
}

const DIRECTIVE = /<!--\s*weekly-(disable-next-line|disable|enable)\b([\s\S]*?)-->/g;

/** Control comments in a note's HTML comments; a ` -- reason` after the ids is allowed and ignored. */
export function readDirectives(comments: Comment[] | undefined): Directive[] {
  const out: Directive[] = [];
  for (const c of comments ?? []) {
    DIRECTIVE.lastIndex = 0;
    for (let m = DIRECTIVE.exec(c.text); m; m = DIRECTIVE.exec(c.text)) {
      const before = c.text.slice(0, m.index).split(/\r\n|\r|\n/).length - 1;
      const inside = m[0].split(/\r\n|\r|\n/).length - 1;
      const ids = m[2].split(/\s--\s/)[0].split(/[\s,]+/).filter(Boolean);
      out.push({ kind: m[1] as Directive['kind'], ids, line: c.line + before, endLine: c.line + before + inside });
    }
  }
  return out.sort((a, b) => a.line - b.line);
}

/** Whether a problem of `ruleId` at `line` is switched off by the directives. */
export function isDisabled(directives: Directive[], ruleId: string, line: number): boolean {
  let all = false;
  const off = new Set<string>();
  const except = new Set<string>();
  for (const d of directives) {
    if (d.kind === 'disable-next-line') {
      if (d.endLine + 1 === line && (d.ids.length === 0 || d.ids.includes(ruleId))) return true;
      continue;
    }
    if (d.line >= line) continue;
    if (d.kind === 'disable') {
      if (!d.ids.length) {
        all = true;
        except.clear();
      } else if (all) d.ids.forEach((id) => except.delete(id));
      else d.ids.forEach((id) => off.add(id));
    } else if (!d.ids.length) {
      all = false;
      off.clear();
      except.clear();
    } else if (all) d.ids.forEach((id) => except.add(id));
    else d.ids.forEach((id) => off.delete(id));
  }
  return all ? !except.has(ruleId) : off.has(ruleId);
}
