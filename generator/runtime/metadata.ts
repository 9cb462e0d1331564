/**
 * Compact per-command tables that drive the runtime binder. The emitter writes one
 * `CommandMetadata` object literal into each generated file, so every field is plain JSON: no
 * maps, no classes, no functions.
 */
import type { ValueKind } from '../model/dotnet-types.ts';

/** Everything the binder needs to know about one command. */
export interface CommandMetadata {
  /** Command name, such as `Get-Content`. */
  name: string;
  module: string;
  /**
   * Declared parameter set names in PowerShell's numbering order: the default set first (even
   * when no parameter names it), then each set in the order the parameters first name it. Set
   * names compare case-sensitively, as PowerShell compares them.
   */
  sets: string[];
  /** Name of the default set (then `sets[0]`), or null when the command declares none. */
  defaultSet: string | null;
  /** True when the command takes the common parameters (`-Verbose`, `-ErrorAction`, ...). */
  cmdletBinding: boolean;
  /** True when the command takes `-WhatIf` and `-Confirm`. */
  supportsShouldProcess: boolean;
  /** Declared parameters in declaration order, common parameters excluded. */
  parameters: ParameterMetadata[];
}

/** One declared parameter. */
export interface ParameterMetadata {
  /** Canonical PowerShell name without the dash. */
  name: string;
  aliases: string[];
  /** Kind of one element of the value. */
  kind: ValueKind;
  /** 0 for a scalar, 1 for `T[]`, 2 for `T[][]`. */
  arrayDepth: number;
  /** True for `Nullable<T>` of a scalar: null stays null instead of becoming 0 or false; omitted when false. */
  nullable?: boolean;
  /** Allowed values, compared case-insensitively like `[ValidateSet()]`; empty for no restriction. */
  acceptedValues: string[];
  /** One entry per `[Parameter()]` attribute, at least one. */
  sets: ParameterSetEntry[];
}

/** Membership of a parameter in one parameter set, like one `[Parameter()]` attribute. */
export interface ParameterSetEntry {
  /** Index into `CommandMetadata.sets`, or `'all'` for an entry that applies to every set. */
  set: number | 'all';
  mandatory: boolean;
  /** Position for positional binding, or null for a named-only parameter. */
  position: number | null;
  /** ValueFromPipeline; omitted when false. */
  valueFromPipeline?: boolean;
  /** ValueFromPipelineByPropertyName; omitted when false. */
  valueFromPipelineByPropertyName?: boolean;
  /** ValueFromRemainingArguments; omitted when false. */
  valueFromRemainingArguments?: boolean;
}
