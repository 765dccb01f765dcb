#!/usr/bin/env node
// The import graph of the product code, every import counted (type-only and dynamic ones included), checked
// for what ESLint's per-import rules cannot see (`npm run lint` runs it after ESLint):
// - no import cycles, type-only ones included: a cycle of types is still two modules that cannot be
//   understood, moved or tested apart;
// - nothing that code injected into web pages loads, through any chain of imports, is on the extension side
//   (lint/boundaries.js): the page scripts' bundles carry no database code and no extension-only package.
// `checkImportGraph({ sources })` takes replacement file texts, so that tests can show it failing.
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { EXTENSION_PACKAGES, EXTENSION_SIDE, IN_PAGE } from './boundaries.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The product code: what ships in the extension (tests and benchmarks may import anything). */
const PRODUCT = /^(entrypoints|components|hooks|utils)\/.*\.tsx?$/;
const NOT_PRODUCT = /\.test\.tsx?$|^utils\/db\/test-data\.ts$|\.d\.ts$/;

const within = (file, paths) => paths.some((path) => file === path || file.startsWith(`${path}/`));

/** The project's product files and, for each, the project files and packages it imports. */
function buildGraph(sources) {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  const host = {
    ...ts.sys,
    fileExists: (file) => sources.has(relative(ROOT, file)) || ts.sys.fileExists(file),
    readFile: (file) => sources.get(relative(ROOT, file)) ?? ts.sys.readFile(file),
  };
  const files = [...new Set([...config.fileNames.map((file) => relative(ROOT, file)), ...sources.keys()])].filter(
    (file) => PRODUCT.test(file) && !NOT_PRODUCT.test(file),
  );
  const graph = new Map();
  for (const file of files) {
    const text = sources.get(file) ?? readFileSync(join(ROOT, file), 'utf8');
    const { importedFiles } = ts.preProcessFile(text, true, true);
    const edges = { files: [], packages: [] };
    for (const { fileName: specifier } of importedFiles) {
      if (/\.(css|svg|png)$/.test(specifier)) continue;
      const resolved = ts.resolveModuleName(specifier, join(ROOT, file), config.options, host).resolvedModule;
      const target = resolved && relative(ROOT, resolved.resolvedFileName);
      if (target && !target.startsWith('..') && !target.includes('node_modules/')) edges.files.push(target);
      else if (!specifier.startsWith('.')) edges.packages.push(specifier);
    }
    graph.set(file, edges);
  }
  return graph;
}

/** Every cycle's files, in import order (Tarjan's strongly connected components of more than one file, or one importing itself). */
function cycles(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  let next = 0;
  const visit = (file) => {
    index.set(file, next);
    low.set(file, next++);
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file)?.files ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file), low.get(target)));
      } else if (onStack.has(target)) low.set(file, Math.min(low.get(file), index.get(target)));
    }
    if (low.get(file) !== index.get(file)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || graph.get(file).files.includes(file)) found.push(component.reverse());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

/** What code injected into web pages reaches on the extension side, each with the chain of imports that gets there. */
function pageLeaks(graph) {
  const leaks = [];
  for (const start of [...graph.keys()].filter((file) => within(file, IN_PAGE))) {
    const via = new Map([[start, null]]);
    const queue = [start];
    while (queue.length) {
      const file = queue.shift();
      const chain = () => {
        const path = [];
        for (let at = file; at; at = via.get(at)) path.unshift(at);
        return path;
      };
      for (const name of graph.get(file)?.packages ?? []) {
        if (EXTENSION_PACKAGES.some((pkg) => name === pkg || name.startsWith(`${pkg}/`)))
          leaks.push([...chain(), name]);
      }
      for (const target of graph.get(file)?.files ?? []) {
        if (via.has(target)) continue;
        via.set(target, file);
        if (within(target, EXTENSION_SIDE)) leaks.push([...chain(), target]);
        else queue.push(target);
      }
    }
  }
  // One line per forbidden module, by its shortest chain.
  const shortest = new Map();
  for (const leak of leaks) {
    const key = leak.at(-1);
    if (!shortest.has(key) || shortest.get(key).length > leak.length) shortest.set(key, leak);
  }
  return [...shortest.values()];
}

/** The problems in the import graph, in words (none: an empty list). `sources` replaces or adds file texts. */
export function checkImportGraph({ sources = new Map() } = {}) {
  const graph = buildGraph(sources);
  return [
    ...cycles(graph).map((files) => `Import cycle (type-only imports count): ${[...files, files[0]].join(' → ')}`),
    ...pageLeaks(graph).map((chain) => `Code injected into web pages reaches the extension side: ${chain.join(' → ')}`),
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = checkImportGraph();
  for (const problem of problems) console.error(problem);
  console.log(
    problems.length
      ? `import graph: ${problems.length} problem(s)`
      : 'import graph: no cycles, page scripts stay on the page side',
  );
  process.exit(problems.length ? 1 : 0);
}
