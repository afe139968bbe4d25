/**
 * Every export of the public API (src/index.ts, and the `./middleware` subpath) has a doc
 * comment at its declaration: the API docs (`npm run docs`) are made from them. Checked with the
 * TypeScript compiler API, following each re-export to the declaration it names.
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const program = ts.createProgram(['src/index.ts', 'src/embed/middleware.ts'], {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
});
const checker = program.getTypeChecker();

/** The exports of a module without a doc comment at their declaration (a namespace re-export counts its module's header). */
const undocumentedIn = (program: ts.Program, entry: string): ReadonlyArray<string> => {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  if (source === undefined) return [`${entry}: not found`];
  const module = checker.getSymbolAtLocation(source);
  if (module === undefined) return [`${entry}: not a module`];
  return checker
    .getExportsOfModule(module)
    .filter((exported) => {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declarations = symbol.getDeclarations() ?? [];
      if (declarations.some((d) => ts.isSourceFile(d))) return false; // `export * as X`: the module's header is its doc
      return ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() === '';
    })
    .map((s) => s.getName())
    .sort();
};

const undocumented = (entry: string): ReadonlyArray<string> => undocumentedIn(program, entry);

/** The names a module exports. */
const exportNames = (entry: string): ReadonlyArray<string> => {
  const source = program.getSourceFile(entry);
  const module = source === undefined ? undefined : checker.getSymbolAtLocation(source);
  return module === undefined ? [] : checker.getExportsOfModule(module).map((s) => s.getName());
};

describe('the public API is documented', () => {
  it('src/index.ts exports the engine (the check sees the exports)', () => {
    const names = exportNames('src/index.ts');
    expect(names.length).toBeGreaterThan(100);
    expect(names).toEqual(expect.arrayContaining(['decide', 'decideHttp', 'clientAnswer', 'authorizationMiddleware', 'toEngineRequest', 'Snapshot']));
  });

  it('every export of src/index.ts has a doc comment at its declaration', () => {
    expect(undocumented('src/index.ts')).toEqual([]);
  });

  it('every export of the ./middleware subpath has a doc comment', () => {
    expect(exportNames('src/embed/middleware.ts')).toContain('authorizationMiddleware');
    expect(undocumented('src/embed/middleware.ts')).toEqual([]);
  });

  it('the check finds an export without a doc comment (it can fail)', () => {
    const host = ts.createCompilerHost({});
    const file = 'virtual/entry.ts';
    const text = '/** documented */\nexport const a = 1;\nexport const b = 2;\n// a line comment is not a doc\nexport type C = string;\n';
    const original = host.getSourceFile.bind(host);
    host.getSourceFile = (name, version) => (name === file ? ts.createSourceFile(file, text, version) : original(name, version));
    const missing = undocumentedIn(ts.createProgram([file], { noEmit: true }, host), file);
    expect(missing).toEqual(['C', 'b']);
  });
});
