/**
 * Emits a PowerShell advanced function with the same parameter metadata as a documented
 * command: sets, Mandatory, Position, pipeline flags, aliases, ValidateSet, the default set,
 * CmdletBinding and SupportsShouldProcess. Calling it makes pwsh run its own binder on that
 * metadata. The function returns the set pwsh chose and the names it bound, and the
 * differential tests compare those with the runtime binder.
 */
import type { ValueKind } from '../model/dotnet-types.ts';
import type { CommandModel } from '../model/types.ts';
import { NULLABLE_KINDS } from '../runtime/binder-table.ts';
import type { CommandMetadata, ParameterMetadata, ParameterSetEntry } from '../runtime/metadata.ts';
import { commandMetadata } from './metadata.ts';

/** Prefix of every emitted function name, so that a probe never shadows a real command. */
export const PROBE_PREFIX = 'CmdletTsProbe_';

/**
 * Variables a function cannot declare as parameters (constant, read-only or all-scope
 * automatic variables in pwsh 7.6, and those the probe body reads). A parameter with such a
 * name becomes `<Name>_CmdletTs` with the original name as its first alias. The body reports
 * the original name when it is bound.
 */
const RESERVED_VARIABLES: ReadonlySet<string> = new Set(
  [
    '?', 'EnabledExperimentalFeatures', 'Error', 'ExecutionContext', 'false', 'HOME', 'Host', 'IsCoreCLR',
    'IsLinux', 'IsMacOS', 'IsWindows', 'PID', 'PSCulture', 'PSEdition', 'PSHOME', 'PSStyle', 'PSUICulture',
    'PSVersionTable', 'ShellId', 'true', 'null', 'PSCmdlet', 'PSBoundParameters', 'MyInvocation', 'args',
    'input', 'this', '_', 'PSItem',
  ].map((name) => name.toLowerCase()),
);

const RENAME_SUFFIX = '_CmdletTs';

/** PowerShell type literal for one element of each value kind. */
const TYPE_LITERALS: Readonly<Record<ValueKind, string>> = {
  string: 'string',
  char: 'char',
  boolean: 'bool',
  switch: 'switch',
  sbyte: 'sbyte',
  byte: 'byte',
  int16: 'int16',
  uint16: 'uint16',
  int32: 'int',
  uint32: 'uint32',
  int64: 'long',
  uint64: 'uint64',
  single: 'single',
  double: 'double',
  decimal: 'decimal',
  datetime: 'datetime',
  timespan: 'timespan',
  guid: 'guid',
  uri: 'uri',
  hashtable: 'hashtable',
  scriptblock: 'scriptblock',
  securestring: 'securestring',
  credential: 'pscredential',
  object: 'object',
  unknown: 'object',
};

/** Emits the probe function for a parsed command. */
export function powerShellFunction(command: CommandModel, functionName = probeFunctionName(command.name)): string {
  return powerShellFunctionFromMetadata(commandMetadata(command), functionName);
}

/** Returns a function name made of letters, digits, `_` and `-` only, with the probe prefix. */
export function probeFunctionName(commandName: string): string {
  return PROBE_PREFIX + commandName.replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * Emits the probe function for a binder table. Every name and literal is quoted, so text from a
 * doc can never become code: `functionName` must contain only letters, digits, `_` and `-`.
 */
export function powerShellFunctionFromMetadata(metadata: CommandMetadata, functionName: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(functionName)) {
    throw new Error(`Invalid probe function name '${functionName}': use letters, digits, '_' and '-' only.`);
  }
  const lines: string[] = [];
  lines.push(`function ${functionName} {`);
  lines.push(`  ${cmdletBindingAttribute(metadata)}`);
  lines.push('  param(');
  metadata.parameters.forEach((parameter, index) => {
    const separator = index < metadata.parameters.length - 1 ? ',' : '';
    for (const line of parameterLines(parameter, metadata)) {
      lines.push(`    ${line}`);
    }
    lines[lines.length - 1] += separator;
  });
  lines.push('  )');
  // The body declares no variables, because a parameter may use any variable name, and calls
  // get_Keys() because `.Keys` would read a bound parameter named Keys.
  const renamed = metadata.parameters.filter((parameter) => isReserved(parameter.name));
  let bound = '@($PSBoundParameters.get_Keys())';
  if (renamed.length > 0) {
    const cases = renamed.map((parameter) => `${quote(parameter.name + RENAME_SUFFIX)} { ${quote(parameter.name)} }`);
    bound = `@($PSBoundParameters.get_Keys() | ForEach-Object { switch -CaseSensitive -Exact ($_) { ${cases.join(' ')} default { $_ } } })`;
  }
  lines.push('  [pscustomobject]@{');
  lines.push('    ParameterSet = $PSCmdlet.ParameterSetName');
  lines.push(`    Bound = ${bound}`);
  lines.push('  }');
  lines.push('}');
  return lines.join('\n') + '\n';
}

/**
 * Builds `[CmdletBinding()]`. Positional binding is off so that PowerShell does not invent
 * positions for parameters that declare none.
 */
function cmdletBindingAttribute(metadata: CommandMetadata): string {
  const settings: string[] = [];
  if (metadata.defaultSet !== null) {
    settings.push(`DefaultParameterSetName = ${quote(metadata.defaultSet)}`);
  }
  if (metadata.supportsShouldProcess) {
    settings.push('SupportsShouldProcess = $true');
  }
  settings.push('PositionalBinding = $false');
  return `[CmdletBinding(${settings.join(', ')})]`;
}

function parameterLines(parameter: ParameterMetadata, metadata: CommandMetadata): string[] {
  const lines = parameter.sets.map((entry) => parameterAttribute(entry, metadata));
  const reserved = isReserved(parameter.name);
  const aliases = reserved ? [parameter.name, ...parameter.aliases] : parameter.aliases;
  if (aliases.length > 0) {
    lines.push(`[Alias(${aliases.map(quote).join(', ')})]`);
  }
  if (parameter.acceptedValues.length > 0) {
    lines.push(`[ValidateSet(${parameter.acceptedValues.map(quote).join(', ')})]`);
  }
  lines.push(`[${typeLiteral(parameter)}]`);
  lines.push(variable(reserved ? parameter.name + RENAME_SUFFIX : parameter.name));
  return lines;
}

/** Writes the parameter's type, wrapped in `Nullable[...]` for a nullable value type. */
function typeLiteral(parameter: ParameterMetadata): string {
  const element = TYPE_LITERALS[parameter.kind];
  if (parameter.nullable === true && parameter.arrayDepth === 0 && NULLABLE_KINDS.has(parameter.kind)) {
    return `Nullable[${element}]`;
  }
  return `${element}${'[]'.repeat(parameter.arrayDepth)}`;
}

function isReserved(name: string): boolean {
  return RESERVED_VARIABLES.has(name.toLowerCase());
}

function parameterAttribute(entry: ParameterSetEntry, metadata: CommandMetadata): string {
  const settings: string[] = [];
  if (entry.set !== 'all') {
    const name = metadata.sets[entry.set];
    if (name === undefined) {
      throw new Error(`Parameter set index ${entry.set} is outside the ${metadata.sets.length} sets of ${metadata.name}.`);
    }
    settings.push(`ParameterSetName = ${quote(name)}`);
  }
  if (entry.mandatory) {
    settings.push('Mandatory = $true');
  }
  if (entry.position !== null) {
    settings.push(`Position = ${entry.position}`);
  }
  if (entry.valueFromPipeline === true) {
    settings.push('ValueFromPipeline = $true');
  }
  if (entry.valueFromPipelineByPropertyName === true) {
    settings.push('ValueFromPipelineByPropertyName = $true');
  }
  if (entry.valueFromRemainingArguments === true) {
    settings.push('ValueFromRemainingArguments = $true');
  }
  return `[Parameter(${settings.join(', ')})]`;
}

/**
 * Quotes text as a single-quoted PowerShell string. PowerShell ends such a string at any of
 * five quote characters (' ‘ ’ ‚ ‛), so each of them is doubled.
 */
export function quote(text: string): string {
  return `'${text.replace(/['\u2018\u2019\u201A\u201B]/g, (quoteChar) => quoteChar + quoteChar)}'`;
}

/** Writes a parameter variable, braced when the name is not a plain identifier. */
function variable(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    return `$${name}`;
  }
  return `\${${name.replace(/[`{}]/g, (character) => '`' + character)}}`;
}
