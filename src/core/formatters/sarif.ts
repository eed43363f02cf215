import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { RULES } from '../../rules/index.js';
import { ruleDocsUrl } from '../lint/rule.js';
import type { Formatter } from './types.js';

const PARSER: ReportingDescriptor = {
  id: 'parser',
  name: 'parser',
  shortDescription: { text: 'What the parser could not read: unreadable files, bad frontmatter, unknown rule ids in control comments' },
  helpUri: ruleDocsUrl('parser'),
  defaultConfiguration: { level: 'error' },
};

/** SARIF 2.1.0, with a catalog of every rule and its docs URL, for GitHub code scanning and other SARIF viewers. */
export const sarif: Formatter = (results, opts = {}) => {
  const rules: ReportingDescriptor[] = [
    ...RULES.map((r) => ({
      id: r.id,
      name: r.id,
      shortDescription: { text: r.description },
      helpUri: ruleDocsUrl(r.id),
      defaultConfiguration: { level: r.severity === 'error' ? ('error' as const) : ('warning' as const) },
      properties: { fixable: Boolean(r.fixable), scope: r.scope },
    })),
    PARSER,
  ];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const uri = (file: string) => file.split('/').map(encodeURIComponent).join('/');
  const artifacts = results.map((r) => ({ location: { uri: uri(r.filePath), uriBaseId: '%SRCROOT%' } }));
  const out: Result[] = [];
  results.forEach((r, fileIndex) => {
    for (const m of r.messages) {
      out.push({
        ruleId: m.ruleId,
        ruleIndex: index.get(m.ruleId),
        level: m.severity === 'error' ? 'error' : 'warning',
        message: { text: m.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: uri(r.filePath), uriBaseId: '%SRCROOT%', index: fileIndex },
              region: { startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: Math.max(m.endColumn, m.endLine === m.line ? m.column : 1) },
            },
          },
        ],
      });
    }
  });
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'weekly',
            informationUri: 'https://github.com/weekly-md/weekly',
            ...(opts.version ? { version: opts.version, semanticVersion: opts.version } : {}),
            rules,
          },
        },
        ...(opts.cwd ? { originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(opts.cwd).href.replace(/\/?$/, '/')}` } } } : {}),
        artifacts,
        results: out,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
