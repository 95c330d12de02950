import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

// The plugin boundary: plugins import the host through its plugin API (src/plugin-api) only, and
// its spec-only module (src/plugin-api/testing) from *.spec.ts files only.

export const ROOT = path.resolve(__dirname, '../..');
const SRC = path.join(ROOT, 'src');
/** The entry module (src/plugin-api/index.ts) and the spec-only module (src/plugin-api/testing.ts), without extension. */
export const ENTRY = path.join(SRC, 'plugin-api');
export const SPEC_ONLY = path.join(ENTRY, 'testing');

/** Where plugins live: the real ones, and the test fixture plugins. */
export const PLUGIN_FOLDERS = [path.join(ROOT, 'plugins'), path.join(ROOT, 'test/fixtures/plugins')];

const SOURCE = /\.[cm]?[jt]sx?$/;
const MOCKS = new Set(['mock', 'doMock', 'unmock', 'doUnmock', 'importActual', 'importMock']);

/** Every source file under `dir`, recursively (node_modules left out). */
export function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(full);
    return e.isFile() && SOURCE.test(e.name) ? [full] : [];
  });
}

function literal(node: ts.Node | undefined): string | null {
  return node && ts.isStringLiteralLike(node) ? node.text : null;
}

/** A module `node` names: import / export ... from, import x = require(), import(), require(), import types, vi.mock(). */
function specifierOf(node: ts.Node): string | null {
  if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return literal(node.moduleSpecifier);
  if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) return literal(node.moduleReference.expression);
  if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) return literal(node.argument.literal);
  if (!ts.isCallExpression(node)) return null;
  const callee = node.expression;
  const loads = callee.kind === ts.SyntaxKind.ImportKeyword
    || (ts.isIdentifier(callee) && callee.text === 'require')
    || (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'vi' && MOCKS.has(callee.name.text));
  return loads ? literal(node.arguments[0]) : null;
}

/** Every module specifier of a source text, in order of appearance. */
export function moduleSpecifiers(fileName: string, text: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    const specifier = specifierOf(node);
    if (specifier !== null) found.push(specifier);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true));
  return found;
}

/** The module a relative or absolute specifier points at, without extension nor trailing /index. */
function targetOf(file: string, specifier: string): string {
  return path.resolve(path.dirname(file), specifier).replace(SOURCE, '').replace(/[/\\]index$/, '');
}

const inside = (p: string, dir: string) => p === dir || p.startsWith(dir + path.sep);

/** Why `file` (a plugin's source file) may not import `specifier`, or null when it may. */
export function boundaryProblem(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.') && !path.isAbsolute(specifier)) return null; // a package: zod, vitest, node:fs...
  const target = targetOf(file, specifier);
  if (!inside(target, SRC) || target === ENTRY) return null;
  const entry = path.relative(path.dirname(file), ENTRY);
  if (target === SPEC_ONLY) {
    return /\.spec\.[cm]?[jt]sx?$/.test(file) ? null : `imports '${specifier}', the spec-only module of the plugin API, outside a *.spec.ts file`;
  }
  return `imports '${specifier}' (${path.relative(ROOT, target)}): plugins import the host only through '${entry}'`;
}

/** The boundary problems of a plugin source file's text, each naming the file and the import. */
export function problemsIn(file: string, text: string): string[] {
  return moduleSpecifiers(file, text).flatMap((s) => {
    const problem = boundaryProblem(file, s);
    return problem ? [`${path.relative(ROOT, file)}: ${problem}`] : [];
  });
}

/** The boundary problems of one file on disk; a file deleted meanwhile has none. */
export function problemsOf(file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []; // e.g. a plugin:new test's scratch plugin, just removed
    throw err;
  }
  return problemsIn(file, text);
}

/** Why loading the plugin API may not load `modulePath` (a resolved file), or null when it may. */
export function forbiddenLoad(modulePath: string): string | null {
  const p = modulePath.split(path.sep).join('/');
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(p)?.[1];
  if (pkg && ['type-graphql', 'graphql', 'reflect-metadata', 'typeorm', 'better-sqlite3', 'mysql2', 'vitest', '@vitest/runner'].includes(pkg)) return `the package ${pkg}`;
  if (pkg) return null;
  const rel = path.relative(ROOT, modulePath).split(path.sep).join('/');
  if (/^src\/(db|graphql|server)\//.test(rel)) return `host code ${rel}`;
  if (/\.(entity|resolver|query|type|input|loader)\.ts$/.test(rel)) return `database or GraphQL code ${rel}`;
  return null;
}
