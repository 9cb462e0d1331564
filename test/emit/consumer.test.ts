import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/environment.ts';
import { tsc } from '../support/tsc.ts';

const run = promisify(execFile);

// A user's project gets the package as npm installs it: `cmdlet-ts/runtime` resolves to the
// compiled runtime in dist/ (built by `npm install` through the prepare script), and the generated
// files are compiled by the project's own tsc and run by plain Node.
describe('generated code in a Node project', () => {
  it('compiles with tsc and runs with node', async () => {
    const build = await tsc(['-p', 'tsconfig.build.json']);
    expect(build.output).toBe('');
    await cp(path.join(ROOT, 'generator/runtime/session-host.ps1'), path.join(ROOT, 'dist/runtime/session-host.ps1'));

    await mkdir(path.join(ROOT, '.cache'), { recursive: true });
    const project = await mkdtemp(path.join(ROOT, '.cache/consumer-'));
    try {
      await mkdir(path.join(project, 'node_modules'));
      await symlink(ROOT, path.join(project, 'node_modules/cmdlet-ts'), 'dir');
      await cp(path.join(ROOT, 'generated/Contoso.Widgets'), path.join(project, 'src/generated/Contoso.Widgets'), { recursive: true });
      await writeFile(path.join(project, 'package.json'), '{ "type": "module" }\n');
      await writeFile(
        path.join(project, 'tsconfig.json'),
        JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, outDir: 'out', rootDir: 'src', types: ['node'] }, include: ['src'] }),
      );
      await writeFile(
        path.join(project, 'src/main.ts'),
        [
          "import { CommandTextInvoker, ParameterBindingError } from 'cmdlet-ts/runtime';",
          "import { setWidget, validateGetWidget } from './generated/Contoso.Widgets/index.js';",
          '',
          "console.log(await setWidget(new CommandTextInvoker(), { name: \"it's\", token: 't', force: true, confirm: false }));",
          "console.log(JSON.stringify(validateGetWidget({ id: [42] })));",
          'try {',
          "  await setWidget(new CommandTextInvoker(), { id: 1 } as never);",
          '} catch (error) {',
          '  console.log(error instanceof ParameterBindingError, (error as Error).message);',
          '}',
          '',
        ].join('\n'),
      );

      const compile = await tsc(['-p', path.join(project, 'tsconfig.json')]);
      expect(compile.output).toBe('');
      expect(compile.code).toBe(0);

      const { stdout } = await run(process.execPath, [path.join(project, 'out/main.js')], { cwd: project });
      expect(stdout.split('\n')).toEqual([
        "Contoso.Widgets\\Set-Widget -Name 'it''s' -Token 't' -Force -Confirm:$false",
        '{"ok":true,"parameterSet":"ById","parameters":{"Id":[42]}}',
        expect.stringMatching(/^true Set-Widget: Parameter set cannot be resolved/),
        '',
      ]);
    } finally {
      await rm(project, { recursive: true, force: true });
    }
  });
});
