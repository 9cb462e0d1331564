import type { SyntaxParameter } from '../model/types.ts';

/**
 * Grammar of one SYNTAX code block, as PlatyPS and Get-Help write it:
 *
 *   `-Name <T>` mandatory, `[-Name <T>]` optional, `[-Name] <T>` mandatory positional,
 *   `[[-Name] <T>]` optional positional, `[-Name]` optional switch, `-Name` mandatory switch,
 *   `[-Name [<SwitchParameter>]]` optional switch, `[<CommonParameters>]` the common parameters.
 *
 * Types may contain spaces and nested brackets (`<string []>`, `<List<String>>`). A type glued to
 * the name (`-Count<Int32>`) and a literal value in place of a type (`-Kind Private`) are read too.
 */
export interface SyntaxLine {
  command: string;
  parameters: SyntaxParameter[];
  commonParameters: boolean;
}

type Token =
  | { kind: 'open' }
  | { kind: 'close' }
  | { kind: 'name'; text: string }
  | { kind: 'type'; text: string }
  | { kind: 'word'; text: string };

const DASHES = new Set(['-', '\u2013', '\u2014', '\u2015']);

/** Reads the text of one syntax code block (wrapped lines allowed). */
export function parseSyntaxLine(text: string): SyntaxLine {
  const tokens = tokenize(text);
  const first = tokens[0];
  const command = first?.kind === 'word' ? first.text : '';
  const state: ParseState = { tokens, index: command ? 1 : 0, parameters: [], commonParameters: false };
  parseSequence(state, false);
  return { command, parameters: state.parameters, commonParameters: state.commonParameters };
}

interface ParseState {
  tokens: Token[];
  index: number;
  parameters: SyntaxParameter[];
  commonParameters: boolean;
}

function parseSequence(state: ParseState, optional: boolean): void {
  while (state.index < state.tokens.length) {
    const token = state.tokens[state.index]!;
    if (token.kind === 'close') {
      if (optional) return;
      state.index += 1;
      continue;
    }
    if (token.kind === 'open') {
      parseGroup(state, optional);
    } else if (token.kind === 'name') {
      parseNamed(state, !optional, false);
    } else {
      if (token.kind === 'type' && token.text === 'CommonParameters') state.commonParameters = true;
      state.index += 1;
    }
  }
}

/** Parses a `[ ... ]` group starting at an `open` token. */
function parseGroup(state: ParseState, optional: boolean): void {
  const { tokens } = state;
  const start = state.index;
  const name = tokens[start + 1];
  // `[-Name] <T>` and `[-Name]`: the brackets hold the name alone.
  if (name?.kind === 'name' && tokens[start + 2]?.kind === 'close') {
    const type = tokens[start + 3];
    if (type?.kind === 'type') {
      state.parameters.push({ name: name.text, type: type.text, mandatory: !optional, positional: true });
      state.index = start + 4;
    } else {
      state.parameters.push({ name: name.text, type: null, mandatory: false, positional: false });
      state.index = start + 3;
    }
    return;
  }
  state.index = start + 1;
  parseSequence(state, true);
  if (tokens[state.index]?.kind === 'close') state.index += 1;
}

/** Parses `-Name`, `-Name <T>`, `-Name [<T>]` or `-Name literal` starting at a `name` token. */
function parseNamed(state: ParseState, mandatory: boolean, positional: boolean): void {
  const { tokens } = state;
  const name = tokens[state.index] as { kind: 'name'; text: string };
  const next = tokens[state.index + 1];
  if (next?.kind === 'type') {
    state.parameters.push({ name: name.text, type: next.text, mandatory, positional });
    state.index += 2;
    return;
  }
  // `-Name [<SwitchParameter>]`: a switch whose value may be given.
  if (next?.kind === 'open' && tokens[state.index + 2]?.kind === 'type' && tokens[state.index + 3]?.kind === 'close') {
    state.parameters.push({ name: name.text, type: null, mandatory, positional });
    state.index += 4;
    return;
  }
  // `-Name literal`: an example value written in place of the type.
  if (next?.kind === 'word') {
    state.parameters.push({ name: name.text, type: '', mandatory, positional });
    state.index += 2;
    return;
  }
  state.parameters.push({ name: name.text, type: null, mandatory, positional });
  state.index += 1;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (/\s/.test(char)) {
      i += 1;
    } else if (char === '[') {
      tokens.push({ kind: 'open' });
      i += 1;
    } else if (char === ']') {
      tokens.push({ kind: 'close' });
      i += 1;
    } else if (char === '<') {
      const end = matchingAngle(text, i);
      tokens.push({ kind: 'type', text: text.slice(i + 1, end).replace(/\s+/g, ' ').trim() });
      i = end + 1;
    } else {
      let end = i + 1;
      while (end < text.length && !/[\s[\]<]/.test(text[end]!)) end += 1;
      const word = text.slice(i, end);
      const name = DASHES.has(char) ? /^[\p{L}_][\p{L}\p{N}_]*/u.exec(word.slice(1))?.[0] : undefined;
      if (name === undefined) {
        tokens.push({ kind: 'word', text: word });
      } else {
        // `-Enabled:$true` names the parameter and a literal value; other trailing characters are typos.
        tokens.push({ kind: 'name', text: name });
        const rest = word.slice(1 + name.length);
        if (rest.startsWith(':') && rest.length > 1) tokens.push({ kind: 'word', text: rest.slice(1) });
      }
      i = end;
    }
  }
  return tokens;
}

/** Index of the `>` closing the `<` at `start`, counting nested pairs; the text end if unbalanced. */
function matchingAngle(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i += 1) {
    if (text[i] === '<') depth += 1;
    else if (text[i] === '>') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return text.length;
}
