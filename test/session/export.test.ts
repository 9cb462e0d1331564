import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exportModule, readModuleMetadata, type CommandMetadata } from '../../generator/export/index.ts';
import { ALL_PARAMETER_SETS, type CommandModel } from '../../generator/model/types.ts';
import { parseDocument } from '../../generator/parse/index.ts';
import { describePwsh, makeTempFolder, MANAGEMENT, PROBE_MODULE, START_TIMEOUT_MS, UTILITY } from './pwsh.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXPORT_TIMEOUT_MS = 120_000;

/** The built-in cmdlets whose docs `export` wrote into specs/. */
const BUILT_IN: Record<string, string[]> = {
  [MANAGEMENT]: ['Get-ChildItem', 'Get-Content', 'Join-Path', 'New-Item', 'Remove-Item', 'Set-Content', 'Split-Path', 'Test-Path'],
  [UTILITY]: ['ConvertFrom-Json', 'ConvertTo-Json', 'Get-Date', 'Get-Random', 'Measure-Object'],
};

/** Published PowerShell 7.6 reference docs, read in place when they are beside the project. */
const PUBLISHED = path.resolve(ROOT, '..', 'shared', 'corpus', 'powershell-docs-7.6');

/**
 * Where the published docs and the live pwsh 7.6 metadata on Linux disagree. Parameters of
 * Windows-only providers (WSMan, Certificate, Registry, alternate data streams) exist only in the
 * published docs; the other rows are errors in the published docs.
 */
const KNOWN_DIFFERENCES: Record<string, string[]> = {
  'Get-Date': [
    // The syntax blocks of the published doc show -UFormat as mandatory, but its YAML marks it optional.
    'UFormat@DateAndUFormat: exported mandatory named, published optional named',
    'UFormat@UnixTimeSecondsAndUFormat: exported mandatory named, published optional named',
  ],
  'Split-Path': ['Qualifier@QualifierSet: exported mandatory named, published mandatory 1'],
  'New-Item': [
    ...['ApplicationName@nameSet'].map(onlyPublished('optional named')),
    ...['Authentication', 'CertificateThumbprint', 'Options', 'OptionSet', 'Port', 'SessionOption'].flatMap((name) =>
      [`${name}@pathSet`, `${name}@nameSet`].map(onlyPublished('optional named')),
    ),
    ...['ConnectionURI@pathSet'].map(onlyPublished('mandatory named')),
    ...['UseSSL@nameSet'].map(onlyPublished('optional named')),
  ],
  'Set-Content': ['Stream@Path', 'Stream@LiteralPath'].map(onlyPublished('optional named')),
  'Get-Content': ['Stream@Path', 'Stream@LiteralPath'].map(onlyPublished('optional named')),
  'Get-ChildItem': ['CodeSigningCert', 'DnsName', 'DocumentEncryptionCert', 'Eku', 'ExpiringInDays', 'SSLServerAuthentication'].flatMap(
    (name) => [`${name}@Items`, `${name}@LiteralItems`].map(onlyPublished('optional named')),
  ),
  'Remove-Item': ['DeleteKey@Path', 'DeleteKey@LiteralPath', 'Stream@Path', 'Stream@LiteralPath'].map(onlyPublished('optional named')),
};

function onlyPublished(binding: string): (key: string) => string {
  return (key) => `${key}: exported absent, published ${binding}`;
}

/** Lists each parameter's binding in each set, such as `Path@Items` → `optional 0`. */
function bindingTable(model: CommandModel): Map<string, string> {
  const setNames = model.parameterSets.map((set) => set.name);
  const table = new Map<string, string>();
  for (const parameter of model.parameters) {
    for (const membership of parameter.sets) {
      const targets = membership.set === ALL_PARAMETER_SETS ? setNames : [membership.set];
      for (const target of targets) {
        table.set(`${parameter.name}@${target}`, `${membership.required ? 'mandatory' : 'optional'} ${membership.position ?? 'named'}`);
      }
    }
  }
  return table;
}

function differences(exported: CommandModel, published: CommandModel): string[] {
  const found: string[] = [];
  const exportedSets = exported.parameterSets.map((set) => set.name).sort();
  const publishedSets = published.parameterSets.map((set) => set.name).sort();
  if (exportedSets.join() !== publishedSets.join()) {
    found.push(`sets: exported ${exportedSets.join(', ')}, published ${publishedSets.join(', ')}`);
  }
  if (exported.defaultParameterSet !== published.defaultParameterSet) {
    found.push(`default set: exported ${exported.defaultParameterSet}, published ${published.defaultParameterSet}`);
  }
  const ours = bindingTable(exported);
  const theirs = bindingTable(published);
  for (const key of [...new Set([...ours.keys(), ...theirs.keys()])].sort()) {
    if (ours.get(key) !== theirs.get(key)) {
      found.push(`${key}: exported ${ours.get(key) ?? 'absent'}, published ${theirs.get(key) ?? 'absent'}`);
    }
  }
  return found;
}

async function parseClean(file: string): Promise<CommandModel> {
  const result = await parseDocument(file);
  expect(result.diagnostics.filter((diagnostic) => diagnostic.severity !== 'info')).toEqual([]);
  expect(result.command).not.toBeNull();
  return result.command as CommandModel;
}

describePwsh('export of built-in cmdlets', () => {
  let folder: string;
  let removeFolder: () => Promise<void>;
  const metadata = new Map<string, CommandMetadata>();

  beforeAll(async () => {
    ({ folder, remove: removeFolder } = await makeTempFolder());
    for (const [module, commands] of Object.entries(BUILT_IN)) {
      await exportModule({ module, commands, outDir: folder });
      for (const command of await readModuleMetadata({ module, commands })) {
        metadata.set(command.name, command);
      }
    }
  }, EXPORT_TIMEOUT_MS);

  afterAll(async () => {
    await removeFolder?.();
  });

  const cases = Object.entries(BUILT_IN).flatMap(([module, commands]) => commands.map((command) => [module, command] as const));

  it.each(cases)('%s\\%s matches the committed spec', async (module, command) => {
    const fresh = await readFile(path.join(folder, module, `${command}.md`), 'utf8');
    const committed = await readFile(path.join(ROOT, 'specs', module, `${command}.md`), 'utf8');

    expect(fresh).toBe(committed);
  });

  it('second export rewrites nothing', async () => {
    const files = await exportModule({ module: UTILITY, commands: BUILT_IN[UTILITY], outDir: folder });

    expect(files.map((file) => [file.command, file.changed])).toEqual(BUILT_IN[UTILITY]?.map((command) => [command, false]));
  }, EXPORT_TIMEOUT_MS);

  it.each(cases)('%s\\%s parses back to its metadata', async (module, command) => {
    const model = await parseClean(path.join(folder, module, `${command}.md`));
    const live = metadata.get(command) as CommandMetadata;
    // The model leaves out the implicit all-sets set and the ShouldProcess switches, which it
    // records as supportsShouldProcess.
    const liveSets = live.parameterSets.filter((set) => set.name !== ALL_PARAMETER_SETS);
    const liveParameters = live.parameters.filter((parameter) => !['WhatIf', 'Confirm'].includes(parameter.name));

    expect(model.name).toBe(live.name);
    expect(model.module).toBe(live.module);
    expect(model.schema).toBe('v2');
    expect(model.aliases).toEqual(live.aliases);
    expect(model.cmdletBinding).toBe(live.cmdletBinding);
    expect(model.supportsShouldProcess).toBe(live.supportsShouldProcess);
    expect(model.parameterSets.map((set) => [set.name, set.isDefault]).sort()).toEqual(liveSets.map((set) => [set.name, set.isDefault]).sort());
    expect(model.defaultParameterSet).toBe(live.defaultParameterSet);
    expect(model.outputs.map((output) => output.type)).toEqual(live.outputTypes.length > 0 ? live.outputTypes : ['System.Object']);
    expect(model.parameters.map((parameter) => parameter.name).sort()).toEqual(liveParameters.map((parameter) => parameter.name).sort());
    for (const parameter of liveParameters) {
      const parsed = model.parameters.find((candidate) => candidate.name === parameter.name);
      expect(parsed?.type).toBe(parameter.type);
      expect(parsed?.aliases).toEqual(parameter.aliases);
      expect(parsed?.acceptedValues).toEqual(parameter.acceptedValues);
      expect(parsed?.supportsWildcards).toBe(parameter.supportsWildcards);
      const parsedSets = parsed?.sets.map((entry) => [entry.set, entry.position, entry.required, entry.valueFromPipeline, entry.valueFromPipelineByPropertyName]);
      const liveSets = parameter.parameterSets.map((entry) => [
        entry.name,
        entry.position,
        entry.isMandatory,
        entry.valueFromPipeline,
        entry.valueFromPipelineByPropertyName,
      ]);
      expect(parsedSets?.sort()).toEqual(liveSets.sort());
    }
  });

  it.each(cases)('%s\\%s agrees with the published doc', async (module, command) => {
    const publishedFile = path.join(PUBLISHED, module, `${command}.md`);
    if (!existsSync(publishedFile)) {
      if (process.env.CI === 'true') throw new Error(`The published doc ${publishedFile} is missing.`);
      console.warn(`Skipping the comparison with the published doc: ${publishedFile} is missing.`);
      return;
    }
    const exported = await parseClean(path.join(folder, module, `${command}.md`));
    const published = (await parseDocument(publishedFile)).command as CommandModel;

    expect(differences(exported, published)).toEqual([...(KNOWN_DIFFERENCES[command] ?? [])].sort());
  });
});

describePwsh('export of a function module', () => {
  let folder: string;
  let removeFolder: () => Promise<void>;

  beforeAll(async () => {
    ({ folder, remove: removeFolder } = await makeTempFolder());
    await exportModule({ module: PROBE_MODULE, outDir: folder });
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await removeFolder?.();
  });

  it('writes exported functions only', async () => {
    expect(existsSync(path.join(folder, 'CmdletTsProbe', 'Get-ProbeFormatted.md'))).toBe(true);
    expect(existsSync(path.join(folder, 'CmdletTsProbe', 'Format-ProbeText.md'))).toBe(false);
  });

  it('keeps ValidateSet, ShouldProcess and ConfirmImpact', async () => {
    const file = path.join(folder, 'CmdletTsProbe', 'Remove-ProbeWidget.md');
    const model = await parseClean(file);

    expect(model.supportsShouldProcess).toBe(true);
    expect(model.cmdletBinding).toBe(true);
    expect(model.parameters.map((parameter) => parameter.name)).toEqual(['Id']);
    expect(model.parameters[0]?.acceptedValues).toEqual(['w1', 'w2']);
    expect(model.notes).toContain('ConfirmImpact High');
  });

  it('reads mandatory flags and defaults', async () => {
    const widget = await parseClean(path.join(folder, 'CmdletTsProbe', 'Get-ProbeWidget.md'));
    const formatted = await parseClean(path.join(folder, 'CmdletTsProbe', 'Get-ProbeFormatted.md'));

    expect(widget.parameters[0]?.sets).toEqual([
      {
        set: ALL_PARAMETER_SETS,
        position: 0,
        required: true,
        valueFromPipeline: false,
        valueFromPipelineByPropertyName: false,
        valueFromRemainingArguments: false,
      },
    ]);
    expect(formatted.parameters[0]?.defaultValue).toBe("'none'");
    expect(formatted.cmdletBinding).toBe(false);
  });

  it('leaves placeholders where text is missing', async () => {
    const text = await readFile(path.join(folder, 'CmdletTsProbe', 'Get-ProbeWidget.md'), 'utf8');

    expect(text).toContain('{{ Fill in the Synopsis }}');
    expect(text).toContain('{{ Fill in the Description }}');
    expect(text).toContain('{{ Fill Name Description }}');
    // Nothing from this machine or this day: no ms.date key, no absolute path.
    expect(text).not.toMatch(/^ms\.date:/m);
    expect(text).not.toContain(path.dirname(PROBE_MODULE));
    expect(text).not.toContain(folder);
  });
});
