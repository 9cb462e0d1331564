import { headingText, type Block, type CodeBlock } from './blocks.ts';

/**
 * Reads top-level CommonMark blocks line by line: the container algorithm of the CommonMark spec
 * ("Appendix: A parsing strategy") without inline parsing. It returns the same headings and code
 * blocks as remark-parse (micromark 4), because the section readers need only block boundaries,
 * code values and heading lines. Over the 1,881 corpus docs on a 2-core machine it took about
 * 1 s where remark-parse took about 55 s.
 *
 * Where micromark is known or suspected to differ from this reader, it returns null and the
 * caller falls back to remark-parse. That happens for a NUL character, a tab only partly used as
 * indentation, a backslash or `&` in a fence's info string, and a link reference definition at
 * the start of a setext heading.
 */
export function scanBlocks(text: string, lines: readonly string[]): Block[] | null {
  if (text.includes('\0')) return null;
  const scanner = new Scanner(lines);
  // micromark ignores a byte-order mark at the very start of the text.
  const source = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split('\n');
  // Like micromark, a final line ending does not start one more (empty) line.
  const count = text.endsWith('\n') ? source.length - 1 : source.length;
  for (let index = 0; index < count; index++) {
    if (!scanner.addLine(source[index]!, index + 1)) return null;
  }
  scanner.finish(source.length, text.endsWith('\n'));
  return scanner.blocks;
}

type Kind = 'document' | 'quote' | 'list' | 'item' | 'paragraph' | 'heading' | 'thematic' | 'fenced' | 'indented' | 'html';

interface Node {
  kind: Kind;
  parent: Node | null;
  lastChild: Node | null;
  open: boolean;
  startLine: number;
  endLine: number;
  /** List item: columns of the marker's indentation plus marker and padding. */
  contentIndent: number;
  /** List item: the item has at least one child block. */
  hasChildren: boolean;
  /** List item: a blank line followed the empty first line, so the next non-blank line ends it. */
  endsAtText: boolean;
  /** Fenced code: fence character, length and the opening fence's indentation. */
  fenceChar: string;
  fenceLength: number;
  fenceOffset: number;
  info: string;
  /** Fenced code: a closing fence was found. */
  closed: boolean;
  /** HTML block: start condition 1 to 7 of the spec. */
  htmlType: number;
  /** Code lines, kept for top-level code blocks only. */
  code: string[] | null;
  /**
   * Indented code that starts on a line where an open container was not continued: micromark
   * ends it on that line.
   */
  endsHere: boolean;
  /** Indented code: how many of the last lines are blank and indented by less than four columns. */
  blankTail: number;
  /** Heading: level 1 to 6. */
  level: number;
  /** Paragraph: its first line starts with `[`, so it may begin with a link reference definition. */
  maybeDefinition: boolean;
}

const CODE_INDENT = 4;
const MAYBE_SPECIAL = /^[#`~*+_=<>0-9-]/;
const ATX_HEADING = /^#{1,6}(?:[ \t]+|$)/;
const CODE_FENCE = /^`{3,}(?!.*`)|^~{3,}/;
const CLOSING_FENCE = /^(?:`{3,}|~{3,})(?=[ \t]*$)/;
const SETEXT_LINE = /^(?:=+|-+)[ \t]*$/;
const THEMATIC_BREAK = /^(?:\*[ \t]*){3,}$|^(?:_[ \t]*){3,}$|^(?:-[ \t]*){3,}$/;
const BULLET = /^[*+-]/;
const ORDERED = /^(\d{1,9})([.)])/;
const NON_SPACE = /[^ \t\f\v\r\n]/;

class Scanner {
  readonly blocks: Block[] = [];
  private readonly document: Node = createNode('document', null, 0);
  private tip: Node = this.document;
  private oldTip: Node = this.document;
  private lastMatched: Node = this.document;
  private allClosed = true;
  private line = '';
  private lineNumber = 0;
  private offset = 0;
  private column = 0;
  private nextNonspace = 0;
  private nextNonspaceColumn = 0;
  private indent = 0;
  private indented = false;
  private blank = false;
  private partialTab = false;
  private finalNewline = false;
  private itemInterrupts = false;

  constructor(private readonly sourceLines: readonly string[]) {}

  /** Incorporates one line; false when the line needs remark-parse. */
  addLine(line: string, lineNumber: number): boolean {
    this.line = line;
    this.lineNumber = lineNumber;
    this.offset = 0;
    this.column = 0;
    this.blank = false;
    this.partialTab = false;
    this.oldTip = this.tip;

    // 1. Match the open containers.
    let container = this.document;
    while (container.lastChild?.open) {
      const child = container.lastChild;
      this.findNextNonspace();
      const result = this.continues(child);
      if (result === 'consumed') return !this.partialTab;
      if (result === 'failed') break;
      container = child;
    }
    if (this.partialTab) return false;
    this.allClosed = container === this.oldTip;
    this.lastMatched = container;

    // 2. Open new blocks. micromark decides once per line, before any new container, whether a
    // list item would interrupt: every container continued and a paragraph or indented code is
    // open, even across blank lines for indented code.
    const tip = this.tip;
    this.itemInterrupts = !this.leavesContainerOpen() && (tip.kind === 'paragraph' || (tip.kind === 'indented' && !tip.endsHere));
    let matchedLeaf = container.kind !== 'paragraph' && acceptsLines(container.kind);
    while (!matchedLeaf) {
      this.findNextNonspace();
      if (!this.indented && !MAYBE_SPECIAL.test(this.line.slice(this.nextNonspace))) {
        this.advanceNextNonspace();
        break;
      }
      const started = this.startBlock(container);
      if (started === null) return false;
      if (started === 'none') {
        this.advanceNextNonspace();
        break;
      }
      if (started === 'lazy') return true;
      container = this.tip;
      if (started === 'leaf') matchedLeaf = true;
    }
    if (this.partialTab) return false;

    // 3. The rest of the line is text: a lazy paragraph line, content of the tip, or a paragraph.
    if (!this.allClosed && !this.blank && this.tip.kind === 'paragraph') {
      this.tip.endLine = lineNumber;
      return true;
    }
    this.closeUnmatched();
    if (acceptsLines(container.kind)) {
      const opening = container.startLine === lineNumber;
      // The opening fence is not part of the code.
      if (container.kind === 'fenced' && opening) return true;
      container.endLine = lineNumber;
      if (container.code) {
        container.code.push(this.line.slice(this.offset));
        container.blankTail = container.kind === 'indented' && this.blank && this.indent < CODE_INDENT ? container.blankTail + 1 : 0;
      }
      if (container.kind === 'html' && htmlBlockEnds(container.htmlType, this.line.slice(this.offset), opening)) {
        this.finalize(container, lineNumber);
      }
    } else if (this.offset < this.line.length && !this.blank) {
      const paragraph = this.addChild('paragraph');
      this.advanceNextNonspace();
      paragraph.maybeDefinition = this.line.charAt(this.offset) === '[';
    }
    return true;
  }

  /**
   * Closes every open block at the end of the document. `endLine` is the line of the end of file,
   * which micromark gives as the end of a fenced block that is never closed. `finalNewline` is
   * true when the text ends with a line ending.
   */
  finish(endLine: number, finalNewline: boolean): void {
    this.finalNewline = finalNewline;
    while (this.tip !== this.document) {
      const node = this.tip;
      this.finalize(node, node.kind === 'fenced' ? endLine : this.lineNumber);
    }
  }

  private continues(node: Node): 'matched' | 'failed' | 'consumed' {
    switch (node.kind) {
      case 'quote':
        if (!this.indented && this.line.charAt(this.nextNonspace) === '>') {
          this.advanceNextNonspace();
          this.advanceOffset(1, false);
          if (isSpaceOrTab(this.line.charAt(this.offset))) this.advanceOffset(1, true);
          return 'matched';
        }
        return 'failed';
      case 'list':
        return 'matched';
      case 'item':
        if (this.blank) {
          // An item that starts with a blank line ends at the next non-blank line. micromark
          // keeps it open over the blank lines, so that next line counts as a lazy line.
          if (!node.hasChildren) node.endsAtText = true;
          this.advanceNextNonspace();
          return 'matched';
        }
        if (node.endsAtText) return 'failed';
        if (this.indent >= node.contentIndent) {
          this.advanceOffset(node.contentIndent, true);
          return 'matched';
        }
        return 'failed';
      case 'fenced': {
        const rest = this.line.slice(this.nextNonspace);
        const closing = this.indent <= 3 && rest.charAt(0) === node.fenceChar ? CLOSING_FENCE.exec(rest) : null;
        if (closing && closing[0].length >= node.fenceLength) {
          node.closed = true;
          this.finalize(node, this.lineNumber);
          return 'consumed';
        }
        // Up to the opening fence's indentation is removed from each line.
        for (let left = node.fenceOffset; left > 0; left--) {
          const char = this.line.charAt(this.offset);
          if (char === '\t') this.partialTab = true;
          if (char !== ' ') break;
          this.advanceOffset(1, true);
        }
        return 'matched';
      }
      case 'indented':
        if (node.endsHere) return 'failed';
        if (this.indent >= CODE_INDENT) {
          this.advanceOffset(CODE_INDENT, true);
          return 'matched';
        }
        if (this.blank) {
          this.advanceNextNonspace();
          return 'matched';
        }
        return 'failed';
      case 'html':
        return this.blank && node.htmlType >= 6 ? 'failed' : 'matched';
      case 'paragraph':
        return this.blank ? 'failed' : 'matched';
      default:
        return 'failed';
    }
  }

  /**
   * Tries each block start in the spec's order. Returns what started: 'container', 'leaf', 'lazy'
   * (an HTML block that took the whole lazy line), 'none', or null to give up.
   */
  private startBlock(container: Node): 'container' | 'leaf' | 'lazy' | 'none' | null {
    const rest = this.line.slice(this.nextNonspace);
    const first = rest.charAt(0);
    const lazy = !this.allClosed && !this.blank && this.tip.kind === 'paragraph';
    if (!this.indented) {
      // Block quote.
      if (first === '>') {
        this.advanceNextNonspace();
        this.advanceOffset(1, false);
        if (isSpaceOrTab(this.line.charAt(this.offset))) this.advanceOffset(1, true);
        this.closeUnmatched();
        this.addChild('quote');
        return 'container';
      }
      // ATX heading.
      if (first === '#' && ATX_HEADING.test(rest)) {
        this.advanceNextNonspace();
        this.closeUnmatched();
        const heading = this.addChild('heading');
        heading.level = /^#+/.exec(rest)![0].length;
        this.finalize(heading, this.lineNumber);
        this.offset = this.line.length;
        return 'leaf';
      }
      // Fenced code.
      const fence = first === '`' || first === '~' ? CODE_FENCE.exec(rest) : null;
      if (fence) {
        if (this.line.slice(0, this.nextNonspace).includes('\t')) return null;
        const info = rest.slice(fence[0].length).trim();
        if (info.includes('\\') || info.includes('&')) return null;
        this.closeUnmatched();
        const code = this.addChild('fenced');
        code.fenceChar = first;
        code.fenceLength = fence[0].length;
        code.fenceOffset = this.indent;
        code.info = fencedInfo(rest.slice(fence[0].length));
        this.advanceNextNonspace();
        this.advanceOffset(fence[0].length, false);
        return 'leaf';
      }
      // HTML block.
      if (first === '<') {
        const type = htmlBlockStart(rest);
        if (type === 7 && lazy) {
          // micromark (not the spec) lets a complete tag on a lazy line end the paragraph and
          // start an HTML block inside the paragraph's own container.
          this.finalize(this.tip, this.lineNumber - 1);
          const html = this.addChild('html');
          html.htmlType = 7;
          return 'lazy';
        }
        if (type !== 0 && (type < 7 || (container.kind !== 'paragraph' && !lazy))) {
          this.closeUnmatched();
          const html = this.addChild('html');
          html.htmlType = type;
          return 'leaf';
        }
      }
      // Setext heading underline.
      if (container.kind === 'paragraph' && (first === '=' || first === '-') && SETEXT_LINE.test(rest)) {
        if (container.maybeDefinition) return null;
        this.closeUnmatched();
        container.kind = 'heading';
        container.level = first === '=' ? 1 : 2;
        this.finalize(container, this.lineNumber);
        this.offset = this.line.length;
        return 'leaf';
      }
      // Thematic break.
      if ((first === '*' || first === '-' || first === '_') && THEMATIC_BREAK.test(rest)) {
        this.closeUnmatched();
        const rule = this.addChild('thematic');
        this.finalize(rule, this.lineNumber);
        this.offset = this.line.length;
        return 'leaf';
      }
    }
    // List item.
    if (!this.indented || container.kind === 'list') {
      const contentIndent = this.parseListMarker(container);
      if (contentIndent !== null) {
        this.closeUnmatched();
        if (this.tip.kind !== 'list') this.addChild('list');
        const item = this.addChild('item');
        item.contentIndent = contentIndent;
        return 'container';
      }
    }
    // Indented code.
    if (this.indented && this.tip.kind !== 'paragraph' && !this.blank) {
      const lazyLine = !this.allClosed && this.leavesContainerOpen();
      this.advanceOffset(CODE_INDENT, true);
      this.closeUnmatched();
      const code = this.addChild('indented');
      code.endsHere = lazyLine;
      return 'leaf';
    }
    return 'none';
  }

  /** Reads a list marker; returns the item's content indentation in columns, or null. */
  private parseListMarker(container: Node): number | null {
    if (this.indent >= 4) return null;
    const rest = this.line.slice(this.nextNonspace);
    // An item that interrupts a paragraph must have content and, if ordered, start at 1.
    const interrupts = container.kind === 'paragraph' || this.itemInterrupts;
    let marker: string;
    if (BULLET.test(rest)) {
      marker = rest.charAt(0);
    } else {
      const ordered = ORDERED.exec(rest);
      if (!ordered || (interrupts && ordered[1] !== '1')) return null;
      marker = ordered[0];
    }
    const after = rest.charAt(marker.length);
    if (after !== '' && after !== ' ' && after !== '\t') return null;
    if (interrupts && !NON_SPACE.test(rest.slice(marker.length))) return null;

    const markerOffset = this.indent;
    this.advanceNextNonspace();
    this.advanceOffset(marker.length, true);
    const spacesStartColumn = this.column;
    const spacesStartOffset = this.offset;
    do {
      this.advanceOffset(1, true);
    } while (this.column - spacesStartColumn < 5 && isSpaceOrTab(this.line.charAt(this.offset)));
    const blankItem = this.offset >= this.line.length;
    const spacesAfterMarker = this.column - spacesStartColumn;
    let padding: number;
    if (spacesAfterMarker >= 5 || spacesAfterMarker < 1 || blankItem) {
      padding = marker.length + 1;
      this.column = spacesStartColumn;
      this.offset = spacesStartOffset;
      this.partialTab = false;
      if (isSpaceOrTab(this.line.charAt(this.offset))) this.advanceOffset(1, true);
    } else {
      padding = marker.length + spacesAfterMarker;
    }
    return markerOffset + padding;
  }

  private findNextNonspace(): void {
    const line = this.line;
    let index = this.offset;
    let column = this.column;
    for (;;) {
      const char = line.charCodeAt(index);
      if (char === 32) {
        index++;
        column++;
      } else if (char === 9) {
        index++;
        column += 4 - (column % 4);
      } else {
        break;
      }
    }
    this.blank = index >= line.length;
    this.nextNonspace = index;
    this.nextNonspaceColumn = column;
    this.indent = column - this.column;
    this.indented = this.indent >= CODE_INDENT;
  }

  private advanceNextNonspace(): void {
    this.offset = this.nextNonspace;
    this.column = this.nextNonspaceColumn;
  }

  /** Moves past `count` characters, or `count` columns when `columns` is set (tabs count to the next stop). */
  private advanceOffset(count: number, columns: boolean): void {
    const line = this.line;
    while (count > 0 && this.offset < line.length) {
      if (line.charCodeAt(this.offset) === 9) {
        const width = 4 - (this.column % 4);
        if (columns) {
          if (width > count) {
            // The tab is only partly indentation; micromark and the spec expand it differently.
            this.partialTab = true;
            this.column += count;
            count = 0;
          } else {
            this.column += width;
            this.offset++;
            count -= width;
          }
        } else {
          this.column += width;
          this.offset++;
          count--;
        }
      } else {
        this.offset++;
        this.column++;
        count--;
      }
    }
  }

  /** True when a block quote or list item that this line did not continue is still open. */
  private leavesContainerOpen(): boolean {
    for (let node = this.oldTip; node !== this.lastMatched; node = node.parent!) {
      if (node.kind === 'quote' || node.kind === 'item') return true;
    }
    return false;
  }

  private closeUnmatched(): void {
    if (this.allClosed) return;
    while (this.oldTip !== this.lastMatched) {
      const parent = this.oldTip.parent!;
      this.finalize(this.oldTip, this.lineNumber - 1);
      this.oldTip = parent;
    }
    this.allClosed = true;
  }

  private addChild(kind: Kind): Node {
    while (!canContain(this.tip.kind, kind)) this.finalize(this.tip, this.lineNumber - 1);
    const node = createNode(kind, this.tip, this.lineNumber);
    this.tip.lastChild = node;
    this.tip.hasChildren = true;
    this.tip = node;
    if (node.parent === this.document && (kind === 'fenced' || kind === 'indented')) node.code = [];
    return node;
  }

  private finalize(node: Node, lineNumber: number): void {
    node.open = false;
    if (!acceptsLines(node.kind) || node.kind === 'fenced') node.endLine = Math.max(node.endLine, lineNumber);
    this.tip = node.parent ?? this.document;
    if (node.parent === this.document) this.blocks.push(this.toBlock(node));
  }

  private toBlock(node: Node): Block {
    const { startLine, endLine } = node;
    if (node.kind === 'heading') {
      return { type: 'heading', depth: node.level, text: headingText(this.sourceLines[startLine - 1] ?? ''), startLine, endLine };
    }
    if (node.kind === 'fenced') {
      // As in mdast-util-from-markdown: the line endings around the content, less the first and
      // the last. A fence left open at the end of the file has no line ending after its last
      // line unless the file ends with one.
      const after = node.closed || this.finalNewline ? '\n' : '';
      const value = `\n${(node.code ?? []).join('\n')}${after}`.replace(/^\n/, '').replace(/\n$/, '');
      const block: CodeBlock = { type: 'code', lang: node.info, fenced: true, value, startLine, endLine };
      return block;
    }
    if (node.kind === 'indented') {
      // micromark keeps trailing lines indented by four columns or more, blank or not, then
      // drops the value's last line ending.
      const code = (node.code ?? []).slice(0, (node.code ?? []).length - node.blankTail);
      return { type: 'code', lang: '', fenced: false, value: code.join('\n').replace(/\n$/, ''), startLine, endLine: startLine + code.length - 1 };
    }
    return { type: 'other', startLine, endLine };
  }
}

function createNode(kind: Kind, parent: Node | null, line: number): Node {
  return {
    kind,
    parent,
    lastChild: null,
    open: true,
    startLine: line,
    endLine: line,
    contentIndent: 0,
    hasChildren: false,
    endsAtText: false,
    fenceChar: '',
    fenceLength: 0,
    fenceOffset: 0,
    info: '',
    closed: false,
    htmlType: 0,
    code: null,
    blankTail: 0,
    endsHere: false,
    maybeDefinition: false,
    level: 0,
  };
}

function acceptsLines(kind: Kind): boolean {
  return kind === 'paragraph' || kind === 'fenced' || kind === 'indented' || kind === 'html';
}

function canContain(parent: Kind, child: Kind): boolean {
  if (parent === 'document' || parent === 'quote' || parent === 'item') return child !== 'item';
  if (parent === 'list') return child === 'item';
  return false;
}

function isSpaceOrTab(char: string): boolean {
  return char === ' ' || char === '\t';
}

/** Joins a fence's info string as `readBlocks` does: first word, one space, then the rest with trailing blanks kept. */
function fencedInfo(afterFence: string): string {
  const match = /^[ \t]*([^ \t]*)(?:[ \t]+(.*))?$/.exec(afterFence);
  const lang = match?.[1] ?? '';
  const meta = match?.[2] ?? '';
  return [lang, meta].filter((part) => part !== '').join(' ');
}

// HTML blocks -------------------------------------------------------------------------------------

const BLOCK_NAMES = new Set(
  (
    'address article aside base basefont blockquote body caption center col colgroup dd details dialog dir div dl dt ' +
    'fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link ' +
    'main menu menuitem nav noframes ol optgroup option p param search section summary table tbody td tfoot th thead ' +
    'title tr track ul'
  ).split(' '),
);
const RAW_NAMES = new Set(['pre', 'script', 'style', 'textarea']);

/**
 * Returns which of the spec's seven HTML block start conditions a line (from its `<`) meets, or 0.
 * Types 1 to 6 follow the spec; type 7, a complete tag alone on its line, follows micromark's
 * state machine, which also accepts `<a b=c=d>`.
 */
export function htmlBlockStart(rest: string): number {
  if (rest.startsWith('<!--')) return 2;
  if (rest.startsWith('<?')) return 3;
  if (/^<![A-Za-z]/.test(rest)) return 4;
  if (rest.startsWith('<![CDATA[')) return 5;
  const tag = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)/.exec(rest);
  if (!tag) return 0;
  const closing = tag[1] === '/';
  const name = tag[2]!.toLowerCase();
  const after = rest.charAt(tag[0].length);
  if (after !== '' && after !== '/' && after !== '>' && after !== ' ' && after !== '\t') return 0;
  if (!closing && after !== '/' && RAW_NAMES.has(name)) return 1;
  if (BLOCK_NAMES.has(name)) {
    if (after === '/') return rest.charAt(tag[0].length + 1) === '>' ? 6 : 0;
    return 6;
  }
  return isCompleteTag(rest.slice(tag[0].length), closing) ? 7 : 0;
}

/** True when the text after a tag name completes the tag and only blanks follow it. */
function isCompleteTag(rest: string, closing: boolean): boolean {
  let index = 0;
  const at = () => rest.charAt(index);
  const skipBlanks = () => {
    while (at() === ' ' || at() === '\t') index++;
  };
  if (closing) {
    skipBlanks();
  } else {
    // Attributes: name, optional `= value`; micromark lets a value follow `=` after another value.
    for (;;) {
      skipBlanks();
      const char = at();
      if (char === '/') {
        index++;
        break;
      }
      if (!/[:_A-Za-z]/.test(char)) break;
      while (/[-.:_A-Za-z0-9]/.test(at())) index++;
      let afterName = true;
      while (afterName) {
        skipBlanks();
        if (at() !== '=') break;
        index++;
        skipBlanks();
        const quote = at();
        if (quote === '' || '<=>`'.includes(quote)) return false;
        if (quote === '"' || quote === "'") {
          const close = rest.indexOf(quote, index + 1);
          if (close < 0) return false;
          index = close + 1;
          const next = at();
          if (next !== '/' && next !== '>' && next !== ' ' && next !== '\t') return false;
          afterName = false;
        } else {
          while (index < rest.length && !/["'\/<=>`\s]/.test(at())) index++;
        }
      }
    }
  }
  if (at() !== '>') return false;
  index++;
  return /^[ \t]*$/.test(rest.slice(index));
}

/**
 * True when a line ends an HTML block of type 1 to 5. On the opening line (`opening`) the search
 * starts after the opening marker, and as in micromark `<!-->`, `<!--->` and `<?>` end at once.
 */
function htmlBlockEnds(type: number, text: string, opening: boolean): boolean {
  const rest = opening ? text.trimStart() : text;
  switch (type) {
    case 1:
      return /<\/(?:pre|script|style|textarea)>/i.test(rest);
    case 2:
      return opening ? /^-*>/.test(rest.slice(4)) || rest.includes('-->', 4) : rest.includes('-->');
    case 3:
      return opening ? rest.startsWith('>', 2) || rest.includes('?>', 2) : rest.includes('?>');
    case 4:
      return rest.includes('>', opening ? 2 : 0);
    case 5:
      return rest.includes(']]>', opening ? 9 : 0);
    default:
      return false;
  }
}
