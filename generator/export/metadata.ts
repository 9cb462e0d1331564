/**
 * Command metadata read from a live module through PowerShellSession and the
 * CmdletTsExport.psm1 helper module.
 */
import { fileURLToPath } from 'node:url';
import { PowerShellSession } from '../runtime/session.ts';

const HELPER_MODULE = fileURLToPath(new URL('./CmdletTsExport.psm1', import.meta.url));

/** One cmdlet or function, as `Get-Command` describes it. */
export interface CommandMetadata {
  name: string;
  module: string;
  commandType: 'Cmdlet' | 'Function';
  /** File name of the MAML help the command names, such as `Microsoft.PowerShell.Commands.Utility.dll-Help.xml`. */
  helpFile: string | null;
  helpUri: string | null;
  cmdletBinding: boolean;
  supportsShouldProcess: boolean;
  /** `ConfirmImpact` of the CmdletBinding or Cmdlet attribute, such as `Medium`; null for a simple function. */
  confirmImpact: string | null;
  defaultParameterSet: string | null;
  /** Aliases that resolve to the command in a `-NoProfile` session of this PowerShell, sorted. */
  aliases: string[];
  /** Type names of the OutputType attributes, sorted. */
  outputTypes: string[];
  parameterSets: ParameterSetMetadata[];
  /** Declared parameters, common parameters removed, in declaration order. */
  parameters: ParameterMetadata[];
}

export interface ParameterSetMetadata {
  /** Set name; `__AllParameterSets` for a command with one unnamed set. */
  name: string;
  isDefault: boolean;
  /** Syntax of the set without the command name, as `Get-Command -Syntax` prints it. */
  syntax: string;
}

export interface ParameterMetadata {
  name: string;
  /** Full .NET type name, with generic types written as `Name[Argument]`. */
  type: string;
  aliases: string[];
  /** True for a dynamic parameter, such as a FileSystem provider parameter. */
  isDynamic: boolean;
  /** Default value as written in a script function's param block; null for cmdlets. */
  defaultValue: string | null;
  supportsWildcards: boolean;
  dontShow: boolean;
  helpMessage: string | null;
  /** ValidateSet values, or the names of an enum type. */
  acceptedValues: string[];
  /** One entry per declared `[Parameter()]` set, where `__AllParameterSets` means every set. */
  parameterSets: ParameterSetEntry[];
}

export interface ParameterSetEntry {
  name: string;
  /** Position for positional binding, or null for a named-only parameter. */
  position: number | null;
  isMandatory: boolean;
  valueFromPipeline: boolean;
  valueFromPipelineByPropertyName: boolean;
  valueFromRemainingArguments: boolean;
}

export interface ReadMetadataOptions {
  /** Module name, or a module path that Import-Module accepts. */
  module: string;
  /** Command names to read; all cmdlets and functions of the module when absent. */
  commands?: string[];
  pwshPath?: string;
}

/** Starts pwsh, imports the module and returns the metadata of its commands, sorted by name. */
export async function readModuleMetadata(options: ReadMetadataOptions): Promise<CommandMetadata[]> {
  const session = new PowerShellSession({
    pwshPath: options.pwshPath,
    modules: [HELPER_MODULE],
    commands: [{ module: 'CmdletTsExport', name: 'Get-CmdletTsCommandMetadata' }],
  });
  try {
    const parameters: Record<string, unknown> = { Module: options.module };
    if (options.commands !== undefined) {
      parameters.Name = options.commands;
    }
    const result = await session.invoke(
      { module: 'CmdletTsExport', command: 'Get-CmdletTsCommandMetadata', parameterSet: '', parameters },
      { depth: 10, timeoutMs: 300_000 },
    );
    if (result.errors.length > 0) {
      throw new Error(`Reading the commands of module '${options.module}' failed: ${result.errors.map((error) => error.message).join(' ')}`);
    }
    return result.output as CommandMetadata[];
  } finally {
    await session.close();
  }
}
