import type { CodeBlockWriter } from 'ts-morph';
import { ALL_PARAMETER_SETS, type CommandModel } from '../model/types.ts';
import { mapDotNetType, wrapArray } from '../model/dotnet-types.ts';
import type { CommandMetadata } from '../runtime/metadata.ts';
import type { ModuleComplexTypes } from './complex-types.ts';
import { assignUniqueNames, renderJsDoc, toPropertyKey, toExampleTag, toFunctionName, toTypeName, type JsDocTag } from './identifiers.ts';
import { writeLiteral } from './literal.ts';
import { commandMetadata } from './metadata.ts';
import { emittedSets, membershipIn, parameterKey, parameterValueType, withSingleElement } from './parameter-types.ts';

/** Names of the declarations one command file exports. */
export interface CommandNames {
  /** Client function, such as `getContent`. */
  functionName: string;
  /** Validator, such as `validateGetContent`. */
  validatorName: string;
  /** Metadata table constant, such as `GetContentMetadata`; PascalCase so no command's function name can equal it. */
  metadataName: string;
  /** Union of the set interfaces, such as `GetContentParameters`. */
  parametersType: string;
  /** Type of one output object, such as `GetContentOutput`. */
  outputType: string;
  /** Interface per emitted set name. */
  setTypes: Map<string, string>;
}

/** Chooses the exported names of a command's file. */
export function commandNames(command: CommandModel): CommandNames {
  const functionName = toFunctionName(command.name);
  const typeBase = toTypeName(command.name.replace(/-/g, ''));
  const sets = emittedSets(command);
  const setTypes = new Map<string, string>();
  if (sets.length === 1) {
    setTypes.set(sets[0]!, `${typeBase}Parameters`);
  } else {
    const unique = assignUniqueNames(sets, (set) => toTypeName(set));
    for (const set of sets) setTypes.set(set, `${typeBase}${unique.get(set)}Parameters`);
  }
  const capitalized = functionName.charAt(0).toUpperCase() + functionName.slice(1).replace(/_$/, '');
  return {
    functionName,
    validatorName: `validate${capitalized}`,
    metadataName: `${typeBase}Metadata`,
    parametersType: `${typeBase}Parameters`,
    outputType: `${typeBase}Output`,
    setTypes,
  };
}

/**
 * Writes one command's file: an interface per parameter set, their union, the binder's metadata
 * table, a validator and the client function. Each set's interface types the parameters of the
 * other sets as `?: never`, so an object that mixes two sets does not compile. Returns the
 * parameters whose type has no TypeScript mapping.
 */
export function writeCommandFile(writer: CodeBlockWriter, command: CommandModel, header: string, complexTypes: ModuleComplexTypes): ParameterModel[] {
  const names = commandNames(command);
  const types = new Map(command.parameters.map((parameter) => [parameter, parameterType(command, parameter, complexTypes)]));

  // Runtime and module types are imported as namespaces: `$` never occurs in a name made from a
  // command, so no generated declaration can shadow them.
  writer.writeLine(header);
  writer.writeLine(`import * as ${RUNTIME} from 'cmdlet-ts/runtime';`);
  if ([...types.values()].some((type) => type.ts.includes(`${MODULE_TYPES}.`))) writer.writeLine(`import type * as ${MODULE_TYPES} from './types.js';`);

  // 1. One interface per parameter set.
  const sets = emittedSets(command);
  for (const set of sets) {
    writer.blankLine();
    writeSetInterface(writer, command, set, names, types);
  }

  // 2. The union, when there is more than one set.
  if (sets.length > 1) {
    writer.blankLine();
    writer.writeLine(`/** Parameters of \`${command.name}\`: the parameters of exactly one of its ${sets.length} parameter sets. */`);
    writer.writeLine(`export type ${names.parametersType} =`);
    writer.indent(() => {
      sets.forEach((set, index) => writer.writeLine(`| ${names.setTypes.get(set)}${index === sets.length - 1 ? ';' : ''}`));
    });
  }

  // 3. Metadata, validator and client function.
  writer.blankLine();
  writer.writeLine(`/** Parameter metadata of \`${command.name}\`, as the validator reads it. */`);
  writer.write(`export const ${names.metadataName}: ${RUNTIME}.CommandMetadata = `);
  writeLiteral(writer, metadataWithComplexKinds(command, complexTypes), 2);
  writer.write(';').newLine();

  writer.blankLine();
  writer.writeLine(`/** Resolves the parameter set of a \`${command.name}\` call as PowerShell would, or returns why it does not bind. */`);
  writer.write(`export function ${names.validatorName}(params: Record<string, unknown>): ${RUNTIME}.BindResult`).block(() => {
    writer.writeLine(`return ${RUNTIME}.bindParameters(${names.metadataName}, params);`);
  });

  writer.blankLine();
  writer.writeLine(`/** Output objects of \`${command.name}\`, from the types its OUTPUTS section lists. */`);
  writer.writeLine(`export type ${names.outputType} = ${outputType(command)};`);

  writer.blankLine();
  const doc = renderJsDoc(command.synopsis || command.description, functionTags(command));
  if (doc !== '') writer.writeLine(doc);
  writer
    .write(`export function ${names.functionName}<I extends ${RUNTIME}.Invoker>(invoker: I, params: ${names.parametersType}): Promise<${RUNTIME}.InvokeResult<I, ${names.outputType}>>`)
    .block(() => {
      writer.writeLine(`return ${RUNTIME}.invokeCommand<I, ${names.outputType}>(invoker, ${names.metadataName}, params);`);
    });
  return command.parameters.filter((parameter) => !types.get(parameter)!.known);
}

/** Builds the binder's table, giving the hashtable kind to parameters whose shape NOTES describe. */
function metadataWithComplexKinds(command: CommandModel, complexTypes: ModuleComplexTypes): CommandMetadata {
  const metadata = commandMetadata(command);
  for (const parameter of metadata.parameters) {
    const mapping = complexTypes.mappingForParameter(command.name, parameter.name);
    if (mapping === null) continue;
    parameter.kind = mapping.kind;
    parameter.arrayDepth = mapping.arrayDepth;
  }
  return metadata;
}

type ParameterModel = CommandModel['parameters'][number];
type ParameterType = ReturnType<typeof parameterValueType>;

function writeSetInterface(writer: CodeBlockWriter, command: CommandModel, set: string, names: CommandNames, types: ReadonlyMap<ParameterModel, ParameterType>): void {
  const heritage: string[] = [];
  if (command.cmdletBinding) heritage.push(`${RUNTIME}.CommonParameters`);
  if (command.supportsShouldProcess) heritage.push(`${RUNTIME}.ShouldProcessParameters`);
  const isDefault = set === command.defaultParameterSet;
  const title =
    set === ALL_PARAMETER_SETS
      ? `Parameters of \`${command.name}\`.`
      : `Parameters of \`${command.name}\` in parameter set \`${set}\`${isDefault ? ' (the default set)' : ''}.`;
  writer.writeLine(`/** ${title} */`);
  writer.write(`export interface ${names.setTypes.get(set)}${heritage.length > 0 ? ` extends ${heritage.join(', ')}` : ''}`).block(() => {
    const others: string[] = [];
    for (const parameter of command.parameters) {
      const key = toPropertyKey(parameterKey(parameter.name));
      const membership = membershipIn(parameter, set);
      if (!membership) {
        others.push(key);
        continue;
      }
      const value = types.get(parameter)!;
      const type = value.isSwitch && membership.required ? 'true' : value.ts;
      const doc = renderJsDoc(parameter.description, parameterTags(parameter, value.known), '');
      if (doc !== '') writer.writeLine(doc);
      writer.writeLine(`${key}${membership.required ? '' : '?'}: ${type};`);
    }
    for (const key of others) writer.writeLine(`${key}?: never;`);
  });
}

const RUNTIME = '$runtime';
const MODULE_TYPES = '$types';

/** Runtime value classes that mapped parameter types name. */
const RUNTIME_VALUE_TYPES = /\b(PSCredentialValue|ScriptBlockValue|SecureStringValue)\b/g;

/**
 * Chooses the parameter's type: the module interface that NOTES describe for it, else the mapped
 * .NET type. Names from the runtime and from the module's types file get their namespace.
 */
function parameterType(command: CommandModel, parameter: ParameterModel, complexTypes: ModuleComplexTypes): ParameterType {
  const describedMapping = complexTypes.mappingForParameter(command.name, parameter.name);
  if (describedMapping !== null) {
    const names = new Set(complexTypes.typeNames);
    const described = describedMapping.arrayDepth === 1 ? withSingleElement(describedMapping.ts) : describedMapping.ts;
    const qualified = described.replace(/[A-Za-z_$][\w$]*/g, (name) => (names.has(name) ? `${MODULE_TYPES}.${name}` : name));
    return { ts: qualified.replace(RUNTIME_VALUE_TYPES, `${RUNTIME}.$1`), known: true, isSwitch: false };
  }
  const mapped = parameterValueType(parameter);
  return { ...mapped, ts: mapped.ts.replace(RUNTIME_VALUE_TYPES, `${RUNTIME}.$1`) };
}

/** TypeScript types of output objects by value kind, as the session returns them in JSON. */
const OUTPUT_TYPES: Partial<Record<string, string>> = {
  string: 'string',
  char: 'string',
  guid: 'string',
  uri: 'string',
  datetime: 'string',
  boolean: 'boolean',
  sbyte: 'number',
  byte: 'number',
  int16: 'number',
  uint16: 'number',
  int32: 'number',
  uint32: 'number',
  int64: 'number',
  uint64: 'number',
  single: 'number',
  double: 'number',
  decimal: 'number',
  hashtable: 'Record<string, unknown>',
};

/**
 * Maps the OUTPUTS types to the type of one output object: their union, `unknown` when any of
 * them has no mapping or none is listed, and `never` when the section lists only `None`. Dates
 * are strings because the session returns them as ISO 8601 text.
 */
function outputType(command: CommandModel): string {
  const listed = command.outputs.map((output) => output.type.trim()).filter((type) => type !== '');
  const produced = listed.filter((type) => !/^(none|void|system\.void)\.?$/i.test(type));
  if (listed.length > 0 && produced.length === 0) return 'never';
  const types = new Set<string>();
  for (const type of produced) {
    const mapping = mapDotNetType(type);
    const element = mapping.known ? OUTPUT_TYPES[mapping.kind] : undefined;
    if (element === undefined) return 'unknown';
    types.add(wrapArray(element, mapping.arrayDepth));
  }
  return types.size === 0 ? 'unknown' : [...types].sort().join(' | ');
}

function parameterTags(parameter: ParameterModel, known: boolean): JsDocTag[] {
  const tags: JsDocTag[] = [];
  if (parameter.aliases.length > 0) tags.push({ tag: 'remarks', text: `Aliases: ${parameter.aliases.map((alias) => `\`${alias}\``).join(', ')}.` });
  if (!known) tags.push({ tag: 'remarks', text: `.NET type \`${parameter.type}\` has no TypeScript mapping.` });
  if (parameter.defaultValue !== '') tags.push({ tag: 'defaultValue', text: parameter.defaultValue });
  return tags;
}

function functionTags(command: CommandModel): JsDocTag[] {
  const tags: JsDocTag[] = command.examples.filter((example) => example.code.length > 0).map(toExampleTag);
  for (const link of command.links) {
    if (/^https?:/.test(link.url)) tags.push({ tag: 'see', text: link.text === '' ? link.url : `[${link.text}](${link.url})` });
  }
  return tags;
}
