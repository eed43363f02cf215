// The single-threaded baseline of bench/run.mjs: read every note under a folder and build its syntax tree with
// bare unified + remark-parse, one after the other, as a one-thread tool would. Usage: node bench/remark-parse.mjs DIR
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { unified } from 'unified';
import remarkParse from 'remark-parse';

const dir = process.argv[2];
const files = (await glob('**/*.md', { cwd: dir })).sort();
const processor = unified().use(remarkParse);
let nodes = 0;
for (const f of files) nodes += processor.parse(readFileSync(path.join(dir, f), 'utf8')).children.length;
console.log(`${files.length} notes, ${nodes} top-level nodes`);
