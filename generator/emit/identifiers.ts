/**
 * Names and text for generated code: identifiers made from PowerShell names, safe folder and
 * file names, and JSDoc made from markdown help. Every function is pure and deterministic.
 */
import { posix, win32 } from 'node:path';
import { toStringLiteral } from '../model/dotnet-types.ts';
import type { ExampleModel } from '../model/types.ts';

// Identifiers

/**
 * Words that cannot be a binding identifier (variable, parameter or function name) in a strict
 * ES module. These are the reserved words, the strict-mode future reserved words, `await`,
 * `yield`, and the restricted `arguments` and `eval`. `undefined`, `NaN` and `Infinity` compile,
 * but they would shadow the globals, so they are mangled too.
 */
const RESERVED_BINDING_NAMES: ReadonlySet<string> = new Set([
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete',
  'do', 'else', 'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import',
  'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try',
  'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'implements', 'interface',
  'package', 'private', 'protected', 'public', 'arguments', 'eval', 'undefined', 'NaN', 'Infinity',
]);

/**
 * Names a generated type must not take: TypeScript's predefined types, which are errors as
 * declaration names, and the globals that mapped types and runtime imports refer to, which a
 * local declaration would shadow.
 */
const RESERVED_TYPE_NAMES: ReadonlySet<string> = new Set([
  'any', 'unknown', 'never', 'string', 'number', 'boolean', 'symbol', 'bigint', 'object', 'void',
  'undefined', 'null', 'this', 'Array', 'ReadonlyArray', 'Record', 'Partial', 'Required', 'Readonly',
  'Pick', 'Omit', 'Date', 'URL', 'Object', 'String', 'Number', 'Boolean', 'Symbol', 'BigInt',
  'Function', 'Promise', 'Map', 'Set', 'Error', 'RegExp', 'JSON', 'Math', 'SecureStringValue',
  'PSCredentialValue', 'ScriptBlockValue', 'CommandMetadata', 'Invocation', 'Invoker',
]);

const IDENTIFIER_NAME = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;
const WORD_SEPARATOR = /[^\p{L}\p{N}]+/u;

/** True for text that can be written unquoted as a property key (reserved words included). */
export function isIdentifierName(name: string): boolean {
  return IDENTIFIER_NAME.test(name);
}

/** True for a name that cannot be used as a binding identifier in strict mode. */
export function isReservedBindingName(name: string): boolean {
  return RESERVED_BINDING_NAMES.has(name);
}

/**
 * Splits a name into words at separators and at case changes: `IPAddress` gives `IP`, `Address`,
 * and `odata.nextLink` gives `odata`, `next`, `Link`. Digits stay with the word before them.
 */
export function splitWords(name: string): string[] {
  const words: string[] = [];
  for (const part of name.split(WORD_SEPARATOR)) {
    const matches = part.match(/\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?[\p{Ll}\p{Lo}\p{Lm}]+\p{N}*|\p{Lu}+\p{N}*|\p{N}+[\p{Ll}\p{Lo}]*/gu);
    words.push(...(matches ?? []));
  }
  return words;
}

/** Joins the words of `name` in camelCase: the first word in lower case, later words capitalised. */
export function toCamelCase(name: string): string {
  const words = splitWords(name);
  return words.map((word, index) => (index === 0 ? word.toLowerCase() : capitalize(word))).join('');
}

/** Joins the words of `name` in PascalCase, keeping the case of letters after the first. */
export function toPascalCase(name: string): string {
  return splitWords(name).map(capitalize).join('');
}

/**
 * Makes a binding identifier (parameter, local or function name) from a PowerShell name: camelCase,
 * `_` before a leading digit, and `_` after a reserved word (`in` gives `in_`, `default` gives
 * `default_`). Property keys keep the plain name; see `toPropertyKey`.
 */
export function toBindingIdentifier(name: string): string {
  const camel = toCamelCase(name);
  return mangleBinding(camel === '' ? '_' : camel);
}

/** Writes a property key: the name itself when it is an identifier name, else a quoted string. */
export function toPropertyKey(name: string): string {
  return isIdentifierName(name) ? name : toStringLiteral(name);
}

/**
 * Makes a type name: a valid identifier keeps its spelling with the first letter capitalised,
 * anything else is joined in PascalCase. A leading digit gets `_` before it, and a reserved type
 * name gets `_` after it.
 */
export function toTypeName(name: string): string {
  let typeName = isIdentifierName(name) ? capitalize(name) : toPascalCase(name);
  if (typeName === '') {
    typeName = '_';
  }
  if (/^\p{N}/u.test(typeName)) {
    typeName = `_${typeName}`;
  }
  return RESERVED_TYPE_NAMES.has(typeName) ? `${typeName}_` : typeName;
}

/**
 * Makes a function name from a command name: `Get-Content` gives `getContent`, `ConvertTo-Json`
 * gives `convertToJson`, `Get-ADUser` gives `getADUser` (the noun keeps its case). A name
 * without a verb is camelCased.
 */
export function toFunctionName(commandName: string): string {
  const dash = commandName.indexOf('-');
  if (dash <= 0) {
    return toBindingIdentifier(commandName);
  }
  const verb = toCamelCase(commandName.slice(0, dash));
  const noun = splitWords(commandName.slice(dash + 1)).map(capitalize).join('');
  return mangleBinding(`${verb}${noun}` || '_');
}

function mangleBinding(identifier: string): string {
  const withoutDigit = /^\p{N}/u.test(identifier) ? `_${identifier}` : identifier;
  return isReservedBindingName(withoutDigit) ? `${withoutDigit}_` : withoutDigit;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * Maps each name to an identifier made by `toIdentifier`, unique even when compared
 * case-insensitively. When several names give the same identifier (ignoring case), the one that
 * `toIdentifier` changed least keeps it (ties go to the ordinally smallest name) and the others
 * get `_` and a hash of their own original name. The result therefore does not depend on the
 * input order, and adding a name never renames an unrelated one.
 */
export function assignUniqueNames(names: readonly string[], toIdentifier: (name: string) => string): Map<string, string> {
  const groups = new Map<string, string[]>();
  for (const name of [...new Set(names)].sort(compareOrdinal)) {
    const key = toIdentifier(name).toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), name]);
  }

  const result = new Map<string, string>();
  const taken = new Set(groups.keys());
  for (const members of groups.values()) {
    const ranked = [...members].sort((a, b) => changeScore(a, toIdentifier(a)) - changeScore(b, toIdentifier(b)) || compareOrdinal(a, b));
    const [keeper, ...others] = ranked;
    if (keeper === undefined) continue;
    result.set(keeper, toIdentifier(keeper));
    for (const other of others) {
      const base = toIdentifier(other);
      let length = 6;
      let candidate = `${base}_${stableHash(other).slice(0, length)}`;
      while (taken.has(candidate.toLowerCase()) && length < 13) {
        length += 1;
        candidate = `${base}_${stableHash(other).slice(0, length)}`;
      }
      taken.add(candidate.toLowerCase());
      result.set(other, candidate);
    }
  }
  return result;
}

/** 0 when the identifier equals the name up to the case of its first letter, 1 when only case differs, else 2. */
function changeScore(name: string, identifier: string): number {
  if (identifier === name || identifier === name.charAt(0).toLowerCase() + name.slice(1)) return 0;
  return identifier.toLowerCase() === name.toLowerCase() ? 1 : 2;
}

/** Compares strings by UTF-16 code units, the same on every machine and locale. */
export function compareOrdinal(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** 64-bit FNV-1a hash of the UTF-8 bytes of `text`, as 13 base-36 digits. */
export function stableHash(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(36).padStart(13, '0');
}

// File and folder names

const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
const UNSAFE_PATH_CHARACTERS = /[<>:"/\\|?*]/g;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const MAX_SEGMENT_LENGTH = 120;

/**
 * Makes one folder or file name from untrusted text such as a module name or command name, so
 * it cannot leave its folder or fail on Windows:
 * - control and bidirectional-override characters are removed;
 * - `/ \ : * ? " < > |` become `_`;
 * - leading dots (`..`, hidden files) become `_`, and trailing dots and spaces are dropped;
 * - device names such as `CON` or `com1.ts` get `_` after the stem;
 * - names over 120 characters are cut and end in a hash of the whole name.
 */
export function toSafePathSegment(name: string): string {
  let segment = name.normalize('NFC').replace(CONTROL_CHARACTERS, '').replace(UNSAFE_PATH_CHARACTERS, '_').trim();
  segment = segment.replace(/^\.+/, (dots) => '_'.repeat(dots.length)).replace(/[. ]+$/, '');
  if (segment === '') {
    return '_';
  }

  const dot = segment.indexOf('.');
  const stem = (dot < 0 ? segment : segment.slice(0, dot)).trimEnd();
  if (WINDOWS_DEVICE_NAME.test(stem)) {
    segment = `${stem}_${dot < 0 ? '' : segment.slice(dot)}`;
  }
  if (segment.length > MAX_SEGMENT_LENGTH) {
    segment = `${segment.slice(0, MAX_SEGMENT_LENGTH - 14).replace(/[. ]+$/, '')}_${stableHash(name)}`;
  }
  return segment;
}

/**
 * Joins sanitized segments under `root` and checks that the result stays inside it.
 *
 * @param root Output folder, absolute or relative, in POSIX or Windows form.
 * @param segments Untrusted names, each sanitized with `toSafePathSegment`.
 * @returns The joined path, in the separator style of `root`.
 * @throws Error when the joined path would fall outside `root`, which sanitizing should prevent.
 */
export function resolveInside(root: string, ...segments: string[]): string {
  const path = /^[A-Za-z]:|\\/.test(root) ? win32 : posix;
  const joined = path.join(root, ...segments.map(toSafePathSegment));
  const relative = path.relative(path.resolve(root), path.resolve(joined));
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new Error(`Invalid output path: segments ${JSON.stringify(segments)} under ${JSON.stringify(root)} resolve outside the output folder. Pass at least one file or folder name.`);
  }
  return joined;
}

/** Output paths that name one file on a case-insensitive file system (Windows, default macOS). */
export interface PathClash<T> {
  /** The path in folded form. */
  key: string;
  /** The clashing entries, sorted by path. */
  entries: T[];
}

/**
 * Finds output paths that differ only in letter case, Unicode normalization or slash direction,
 * such as `Alpha/getWidgetDb.ts` and `alpha/getWidgetDB.ts`. Clashes come back sorted by key.
 */
export function findCaseInsensitiveClashes<T extends { path: string }>(entries: readonly T[]): PathClash<T>[] {
  const groups = new Map<string, T[]>();
  for (const entry of entries) {
    const key = entry.path.normalize('NFC').replace(/\\/g, '/').toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  return [...groups]
    .filter(([, members]) => new Set(members.map((member) => member.path)).size > 1)
    .map(([key, members]) => ({ key, entries: [...members].sort((a, b) => compareOrdinal(a.path, b.path)) }))
    .sort((a, b) => compareOrdinal(a.key, b.key));
}

// JSDoc

/** One block tag of a JSDoc comment, such as `@example` or `@param name text`. */
export interface JsDocTag {
  tag: string;
  text: string;
}

/** HTML elements help text uses; a tag with another name (`<IWidget>`, `<String>`) is a type and stays visible. */
const HTML_ELEMENTS: ReadonlySet<string> = new Set([
  'a', 'abbr', 'b', 'blockquote', 'br', 'code', 'dd', 'del', 'div', 'dl', 'dt', 'em', 'font', 'h1',
  'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'ol', 'p', 'pre', 's', 'small',
  'span', 'strike', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'tt', 'u', 'ul',
]);

/** An HTML tag or an angle-bracket type name such as `<IWidget[]>`; nested brackets are not matched. */
const ANGLE_TAG = /<(\/?)([A-Za-z][\w.-]*)([^<>\n]*)>/g;

/**
 * Turns markdown help text into text that is safe inside a `/** ... *\/` comment and reads well
 * in editor hovers:
 * - `*\/` is written `*\/` so it cannot end the comment, and an `@` that starts a line is escaped
 *   so it does not start a tag;
 * - HTML elements are dropped (`<br>` and `<p>` become line breaks, `<li>` a `- ` item,
 *   `<a href>` a markdown link), while angle-bracket type names such as `<IWidget>` are wrapped
 *   in backticks;
 * - links to other help pages (`[Get-Item](Get-Item.md)`) become their text, empty link text is
 *   replaced by the URL, and `<https://...>` autolinks by the bare URL;
 * - code spans and fenced code are kept apart from the steps above, except the `*\/` escape.
 */
export function escapeJsDocText(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const output: string[] = [];
  let fence: string | null = null;
  for (const line of lines) {
    const fenceMark = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== null || fenceMark !== undefined) {
      output.push(escapeCommentEnd(line.trimEnd()));
      if (fenceMark !== undefined && (fence === null || fenceMark.startsWith(fence))) {
        fence = fence === null ? fenceMark : null;
      }
      continue;
    }
    output.push(...escapeProseLine(line).split('\n'));
  }
  return collapseBlankLines(output.map((line) => line.trimEnd()));
}

function escapeProseLine(line: string): string {
  const parts = line.split(/(`+[^`]*`+)/);
  const text = parts.map((part, index) => (index % 2 === 1 ? part : rewriteProse(part))).join('');
  return escapeCommentEnd(text).replace(/^(\s*)@/gm, '$1\\@');
}

function rewriteProse(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(https?:\/\/[^\s<>]+)>/g, '$1')
    .replace(/<a\s+[^>]*href\s*=\s*["']([^"']*)["'][^>]*>([\s\S]*?)<\/a\s*>/gi, '[$2]($1)')
    .replace(ANGLE_TAG, (tag, closing: string, name: string) => rewriteTag(tag, closing === '/', name))
    .replace(/\[([^\]]*)\]\(([^)\s]*)(?:\s+"[^"]*")?\)/g, (_link, label: string, url: string) => rewriteLink(label, url));
}

function rewriteTag(tag: string, closing: boolean, name: string): string {
  const lower = name.toLowerCase();
  const isHtml = HTML_ELEMENTS.has(lower) && (name === lower || name === name.toUpperCase());
  if (!isHtml) {
    return `\`${tag}\``;
  }
  if (lower === 'br' || lower === 'hr') return '\n';
  if (lower === 'p' || lower === 'div') return closing ? '\n' : '';
  if (lower === 'li') return closing ? '' : '\n- ';
  if (lower === 'code' || lower === 'tt' || lower === 'kbd') return '`';
  if (lower === 'b' || lower === 'strong') return '**';
  if (lower === 'i' || lower === 'em') return '_';
  return '';
}

function rewriteLink(label: string, url: string): string {
  const text = label.trim();
  if (!/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    return text === '' ? url : text;
  }
  return text === '' || text === url ? url : `[${text}](${url})`;
}

function escapeCommentEnd(text: string): string {
  return text.replace(/\*\//g, '*\\/');
}

function collapseBlankLines(lines: string[]): string {
  const result: string[] = [];
  for (const line of lines) {
    if (line === '' && (result.length === 0 || result.at(-1) === '')) continue;
    result.push(line);
  }
  while (result.at(-1) === '') result.pop();
  return result.join('\n');
}

/**
 * Makes an `@example` tag from a help example: its title, each code block fenced as
 * `powershell`, then the remarks. All parts are escaped with `escapeJsDocText`.
 */
export function toExampleTag(example: ExampleModel): JsDocTag {
  const parts: string[] = [];
  // The tag's first line is its title; an untitled example starts its code on the next line.
  const title = example.title.replace(/^#+\s*/, '').trim();
  parts.push(title === '' ? '' : escapeJsDocText(title).replace(/\n/g, ' '));
  for (const code of example.code) {
    const body = code.replace(/\r\n?/g, '\n').replace(/^\n+|\s+$/g, '');
    if (body === '') continue;
    const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
    parts.push(escapeJsDocText(`${fence}powershell\n${body}\n${fence}`));
  }
  const remarks = escapeJsDocText(example.remarks);
  if (remarks !== '') parts.push(remarks);
  return { tag: 'example', text: parts.join('\n') };
}

function longestRun(text: string, character: string): number {
  let longest = 0;
  let current = 0;
  for (const next of text) {
    current = next === character ? current + 1 : 0;
    longest = Math.max(longest, current);
  }
  return longest;
}

/**
 * Writes a whole JSDoc comment. `description` is markdown and is escaped here; tag texts are
 * escaped too, except those made by `toExampleTag`, which are already. Returns an empty string
 * when there is nothing to write.
 *
 * @param indent Text put before every line, such as two spaces inside an interface.
 */
export function renderJsDoc(description: string, tags: readonly JsDocTag[] = [], indent = ''): string {
  const body: string[] = [];
  const text = escapeJsDocText(description);
  if (text !== '') body.push(...text.split('\n'));
  for (const tag of tags) {
    const tagText = tag.tag === 'example' ? tag.text : escapeJsDocText(tag.text);
    const [first = '', ...rest] = tagText.split('\n');
    if (body.length > 0 && tag === tags[0]) body.push('');
    body.push(first === '' ? `@${tag.tag}` : `@${tag.tag} ${first}`, ...rest);
  }
  if (body.length === 0) {
    return '';
  }
  if (body.length === 1 && tags.length === 0) {
    return `${indent}/** ${body[0]} */`;
  }
  const lines = body.map((line) => (line === '' ? `${indent} *` : `${indent} * ${line}`));
  return [`${indent}/**`, ...lines, `${indent} */`].join('\n');
}
