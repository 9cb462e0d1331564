import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/environment.ts';
import { tsc } from '../support/tsc.ts';

describe('generated code', () => {
  // The project includes generated/ and test/typelevel/, whose `@ts-expect-error` lines fail the
  // compile if a mix of two parameter sets is ever accepted.
  it('type-checks under strict with the type-level tests', async () => {
    const result = await tsc(['--noEmit', '-p', 'tsconfig.json']);
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('rejects a call that mixes two parameter sets', async () => {
    const folder = await mkdtemp(path.join(ROOT, 'test/typelevel/.tmp-'));
    try {
      const file = path.join(folder, 'mixed.ts');
      await writeFile(
        file,
        `import { invokeMgRejectCommunicationCall } from '../../../generated/Microsoft.Graph.CloudCommunications/Invoke-MgRejectCommunicationCall.js';\nimport { CommandTextInvoker } from 'cmdlet-ts/runtime';\nvoid invokeMgRejectCommunicationCall(new CommandTextInvoker(), { callId: 'c', bodyParameter: {}, reason: 'busy' });\n`,
      );
      const result = await tsc(['--noEmit', '--strict', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022', '--skipLibCheck', '--allowImportingTsExtensions', '--types', 'node', '--customConditions', 'cmdlet-ts-source', file]);
      expect(result.code).not.toBe(0);
      expect(result.output).toMatch(/mixed\.ts\(3,\d+\): error TS2345: .*InvokeMgRejectCommunicationCallParameters/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
