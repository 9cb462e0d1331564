/**
 * Shared TypeScript interfaces for the hashtable parameters of one module, built from the
 * COMPLEX PARAMETER PROPERTIES trees of all its commands. A model type such as
 * `IMicrosoftGraphGroupLifecyclePolicy` is described in many docs and at many depths, and each
 * description adds its properties to one interface. The docs cut recursion by naming an already
 * described type without its properties, so such a property becomes a reference to the interface.
 */
import { mapDotNetType, mapDotNetTypeWith, parseDotNetTypeName, type TypeMapping } from '../model/dotnet-types.ts';
import type { CommandModel, ComplexPropertyModel, Diagnostic } from '../model/types.ts';
import { assignUniqueNames, compareOrdinal, renderJsDoc, toPropertyKey, toTypeName } from './identifiers.ts';

/** The parts of a command that the complex types are built from. */
export type ComplexTypeSource = Pick<CommandModel, 'name' | 'source' | 'parameters' | 'complexParameters'>;

/** Shared interfaces of one module and the lookups the cmdlet emitter needs. */
export interface ModuleComplexTypes {
  /** Interface declarations sorted by name, separated by blank lines, each with JSDoc; empty when there are none. */
  declarations: string;
  /** Exported interface names, sorted. */
  typeNames: string[];
  /** Runtime names the declarations use (such as `SecureStringValue`), sorted. */
  runtimeImports: string[];
  /**
   * TypeScript type of a parameter that NOTES describe, such as `IMicrosoftGraphAddIn[]`, or null.
   * The block is found by parameter name (ignoring case), else by the parameter's .NET type.
   */
  typeForParameter(command: string, parameterName: string): string | null;
  /** The same as a full mapping (kind `hashtable`, array depth), or null. */
  mappingForParameter(command: string, parameterName: string): TypeMapping | null;
  /** Conflicting descriptions of one type, properties of unknown type, and undescribed model types. */
  diagnostics: Diagnostic[];
}

/** Source location of one description of a property. */
interface Origin {
  command: string;
  file: string;
  line: number;
}

/** One property of a type as one description writes it. */
interface PropertyVariant {
  property: ComplexPropertyModel;
  origin: Origin;
}

/** A model type collected from every place that describes it. */
interface CollectedType {
  /** Type name as NOTES write it, without array or nullable marks. */
  dotNetName: string;
  /** Properties by lower-case name, in order of first appearance. */
  properties: Map<string, PropertyVariant[]>;
  commands: Set<string>;
  firstOrigin: Origin;
}

/** Entry name, in lower case, that marks an open object and adds an index signature. */
const OPEN_OBJECT = '(any)';
/** Model types in AutoRest help are interfaces named `I` and a capital letter. */
const MODEL_INTERFACE = /^I[A-Z0-9]/;
const MAX_COMMANDS_NAMED = 3;

/**
 * Builds the shared interfaces of one module.
 *
 * @param commands Parsed commands of the module, in any order; the output depends only on their content.
 * @returns Declarations, lookups and diagnostics.
 */
export function buildComplexTypes(commands: readonly ComplexTypeSource[]): ModuleComplexTypes {
  const sorted = [...commands].sort((a, b) => compareOrdinal(a.name, b.name) || compareOrdinal(a.source, b.source));
  const diagnostics: Diagnostic[] = [];

  // 1. Collect every described type and the properties each description gives it.
  const types = new Map<string, CollectedType>();
  for (const command of sorted) {
    for (const root of command.complexParameters) {
      const origin = { command: command.name, file: command.source, line: root.line };
      collectType(types, root.type, root.properties, origin, diagnostics);
    }
  }

  // 2. Name the interfaces, unique even ignoring case.
  const names = assignUniqueNames([...types.keys()], (name) => toTypeName(baseName(name)));
  const resolvers = createResolvers(types, names);

  // 3. Write one interface per type.
  const runtimeImports = new Set<string>();
  const reportedUnknown = new Set<string>();
  const declarations = [...types.values()]
    .map((type) => ({ name: names.get(type.dotNetName) ?? type.dotNetName, type }))
    .sort((a, b) => compareOrdinal(a.name, b.name))
    .map(({ name, type }) => writeInterface(name, type, resolvers.inNotes, { diagnostics, runtimeImports, reportedUnknown }));

  // 4. Lookups by command and parameter.
  const byCommand = new Map(sorted.map((command) => [command.name.toLowerCase(), command]));
  const mappingForParameter = (commandName: string, parameterName: string): TypeMapping | null => {
    const command = byCommand.get(commandName.toLowerCase());
    if (command === undefined) return null;
    return parameterMapping(command, parameterName, resolvers);
  };

  return {
    declarations: declarations.join('\n\n'),
    typeNames: [...names.values()].sort(compareOrdinal),
    runtimeImports: [...runtimeImports].sort(compareOrdinal),
    typeForParameter: (commandName, parameterName) => mappingForParameter(commandName, parameterName)?.ts ?? null,
    mappingForParameter,
    diagnostics,
  };
}

/** Records a description of `typeText` with `properties`, then the descriptions nested in them. */
function collectType(
  types: Map<string, CollectedType>,
  typeText: string,
  properties: readonly ComplexPropertyModel[],
  origin: Origin,
  diagnostics: Diagnostic[],
): void {
  if (properties.length === 0) {
    return;
  }
  const name = describedName(typeText);
  if (name === null) {
    diagnostics.push({ file: origin.file, line: origin.line, column: 1, severity: 'warning', ruleId: 'complex-type-builtin', message: `Entry of type \`<${typeText}>\` lists properties, but that type is built in; the properties were ignored.` });
    return;
  }
  let type = types.get(name);
  if (type === undefined) {
    type = { dotNetName: name, properties: new Map(), commands: new Set(), firstOrigin: origin };
    types.set(name, type);
  }
  type.commands.add(origin.command);
  for (const property of properties) {
    const key = property.name.toLowerCase();
    const propertyOrigin = { ...origin, line: property.line };
    type.properties.set(key, [...(type.properties.get(key) ?? []), { property, origin: propertyOrigin }]);
    collectType(types, property.type, property.properties, propertyOrigin, diagnostics);
  }
}

/**
 * Returns the model type a described entry stands for: its type with arrays, nullables and
 * one-argument collections removed (`IWidget[]` and `List<IWidget>` give `IWidget`). Returns null
 * when that type is built in, so a `Hashtable` with listed keys stays a `Hashtable`.
 */
function describedName(typeText: string): string | null {
  let parsed = parseDotNetTypeName(typeText);
  while (parsed !== null && parsed.typeArguments.length === 1) {
    parsed = parsed.typeArguments[0] ?? null;
  }
  if (parsed === null || parsed.typeArguments.length > 0 || mapDotNetType(parsed.name).known) {
    return null;
  }
  return parsed.name;
}

/** Last segment of a namespaced name. */
function baseName(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

type Resolver = (name: string) => TypeMapping | undefined;

/**
 * Makes the name resolvers. `described` finds the interface of a described type by its full
 * name or else its last segment, so a parameter typed `Microsoft.Graph.PowerShell.Models.IWidget`
 * finds `IWidget`. `inNotes` also types an undescribed model name (`I` and a capital letter) as
 * `Record<string, unknown>`. That is right inside NOTES trees, where every such name is a
 * hashtable model, but not elsewhere, where it could be a .NET interface that no hashtable
 * converts to.
 */
function createResolvers(types: ReadonlyMap<string, CollectedType>, names: ReadonlyMap<string, string>): { described: Resolver; inNotes: Resolver } {
  const byBase = new Map<string, string>();
  for (const name of [...types.keys()].sort(compareOrdinal)) {
    if (!byBase.has(baseName(name))) byBase.set(baseName(name), name);
  }
  const described: Resolver = (name) => {
    const dotNetName = types.has(name) ? name : byBase.get(baseName(name));
    const interfaceName = dotNetName === undefined ? undefined : names.get(dotNetName);
    return interfaceName === undefined ? undefined : { ts: interfaceName, kind: 'hashtable', arrayDepth: 0, known: true };
  };
  const inNotes: Resolver = (name) => {
    const found = described(name);
    if (found !== undefined) return found;
    if (MODEL_INTERFACE.test(baseName(name)) && !mapDotNetType(name).known) {
      return { ts: 'Record<string, unknown>', kind: 'hashtable', arrayDepth: 0, known: true };
    }
    return undefined;
  };
  return { described, inNotes };
}

interface WriteContext {
  diagnostics: Diagnostic[];
  runtimeImports: Set<string>;
  /** Unknown type names already reported, so each is reported once per module. */
  reportedUnknown: Set<string>;
}

function writeInterface(name: string, type: CollectedType, resolve: Resolver, context: WriteContext): string {
  const members: string[] = [];
  let openObject = false;
  for (const variants of type.properties.values()) {
    const first = variants[0];
    if (first === undefined) continue;
    if (first.property.name.toLowerCase() === OPEN_OBJECT) {
      openObject = true;
      continue;
    }
    members.push(writeProperty(type, variants, resolve, context));
  }
  if (openObject) {
    members.push('  /** Any other property is allowed. */\n  [property: string]: unknown;');
  }

  const commands = [...type.commands].sort(compareOrdinal);
  const named = commands.slice(0, MAX_COMMANDS_NAMED).join(', ');
  const more = commands.length > MAX_COMMANDS_NAMED ? ` and ${commands.length - MAX_COMMANDS_NAMED} more` : '';
  const doc = renderJsDoc(`Hashtable of type \`${type.dotNetName}\`, as described in the help of ${named}${more}.`);
  return `${doc}\nexport interface ${name} {\n${members.join('\n')}${members.length > 0 ? '\n' : ''}}`;
}

/**
 * Writes one property. When descriptions disagree on the type, the member gets the union of the
 * types, and when they disagree on requiredness, the member is optional. Both are reported.
 */
function writeProperty(type: CollectedType, variants: readonly PropertyVariant[], resolve: Resolver, context: WriteContext): string {
  const [first] = variants as [PropertyVariant, ...PropertyVariant[]];
  const mappings = variants.map((variant) => mapDotNetTypeWith(variant.property.type, resolve));
  const typeTexts = [...new Set(mappings.map((mapping) => mapping.ts))];
  const required = variants.every((variant) => variant.property.required);
  const label = `${type.dotNetName}.${first.property.name}`;

  // 1. Report disagreements and unknown types.
  if (typeTexts.length > 1) {
    const where = variants.map((variant) => `\`<${variant.property.type}>\` (${variant.origin.command}, line ${variant.origin.line})`);
    report(context, 'warning', 'complex-type-conflict', first.origin, `Property \`${label}\` is described with different types: ${[...new Set(where)].join(', ')}; the union of them was used.`);
  }
  if (!required && variants.some((variant) => variant.property.required)) {
    const requiredIn = variants.find((variant) => variant.property.required)?.origin;
    report(context, 'warning', 'complex-type-conflict', first.origin, `Property \`${label}\` is required in ${requiredIn?.command ?? 'one doc'} but optional elsewhere; it was made optional.`);
  }
  for (const [index, mapping] of mappings.entries()) {
    for (const name of mapping.runtimeImports ?? []) context.runtimeImports.add(name);
    const variant = variants[index];
    if (!mapping.known && variant !== undefined && !context.reportedUnknown.has(variant.property.type)) {
      context.reportedUnknown.add(variant.property.type);
      report(context, 'info', 'complex-type-unknown', variant.origin, `Type \`${variant.property.type}\` of \`${label}\` is not known, so the property is typed \`unknown\`.`);
    }
  }

  // 2. Write the member with the first non-empty description.
  const description = variants.map((variant) => variant.property.description).find((text) => text.trim() !== '') ?? '';
  const doc = renderJsDoc(description, [], '  ');
  const member = `  ${toPropertyKey(first.property.name)}${required ? '' : '?'}: ${typeTexts.join(' | ')};`;
  return doc === '' ? member : `${doc}\n${member}`;
}

/**
 * Maps a parameter that a NOTES block describes, or whose .NET type is a described model type.
 * Null for any other parameter, which the built-in table maps.
 */
function parameterMapping(command: ComplexTypeSource, parameterName: string, resolvers: { described: Resolver; inNotes: Resolver }): TypeMapping | null {
  const lower = parameterName.toLowerCase();
  const root = command.complexParameters.find((block) => (block.parameter ?? block.name).toLowerCase() === lower);
  if (root !== undefined) {
    return mapDotNetTypeWith(root.type, resolvers.inNotes);
  }
  const typeText = command.parameters.find((parameter) => parameter.name.toLowerCase() === lower)?.type;
  const described = typeText === undefined ? null : describedName(typeText);
  if (typeText === undefined || described === null || resolvers.described(described) === undefined) {
    return null;
  }
  return mapDotNetTypeWith(typeText, resolvers.described);
}

function report(context: WriteContext, severity: Diagnostic['severity'], ruleId: string, origin: Origin, message: string): void {
  context.diagnostics.push({ file: origin.file, line: origin.line, column: 1, severity, ruleId, message });
}
