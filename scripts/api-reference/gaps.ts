// The rule the API reference is held to: every export of every entry (entries.ts) has a description and
// an `@example` in its own doc comment — the comment on the declaration, which is what TypeDoc shows on
// the export's page — and every example parses as TypeScript. A comment on an `export { … } from`
// statement is not enough: it documents the statement, not the names.
//
// The TypeScript compiler's API, not TypeDoc: a program of the six entries and the checker's view of
// their exports takes a few seconds, TypeDoc's whole conversion several times that, and `npm test` runs
// this check.
import { relative } from 'node:path';
import ts from 'typescript';
import { type ApiEntry, apiEntries, ROOT, TSCONFIG } from './entries.ts';

export interface DocGap {
  /** `@airlock/sdk CONSEQUENCE_OF`: the entry and the exported name. */
  key: string;
  /** 'no description', 'no @example', or why an example does not parse. */
  problems: string[];
  /** Where the declaration is, `packages/sdk/src/warnings/types.ts:12`. */
  at: string;
}

export function apiDocGaps(entries: ApiEntry[] = apiEntries()): DocGap[] {
  const { config, error } = ts.readConfigFile(TSCONFIG, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, ROOT, undefined, TSCONFIG);
  // Only the entries as roots, and only the packages' own files: doc comments and exports need no
  // standard library and no dependency's declarations, whose parsing would be most of the time.
  const options = { ...parsed.options, noLib: true, types: [] };
  const host = ts.createCompilerHost(options, true);
  const fileExists = host.fileExists;
  host.fileExists = (path) => !path.includes('/node_modules/') && fileExists(path);
  const program = ts.createProgram({ rootNames: entries.map((e) => e.source), options, host });
  const checker = program.getTypeChecker();
  const gaps: DocGap[] = [];
  for (const entry of entries) {
    const file = program.getSourceFile(entry.source);
    const module = file && checker.getSymbolAtLocation(file);
    if (!module) throw new Error(`${entry.source} (${entry.specifier}) is not a module`);
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const problems: string[] = [];
      if (!ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim())
        problems.push('no description');
      const examples = symbol
        .getJsDocTags(checker)
        .filter((t) => t.name === 'example')
        .map((t) => ts.displayPartsToString(t.text).trim())
        .filter((text) => text.length > 0);
      if (!examples.length) problems.push('no @example');
      for (const text of examples) {
        const error = syntaxError(text);
        if (error) problems.push(`an @example does not parse: ${error}`);
      }
      if (problems.length)
        gaps.push({ key: `${entry.specifier} ${exported.name}`, problems, at: where(symbol) });
    }
  }
  return gaps.sort((a, b) => a.key.localeCompare(b.key));
}

/** The first syntax error of an example (fenced or not), or null: a typo'd example fails the check. */
export function syntaxError(example: string): string | null {
  const code = example.replace(/^```\w*\n?|```$/gm, '');
  const file = ts.createSourceFile('example.ts', code, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const [first] = (file as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  return first ? ts.flattenDiagnosticMessageText(first.messageText, ' ') : null;
}

function where(symbol: ts.Symbol): string {
  const decl = symbol.declarations?.[0];
  if (!decl) return '?';
  const sf = decl.getSourceFile();
  return `${relative(ROOT, sf.fileName)}:${sf.getLineAndCharacterOfPosition(decl.getStart()).line + 1}`;
}
