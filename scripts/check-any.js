#!/usr/bin/env node
/**
 * The `any` budget of hive-smt's server code (part of npm run lint): at most
 * ANY_BUDGET explicit `any` types, counted by the TypeScript parser, and every
 * eslint-disable comment there says why (`-- reason`). ESLint refuses an
 * `any` without a disable comment; this keeps the count and the reasons.
 */
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const ANY_BUDGET = 40;
const ROOT = path.resolve(__dirname, '..', 'plugins', 'hive-smt', 'server', 'src');

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const uses = [];
const unexplained = [];
for (const file of sourceFiles(ROOT)) {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (node.kind === ts.SyntaxKind.AnyKeyword)
      uses.push(`${path.relative(process.cwd(), file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  text.split('\n').forEach((line, i) => {
    if (/eslint-disable/.test(line) && !/eslint-disable[\w-]*\s+[^\s]+.*\s--\s+\S/.test(line))
      unexplained.push(`${path.relative(process.cwd(), file)}:${i + 1}`);
  });
}

let failed = false;
if (uses.length > ANY_BUDGET) {
  console.error(`hive-smt server code has ${uses.length} explicit \`any\` types; the budget is ${ANY_BUDGET}:\n  ${uses.join('\n  ')}`);
  failed = true;
}
if (unexplained.length) {
  console.error(`eslint-disable comments without a reason ("-- why"):\n  ${unexplained.join('\n  ')}`);
  failed = true;
}
if (failed) process.exit(1);
console.log(`hive-smt server code: ${uses.length} explicit \`any\` (budget ${ANY_BUDGET}), every eslint-disable with its reason.`);
