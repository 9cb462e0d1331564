import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBlocksWithRemark } from '../../generator/parse/blocks.ts';
import { scanBlocks } from '../../generator/parse/fast-blocks.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60) * 50;
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);

/** Lines that start or end CommonMark blocks, in every container, with tabs and odd indentation. */
const LINES = [
  '', ' ', '  ', '     ', '\t', 'text', '  text', '   text', 'a\tb',
  '    code', '\tcode', '  \tx', '      deep',
  '> quote', '>', '> > q', '>     c', '>> x', '  > q', '   > q', '> - a', '> ```', '> 1.', '>*',
  '- item', '-', '- ', '-\tx', '-    five', '-     six', '  - b', '    - c', ' \t- t', '- > q', '- ```', '- # h', '- ===', '-> x',
  '1. item', '2) x', '1.', '10. x', '   1. b', '1.     x', '1)\tx', '+ a', '* * *', '***', '- - -', '_ _ _', '*\t*\t*',
  '---', '===', '=', '  ===', '-- -',
  '## H', '# T', '#nope', '####### no', '  #  h', ' ## h ##', '##', '#\t', '    # no',
  '```', '```yaml', '```yaml meta  ', '~~~', '~~~~', '  ```', '   ```ps', '    ```', '``` a`b', '  ```yaml', '  ~~~', '   ~~~ x',
  '<div>', '</div>', '  <div>', '<App x="y">', '<App/>', '<a b=c=d>', '<!-- c', '-->', '<!-->', '<!--', '<?x', '?>', '<!X', '<![CDATA[', ']]>',
  '<pre>', '</pre>', '<script>', '</script>', '<![CDATA[x]]>', '<?php ?>', '<!DOCTYPE>',
  '[a]: /u', '[a]:', '- [x]',
];

const documents = fc.tuple(fc.array(fc.oneof(fc.constantFrom(...LINES), fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 20 }), fc.boolean()).map(([lines, newline]) => lines.join('\n') + (newline ? '\n' : ''));

describe('line scanner', () => {
  it('matches remark-parse on generated markdown', () => {
    fc.assert(
      fc.property(documents, (text) => {
        const lines = text.split('\n');
        const scanned = scanBlocks(text, lines);
        if (scanned === null) return;
        const significant = (blocks: ReturnType<typeof readBlocksWithRemark>) => blocks.filter((block) => block.type !== 'other');
        expect(significant(scanned)).toEqual(significant(readBlocksWithRemark(text, lines)));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
