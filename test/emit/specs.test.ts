import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectInputs } from '../../generator/build/inputs.ts';
import { emitProject } from '../../generator/emit/project.ts';
import { parseDocument } from '../../generator/parse/index.ts';
import { ROOT } from '../support/environment.ts';

// The committed generated/ folder is the snapshot of every doc in specs/: `npm run test:update`
// rewrites it, and the model of each doc is kept beside the tests for review.
const docs = (await collectInputs([path.join(ROOT, 'specs')])).map((file) => path.relative(ROOT, file).split(path.sep).join('/'));

describe('specs', () => {
  it('holds the reject-call doc and at least five others', () => {
    expect(docs).toContain('specs/Microsoft.Graph.CloudCommunications/Invoke-MgRejectCommunicationCall.md');
    expect(docs.length).toBeGreaterThanOrEqual(6);
  });

  it.each(docs)('%s generates its snapshot', async (doc) => {
    const previous = process.cwd();
    process.chdir(ROOT);
    try {
      const result = await parseDocument(doc);
      expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
      expect(result.command).not.toBeNull();
      await expect(`${JSON.stringify(result.command, null, 2)}\n`).toMatchFileSnapshot(path.join(ROOT, 'test/__snapshots__/models', doc.replace(/^specs\//, '').replace(/\.md$/, '.json')));
      const file = emitProject([result.command!]).files.find((emitted) => emitted.source === doc);
      expect(file).toBeDefined();
      await expect(file!.text).toMatchFileSnapshot(path.join(ROOT, 'generated', file!.path));
    } finally {
      process.chdir(previous);
    }
  });
});
