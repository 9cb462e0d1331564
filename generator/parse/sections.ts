import type { ExampleModel, LinkModel, TypeDocModel } from '../model/types.ts';
import type { Block, HeadingBlock } from './blocks.ts';
import { sliceLines, withoutPlaceholders } from './text.ts';

/** A `##` section: its heading and the blocks up to the next `##` heading or the end of file. */
export interface Section {
  heading: HeadingBlock;
  /** Canonical title in upper case (`RELATED LINKS`), or the heading text for unknown titles. */
  title: string;
  blocks: Block[];
  /** First and last source line of the content (1-based, inclusive); `end < start` when empty. */
  start: number;
  end: number;
}

const TITLES = new Map([
  ['synopsis', 'SYNOPSIS'],
  ['syntax', 'SYNTAX'],
  ['aliases', 'ALIASES'],
  ['description', 'DESCRIPTION'],
  ['examples', 'EXAMPLES'],
  ['parameters', 'PARAMETERS'],
  ['inputs', 'INPUTS'],
  ['outputs', 'OUTPUTS'],
  ['output', 'OUTPUTS'],
  ['notes', 'NOTES'],
  ['related links', 'RELATED LINKS'],
]);

/**
 * Splits the blocks after the H1 into `##` sections. Each section runs to the next `##` heading or
 * the end of the file, so a last or empty section never swallows its neighbour.
 */
export function splitSections(blocks: readonly Block[], lineCount: number): Section[] {
  const sections: Section[] = [];
  let current: Section | null = null;
  for (const block of blocks) {
    if (block.type === 'heading' && block.depth === 2) {
      if (current) current.end = block.startLine - 1;
      const title = TITLES.get(block.text.trim().toLowerCase()) ?? block.text.trim();
      current = { heading: block, title, blocks: [], start: block.endLine + 1, end: lineCount };
      sections.push(current);
    } else if (current) {
      current.blocks.push(block);
    }
  }
  return sections;
}

/** Raw markdown of a section, placeholders removed. */
export function sectionText(section: Section | undefined, lines: readonly string[]): string {
  if (!section) return '';
  return withoutPlaceholders(sliceLines(lines, section.start - 1, section.end));
}

/** Sub-parts of a section, each starting at a heading of level 3 or deeper (level 1 lines are content). */
export interface SubSection {
  heading: HeadingBlock;
  blocks: Block[];
  start: number;
  end: number;
}

export function splitSubSections(section: Section, minDepth = 3, maxDepth = 3): SubSection[] {
  const parts: SubSection[] = [];
  let current: SubSection | null = null;
  for (const block of section.blocks) {
    if (block.type === 'heading' && block.depth >= minDepth && block.depth <= maxDepth) {
      if (current) current.end = block.startLine - 1;
      current = { heading: block, blocks: [], start: block.endLine + 1, end: section.end };
      parts.push(current);
    } else if (current) {
      current.blocks.push(block);
    }
  }
  return parts;
}

const CODE_LANGS = /^(|powershell|pwsh|ps|ps1|posh|console|cmd)$/i;

/**
 * Reads EXAMPLES. Each `###` heading starts an example; its fenced PowerShell blocks are the code
 * and everything else the remarks. Bodies without any fence (Graph docs) are code as a whole, and
 * `# comment` lines inside them stay part of the example.
 */
export function readExamples(section: Section | undefined, lines: readonly string[]): ExampleModel[] {
  if (!section) return [];
  return splitSubSections(section).map((part) => {
    const title = part.heading.text.replace(/^-{2,}\s*/, '').replace(/\s*-{2,}$/, '').trim();
    const code: string[] = [];
    const remarkLines: string[] = [];
    let cursor = part.start;
    const fences = part.blocks.filter((block) => block.type === 'code' && block.fenced);
    for (const fence of fences) {
      if (fence.type !== 'code') continue;
      remarkLines.push(sliceLines(lines, cursor - 1, fence.startLine - 1));
      if (CODE_LANGS.test(fence.lang.split(/\s/)[0] ?? '')) {
        const value = withoutPlaceholders(fence.value);
        if (value !== '') code.push(value);
      } else {
        remarkLines.push(sliceLines(lines, fence.startLine - 1, fence.endLine));
      }
      cursor = fence.endLine + 1;
    }
    remarkLines.push(sliceLines(lines, cursor - 1, part.end));
    const rest = withoutPlaceholders(remarkLines.filter((text) => text !== '').join('\n\n'));
    if (fences.length === 0) {
      return { title, code: rest === '' ? [] : [rest], remarks: '' };
    }
    return { title, code, remarks: rest };
  });
}

/**
 * Reads INPUTS or OUTPUTS: each heading is a type and the text under it its description. Text
 * with no heading at all becomes one entry whose type is its first line.
 */
export function readTypeDocs(section: Section | undefined, lines: readonly string[]): TypeDocModel[] {
  if (!section) return [];
  const parts = splitSubSections(section, 3, 6);
  if (parts.length === 0) {
    const text = sectionText(section, lines);
    if (text === '') return [];
    const [first = '', ...rest] = text.split('\n');
    return [{ type: first.replace(/[*`]/g, '').trim(), description: rest.join('\n').trim() }];
  }
  return parts.map((part) => ({
    type: part.heading.text.replace(/[*`]/g, '').trim(),
    description: withoutPlaceholders(sliceLines(lines, part.start - 1, part.end)),
  }));
}

/** Reads every `[text](url)` and `<url>` in RELATED LINKS, keeping empty link texts empty. */
export function readLinks(section: Section | undefined, lines: readonly string[]): LinkModel[] {
  const text = sectionText(section, lines);
  const links: LinkModel[] = [];
  for (const match of text.matchAll(/\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)|<(https?:\/\/[^>\s]+)>/g)) {
    if (match[3] !== undefined) links.push({ text: '', url: match[3] });
    else links.push({ text: (match[1] ?? '').trim(), url: match[2] ?? '' });
  }
  return links;
}

/**
 * Reads the command aliases of a v2 ALIASES section: the inline-code names in it, or plain list
 * items when nothing is in backticks. The generator's placeholder text means none.
 */
export function readAliases(section: Section | undefined, lines: readonly string[], command: string): string[] {
  if (!section) return [];
  const raw = sliceLines(lines, section.start - 1, section.end);
  if (raw.includes('{{')) return [];
  const coded = [...raw.matchAll(/`([^`\s]+)`/g)].map((match) => match[1] ?? '');
  const names = coded.length > 0 ? coded : [...raw.matchAll(/^\s*[-*+]\s+([\w.-]+)\s*$/gm)].map((match) => match[1] ?? '');
  return [...new Set(names.filter((name) => name !== '' && name.toLowerCase() !== command.toLowerCase()))];
}
