import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** Folder that in-memory files are placed in, so relative imports reach the real runtime. */
export const VIRTUAL_DIR = resolve(dirname(fileURLToPath(import.meta.url)), 'virtual');

/** Import line that gives declarations the runtime wrapper types, from a file in VIRTUAL_DIR. */
export function runtimeImport(names: readonly string[]): string {
  return names.length === 0 ? '' : `import type { ${names.join(', ')} } from '../../../generator/runtime/values.ts';\n\n`;
}

/**
 * Type-checks in-memory files (names relative to VIRTUAL_DIR) under `strict`, as the generated
 * output is compiled, and returns the diagnostics as `file:line: message`.
 */
export function typeCheck(files: Record<string, string>): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true,
    skipLibCheck: true,
    types: [],
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  };
  const virtual = new Map(Object.entries(files).map(([name, text]) => [resolve(VIRTUAL_DIR, name), text]));
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  // note: the virtual folder does not exist on disk, so directoryExists reports it as present for module resolution.
  host.fileExists = (name) => virtual.has(resolve(name)) || fileExists.call(host, name);
  host.directoryExists = (name) => resolve(name) === VIRTUAL_DIR || ts.sys.directoryExists(name);
  host.readFile = (name) => virtual.get(resolve(name)) ?? readFile.call(host, name);
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
    const text = virtual.get(resolve(name));
    return text === undefined ? getSourceFile.call(host, name, languageVersion, onError, shouldCreate) : ts.createSourceFile(name, text, languageVersion, true);
  };
  const program = ts.createProgram([...virtual.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (diagnostic.file === undefined || diagnostic.start === undefined) return message;
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${diagnostic.file.fileName}:${line + 1}: ${message}`;
  });
}

/** Positions of `any` used as a type in a source text (comments and strings do not count). */
export function anyTypeUses(text: string): number[] {
  const file = ts.createSourceFile('check.ts', text, ts.ScriptTarget.ES2022, true);
  const lines: number[] = [];
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.AnyKeyword) lines.push(file.getLineAndCharacterOfPosition(node.getStart()).line + 1);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return lines;
}
