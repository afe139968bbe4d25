/**
 * The layer order of src/, checked on the source text: an import only ever points to the same or
 * an earlier layer, no two files import each other (directly or round a loop), and no two
 * folders do, except the folders of the rules+operations layer, which may use each other's files.
 *
 *   catalog → codec → model → rules and operations → snapshot → decide → transition → audit → render → embed → cli, server
 *
 * A new folder under src/ fails this test until it is placed in `layers` below.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Layer of each folder of src/; a folder may import only from folders of the same or a lower layer. */
const layers: Readonly<Record<string, number>> = {
  catalog: 0,
  codec: 1,
  model: 2,
  rules: 3, // the compiler reads R-SHR-6 from rules/, so the rules come before the snapshot loader
  operations: 3,
  snapshot: 4,
  decide: 5,
  transition: 6, // apply decides first, then changes the state
  audit: 7, // who-can, what-can, diff, what-if (through apply), why-not, decision records
  render: 8,
  embed: 9, // pure pieces for servers: AuthZEN, Node request conversion, middleware
  cli: 10, // the shells: the only code that touches the world
  server: 10,
};

/** The folders that form one layer and may import each other's files (but with no file-level cycle). */
const sharedLayer: ReadonlySet<string> = new Set(['rules', 'operations']);

/** src/index.ts is the public API: it sits above every layer and may import anything. */
const TOP = 'index.ts';
const TOP_LAYER = Number.POSITIVE_INFINITY;

const root = process.cwd();

/** Every `.ts` file under `dir`, as paths relative to the project root with `/` separators, sorted. */
const tsFiles = (dir: string): readonly string[] => {
  const walk = (d: string): readonly string[] =>
    readdirSync(d)
      .sort()
      .flatMap((name) => {
        const full = join(d, name);
        if (statSync(full).isDirectory()) return walk(full);
        return name.endsWith('.ts') ? [full] : [];
      });
  return walk(join(root, dir)).map(rel);
};

/** A path relative to the project root, with `/` separators. */
const rel = (full: string): string => relative(root, full).split(sep).join('/');

/** The source without its comments (so a commented-out import counts for nothing). */
const withoutComments = (text: string): string =>
  text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

/** The relative module specifiers of `import … from`, `import type … from`, `export … from`, `import '…'` and `import('…')`. */
const relativeImports = (text: string): readonly string[] => {
  const source = withoutComments(text);
  const patterns = [
    /\b(?:import|export)\s[^;'"]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]/g,
    /\bimport\s*['"](\.{1,2}\/[^'"]+)['"]/g,
    /\bimport\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((p) => [...source.matchAll(p)].flatMap((m) => (m[1] === undefined ? [] : [m[1]])));
};

/** The file an import of `specifier` from `file` names (`.js` read as `.ts`), or null when there is none. */
const resolveImport = (file: string, specifier: string): string | null => {
  const base = resolve(root, dirname(file), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, join(base, 'index.ts')];
  const found = candidates.find((c) => existsSync(c) && statSync(c).isFile());
  return found === undefined ? null : rel(found);
};

/** One import edge of the source graph. */
interface Edge {
  readonly from: string;
  readonly to: string;
}

/** The import edges of `files`, and the imports that name no file. */
const importGraph = (files: readonly string[]): { readonly edges: readonly Edge[]; readonly unresolved: readonly string[] } => {
  const edges: Edge[] = [];
  const unresolved: string[] = [];
  for (const from of files) {
    for (const specifier of relativeImports(readFileSync(join(root, from), 'utf8'))) {
      const to = resolveImport(from, specifier);
      if (to === null) unresolved.push(`${from} imports \`${specifier}\`, which names no file`);
      else edges.push({ from, to });
    }
  }
  return { edges, unresolved };
};

/** The folder of a src/ file (`index.ts` for the top file), or null for a file outside src/. */
const folderOf = (file: string): string | null => {
  if (!file.startsWith('src/')) return null;
  const parts = file.slice('src/'.length).split('/');
  return parts.length === 1 ? TOP : (parts[0] ?? null);
};

/** The layer of a folder, or undefined when the table does not place it. */
const layerOf = (folder: string): number | undefined => (folder === TOP ? TOP_LAYER : layers[folder]);

/** How a folder and its layer read in a message. */
const describeLayer = (folder: string): string => {
  const layer = layerOf(folder);
  return folder === TOP ? 'the top file' : `${folder}, layer ${layer ?? '?'}`;
};

/** Strongly connected components with more than one node or a self-loop, each sorted, in order of their first node. */
const cycles = (nodes: readonly string[], edges: readonly Edge[]): readonly (readonly string[])[] => {
  const next = new Map<string, string[]>(nodes.map((n) => [n, []]));
  for (const e of edges) next.get(e.from)?.push(e.to);
  // Tarjan's algorithm, iterative so a deep import chain cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  let counter = 0;
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: { node: string; i: number }[] = [{ node: start, i: 0 }];
    index.set(start, counter);
    low.set(start, counter);
    counter += 1;
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const top = work[work.length - 1];
      if (top === undefined) break;
      const succ = next.get(top.node) ?? [];
      const w = succ[top.i];
      if (w !== undefined) {
        top.i += 1;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter);
          counter += 1;
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, i: 0 });
        } else if (onStack.has(w)) {
          low.set(top.node, Math.min(low.get(top.node) ?? 0, index.get(w) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(top.node) ?? 0));
      if (low.get(top.node) === index.get(top.node)) {
        const component: string[] = [];
        for (;;) {
          const x = stack.pop();
          if (x === undefined) break;
          onStack.delete(x);
          component.push(x);
          if (x === top.node) break;
        }
        const selfLoop = edges.some((e) => e.from === top.node && e.to === top.node);
        if (component.length > 1 || selfLoop) found.push(component.sort());
      }
    }
  }
  return found.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
};

/** One closed path through a component, starting and ending at its first node, as `a → b → a`. */
const loopThrough = (component: readonly string[], edges: readonly Edge[]): string => {
  const inside = new Set(component);
  const first = component[0] ?? '';
  // Breadth-first from `first` back to `first`, staying inside the component: the shortest loop.
  const previous = new Map<string, string>();
  const queue: string[] = [first];
  for (let k = 0; k < queue.length; k += 1) {
    const node = queue[k] ?? '';
    const succ = edges
      .filter((e) => e.from === node && inside.has(e.to))
      .map((e) => e.to)
      .sort();
    for (const w of succ) {
      if (w === first) {
        const path = [first];
        for (let at: string | undefined = node; at !== undefined && at !== first; at = previous.get(at)) path.unshift(at);
        path.unshift(first);
        return path.join(' → ');
      }
      if (!previous.has(w)) {
        previous.set(w, node);
        queue.push(w);
      }
    }
  }
  return component.join(', ');
};

const srcFiles = tsFiles('src');
const src = importGraph(srcFiles);
const srcEdges = src.edges.filter((e) => e.to.startsWith('src/'));
const unique = (edges: readonly Edge[]): readonly Edge[] => {
  const seen = new Set<string>();
  return edges.filter((e) => {
    const key = `${e.from}\n${e.to}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

describe('the layers of src/', () => {
  it('the import reader sees every kind of relative import (so the checks below can fail)', () => {
    const sample = [
      "import * as E from 'fp-ts/lib/Either.js';",
      "import { a,\n  b } from './a.js';",
      "import type { T } from '../model/t.js';",
      "export { c } from './c.js';",
      "export * from '../d/d.js';",
      "export type { U } from './u.js';",
      "import './side.js';",
      "const m = await import('./lazy.js');",
      "// import { gone } from './commented.js';",
      '/* export * from "./blocked.js"; */',
    ].join('\n');
    expect([...relativeImports(sample)].sort()).toEqual(
      ['../d/d.js', '../model/t.js', './a.js', './c.js', './lazy.js', './side.js', './u.js'].sort(),
    );
    expect(srcFiles.length).toBeGreaterThan(10);
    expect(srcEdges.length).toBeGreaterThan(srcFiles.length);
  });

  it('every relative import names a file', () => {
    expect(src.unresolved).toEqual([]);
  });

  it('every folder of src/ has a place in the layer table', () => {
    const unknown = [...new Set(srcFiles.map(folderOf))]
      .filter((f): f is string => f !== null && layerOf(f) === undefined)
      .map((f) => `src/${f}/ is not in the layer table of spec/architecture/layers.spec.ts: give it a layer`);
    expect(unknown).toEqual([]);
  });

  it('an import only points to the same or an earlier layer', () => {
    const violations = unique(src.edges).flatMap((e) => {
      const from = folderOf(e.from);
      const to = folderOf(e.to);
      if (from === null) return [];
      if (to === null) return [`${e.from} (${describeLayer(from)}) imports ${e.to}, which is outside src/`];
      const a = layerOf(from);
      const b = layerOf(to);
      if (a === undefined || b === undefined) return []; // reported by the layer-table test
      return b > a ? [`${e.from} (${describeLayer(from)}) imports ${e.to} (${describeLayer(to)}), a later layer`] : [];
    });
    expect(violations).toEqual([]);
  });

  it('no file imports itself round a loop', () => {
    const found = cycles(srcFiles, unique(srcEdges)).map(
      (c) => `import cycle among ${c.length} files: ${loopThrough(c, srcEdges)}${c.length > 2 ? ` (all: ${c.join(', ')})` : ''}`,
    );
    expect(found).toEqual([]);
  });

  it('no two folders import each other, except within the rules+operations layer', () => {
    const folderEdges = unique(
      srcEdges.flatMap((e) => {
        const from = folderOf(e.from);
        const to = folderOf(e.to);
        return from === null || to === null || from === to ? [] : [{ from, to }];
      }),
    );
    const folders = [...new Set(srcFiles.flatMap((f) => folderOf(f) ?? []))].sort();
    const found = cycles(folders, folderEdges)
      .filter((c) => !c.every((f) => sharedLayer.has(f)))
      .map((c) => {
        const inside = new Set(c);
        // The edges that go against the order (to a later layer, or across the shared layer) are what keep the loop closed.
        const against = srcEdges
          .flatMap((e) => {
            const a = folderOf(e.from);
            const b = folderOf(e.to);
            if (a === null || b === null || a === b || !inside.has(a) || !inside.has(b)) return [];
            return (layerOf(b) ?? 0) >= (layerOf(a) ?? 0) ? [`${e.from} → ${e.to}`] : [];
          })
          .filter((x, i, all) => all.indexOf(x) === i);
        return `folder cycle among ${c.join(', ')} (for example ${loopThrough(c, folderEdges)}), held by: ${against.join('; ')}`;
      });
    expect(found).toEqual([]);
  });
});

describe('properties/ and bench/', () => {
  it('no file of properties/ imports from bench/', () => {
    const props = importGraph(tsFiles('properties'));
    expect(props.edges.length).toBeGreaterThan(0);
    const violations = unique(props.edges)
      .filter((e) => e.to.startsWith('bench/'))
      .map((e) => `${e.from} (properties) imports ${e.to} (bench): laws must not depend on benchmark code`);
    expect(violations).toEqual([]);
  });
});
