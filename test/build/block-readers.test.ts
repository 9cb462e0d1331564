import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { collectInputs } from '../../generator/build/inputs.ts';
import { readBlocksWithRemark, useBlockReader } from '../../generator/parse/blocks.ts';
import { parseMarkdown } from '../../generator/parse/command.ts';
import { scanBlocks } from '../../generator/parse/fast-blocks.ts';
import { CORPUS, hasCorpus } from '../support/environment.ts';

const docs = hasCorpus() ? await collectInputs([CORPUS]) : [];
const CHUNK = 150;
const chunks = Array.from({ length: Math.ceil(docs.length / CHUNK) }, (_, index) => docs.slice(index * CHUNK, (index + 1) * CHUNK));

afterEach(() => useBlockReader('fast'));

function parseWith(reader: 'fast' | 'remark', file: string): string {
  useBlockReader(reader);
  return JSON.stringify(parseMarkdown(readFileSync(file, 'utf8'), file));
}

describe.skipIf(docs.length === 0)('block readers on the corpus', () => {
  it.each(chunks.map((chunk, index) => [index * CHUNK, chunk] as const))('docs from %i give identical models', (_, chunk) => {
    for (const file of chunk) {
      expect(parseWith('fast', file), file).toBe(parseWith('remark', file));
    }
  });
});

/** Headings and code blocks only: the kinds of block the section readers look at. */
function significant(text: string) {
  const lines = text.split('\n');
  return { fast: scanBlocks(text, lines)?.filter((block) => block.type !== 'other'), remark: readBlocksWithRemark(text, lines).filter((block) => block.type !== 'other') };
}

describe('line scanner against remark-parse', () => {
  it.each([
    ['unclosed fence at the end', 'a\n\n```yaml\nx\n\n'],
    ['indented code keeps indented blank lines', '    x\n      \n'],
    ['empty item before indented code', '-\n\n    a\n    b\n'],
    ['item after indented code cannot be empty', '    x\n\n-\n-\n'],
    ['complete tag on a lazy line', '> a\n<App x="y">\n    <B/>\nc\n'],
    ['quote started inside a paragraph', 'text\n>*\n    code'],
    ['setext heading over two lines', 'Title\nmore\n===\n'],
    ['fence info with meta', '```yaml title  \nType: String\n```\n'],
    ['comment hides a heading', '<!-- a\n## Hidden\n-->\n## Shown\n'],
    ['list item holds a fence', '- item\n\n  ```\n  ## not a heading\n  ```\n## Heading\n'],
  ])('%s', (_, text) => {
    const { fast, remark } = significant(text);
    expect(fast).toEqual(remark);
  });

  it.each([
    ['NUL character', 'a\0b\n'],
    ['entity in a fence info string', '```yaml&amp;\nx\n```\n'],
    ['definition above a setext underline', '[a]: /url\ntext\n===\n'],
  ])('gives up on %s', (_, text) => {
    expect(scanBlocks(text, text.split('\n'))).toBeNull();
  });
});
