/**
 * The intermediate model: what the parser reads out of one PlatyPS document, and the only input
 * the emitters see. Every value is plain JSON (no classes, no `undefined` fields that matter, no
 * maps), so `JSON.stringify` round-trips it and `cmdlet-ts parse FILE` can print it.
 *
 * Types are kept as written in the doc (`System.String[]`, `<IDictionary>`); turning them into
 * TypeScript or runtime checks is the emitters' work (see `dotnet-types.ts`).
 */

/** A 1-based line and column in the source document, after BOM and CR removal. */
export interface SourcePoint {
  line: number;
  column: number;
}

/** The name PowerShell uses for the parameter set that every set includes. */
export const ALL_PARAMETER_SETS = '__AllParameterSets';

/** PlatyPS format of the document, from its front matter. */
export type SchemaVersion = 'v1' | 'v2' | 'unknown';

/** One parsed cmdlet page. */
export interface CommandModel {
  /** Command name from the H1 heading, such as `Get-Content`. */
  name: string;
  /** `Module Name` from the front matter, or the name of the folder holding the doc. */
  module: string;
  schema: SchemaVersion;
  /** Path of the source doc as given to the parser (relative paths stay relative). */
  source: string;
  /** Front-matter keys and values as written, list values kept as lists. */
  frontMatter: Record<string, string | string[]>;
  synopsis: string;
  description: string;
  /** Command aliases, from the ALIASES section (v2) or an `aliases` front-matter list. */
  aliases: string[];
  /** Parameter sets in the order of the SYNTAX section, default set included. */
  parameterSets: ParameterSetModel[];
  /** Name of the default set, or null when SYNTAX marks none. */
  defaultParameterSet: string | null;
  /** Declared parameters, common parameters removed, in document order. */
  parameters: ParameterModel[];
  /** True when the doc says the command takes the common parameters (`[<CommonParameters>]` or a CommonParameters heading). */
  cmdletBinding: boolean;
  /** True when `-WhatIf` and `-Confirm` are documented, that is the cmdlet supports ShouldProcess. */
  supportsShouldProcess: boolean;
  examples: ExampleModel[];
  inputs: TypeDocModel[];
  outputs: TypeDocModel[];
  /** NOTES section as raw markdown. */
  notes: string;
  /** Hashtable shapes described under COMPLEX PARAMETER PROPERTIES in NOTES. */
  complexParameters: ComplexParameterModel[];
  links: LinkModel[];
  /** Position of the H1 heading. */
  position: SourcePoint;
}

/** One `### SetName` block of the SYNTAX section. */
export interface ParameterSetModel {
  /** Set name as PowerShell reports it (`__AllParameterSets` for a command with one unnamed set). */
  name: string;
  isDefault: boolean;
  /** The syntax line(s) as written, wrapped lines joined by a single space. */
  syntax: string;
  /** Parameters as the syntax line presents them, in order. */
  syntaxParameters: SyntaxParameter[];
  /** True when the syntax line ends with `[<CommonParameters>]`. */
  commonParameters: boolean;
  position: SourcePoint;
}

/** One parameter token of a syntax line. */
export interface SyntaxParameter {
  name: string;
  /** Value type inside `<...>`, or null for a switch. */
  type: string | null;
  /** Not wrapped in brackets. */
  mandatory: boolean;
  /** Name wrapped in its own brackets, as in `[-Path] <String>`. */
  positional: boolean;
}

/** Membership of a parameter in one parameter set. */
export interface ParameterSetMembership {
  /** Set name, or `__AllParameterSets` for an entry that applies to every set. */
  set: string;
  /** Position for positional binding, or null for a named-only parameter. */
  position: number | null;
  required: boolean;
  valueFromPipeline: boolean;
  valueFromPipelineByPropertyName: boolean;
  valueFromRemainingArguments: boolean;
}

/** One documented parameter. */
export interface ParameterModel {
  /** PowerShell name without the dash, as written in its `### -Name` heading. */
  name: string;
  /** .NET type as written in the YAML block, such as `System.String[]`. */
  type: string;
  description: string;
  aliases: string[];
  /** Default value as text; empty when the doc gives none or `None`. */
  defaultValue: string;
  /** Values from `AcceptedValues` or `Accepted values`, as written. */
  acceptedValues: string[];
  supportsWildcards: boolean;
  dontShow: boolean;
  helpMessage: string;
  /** One entry per set the parameter belongs to. */
  sets: ParameterSetMembership[];
  /** YAML keys the format does not define (such as `Applicable` or `Dynamic`), kept as text. */
  extra: Record<string, string>;
  /** Position of the `### -Name` heading. */
  position: SourcePoint;
}

export interface ExampleModel {
  title: string;
  /** Code blocks of the example, in order; unfenced bodies (Graph docs) become one code entry. */
  code: string[];
  /** The prose of the example, raw markdown. */
  remarks: string;
}

/** An INPUTS or OUTPUTS entry. */
export interface TypeDocModel {
  type: string;
  description: string;
}

export interface LinkModel {
  text: string;
  url: string;
}

/** One top-level block of COMPLEX PARAMETER PROPERTIES, such as `BODYPARAMETER <IWidget>: ...`. */
export interface ComplexParameterModel {
  /** Parameter name as written in NOTES (upper case in most docs). */
  name: string;
  /** The documented parameter the block describes, spelled as its `### -Name` heading; absent when none matches. */
  parameter?: string;
  /** Type name inside the angle brackets, such as `IWidget` or `IWidget[]`. */
  type: string;
  description: string;
  properties: ComplexPropertyModel[];
  /** Line of the block's first line in the source. */
  line: number;
}

/** One entry of a COMPLEX PARAMETER PROPERTIES tree. */
export interface ComplexPropertyModel {
  /** Property name, or `(Any)` for an open object. */
  name: string;
  type: string;
  required: boolean;
  description: string;
  properties: ComplexPropertyModel[];
  line: number;
}

/** A page the parser recognised and did not turn into a command. */
export interface SkippedDocument {
  kind: 'module-page' | 'about-topic' | 'not-platyps';
  source: string;
  reason: string;
}

export type Severity = 'error' | 'warning' | 'info';

/** A problem found in a document, located so that editors and compilers can jump to it. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  /** Stable machine id, such as `parameter-without-yaml`. */
  ruleId: string;
  message: string;
  /** Fix the author can apply. */
  hint?: string;
  /** Values that would have been accepted, as in vfile-message. */
  expected?: string[];
  /** The value found, as in vfile-message. */
  actual?: string;
}

/** Result of parsing one document. */
export interface ParseResult {
  command: CommandModel | null;
  skipped: SkippedDocument | null;
  diagnostics: Diagnostic[];
}
