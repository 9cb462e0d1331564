import { createRequire } from 'node:module';
import { scanBlocks } from './fast-blocks.ts';

/**
 * A top-level markdown block reduced to what the section readers need. Lines are 1-based and
 * inclusive; text fields are raw source, never rendered markdown, because PlatyPS docs put
 * angle-bracket type names such as `<IWidget>` where CommonMark reads inline HTML.
 */
export type Block = HeadingBlock | CodeBlock | OtherBlock;

export interface HeadingBlock {
  type: 'heading';
  depth: number;
  /** Heading text from the source line, without the `#` marks. */
  text: string;
  startLine: number;
  endLine: number;
}

export interface CodeBlock {
  type: 'code';
  /** Info string of a fenced block; empty for indented code. */
  lang: string;
  fenced: boolean;
  value: string;
  startLine: number;
  endLine: number;
}

export interface OtherBlock {
  type: 'other';
  startLine: number;
  endLine: number;
}

type Processor = { parse(text: string): unknown };
let processor: Processor | null = null;

/** Loads remark-parse on first use, so that runs that need no parsing or no fallback skip it. */
function remarkProcessor(): Processor {
  if (processor === null) {
    const require = createRequire(import.meta.url);
    const { unified } = require('unified') as typeof import('unified');
    const remarkParse = (require('remark-parse') as typeof import('remark-parse')).default;
    processor = unified().use(remarkParse) as unknown as Processor;
  }
  return processor;
}

interface MdastNode {
  type: string;
  depth?: number;
  lang?: string | null;
  meta?: string | null;
  value?: string;
  position?: { start: { line: number }; end: { line: number } };
}

/**
 * Which reader splits docs into blocks: `fast`, the line scanner of `fast-blocks.ts` with
 * remark-parse for the docs it gives up on, or `remark`, remark-parse for every doc. Both give the
 * same blocks; `remark` is the reference that tests compare the scanner with.
 */
export type BlockReader = 'fast' | 'remark';

let blockReader: BlockReader = 'fast';

/** Chooses the block reader for this thread; worker threads receive it through their options. */
export function useBlockReader(reader: BlockReader): void {
  blockReader = reader;
}

export function currentBlockReader(): BlockReader {
  return blockReader;
}

/** Splits markdown into top-level blocks with the chosen reader. */
export function readBlocks(text: string, lines: readonly string[]): Block[] {
  if (blockReader === 'fast') {
    const scanned = scanBlocks(text, lines);
    if (scanned !== null) return scanned;
  }
  return readBlocksWithRemark(text, lines);
}

/** Splits markdown into top-level blocks with remark-parse (CommonMark); the reference reader. */
export function readBlocksWithRemark(text: string, lines: readonly string[]): Block[] {
  const tree = remarkProcessor().parse(text) as { children: MdastNode[] };
  const blocks: Block[] = [];
  for (const node of tree.children) {
    const position = node.position;
    if (position === undefined) continue;
    const startLine = position.start.line;
    const endLine = position.end.line;
    if (node.type === 'heading') {
      blocks.push({ type: 'heading', depth: node.depth ?? 1, text: headingText(lines[startLine - 1] ?? ''), startLine, endLine });
    } else if (node.type === 'code') {
      const fenced = /^ {0,3}(`{3,}|~{3,})/.test(lines[startLine - 1] ?? '');
      const lang = [node.lang, node.meta].filter((part) => part).join(' ');
      blocks.push({ type: 'code', lang, fenced, value: node.value ?? '', startLine, endLine });
    } else {
      blocks.push({ type: 'other', startLine, endLine });
    }
  }
  return blocks;
}

/** Returns the text of an ATX heading line (`### -Name` gives `-Name`) or of a setext heading's first line. */
export function headingText(line: string): string {
  const atx = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
  if (atx) return (atx[1] ?? '').trim();
  return line.trim();
}
