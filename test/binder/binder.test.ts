/**
 * Binder regression table: set-resolution cases and worked binder examples, each with the
 * outcome pwsh 7.6.10 gave for the same metadata and call. The second suite replays every row
 * through pwsh, so a row whose expectation pwsh does not share fails there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { powerShellFunctionFromMetadata, PROBE_PREFIX } from '../../generator/emit/powershell-function.ts';
import { bindParameters } from '../../generator/runtime/binder.ts';
import type { BindErrorId } from '../../generator/runtime/binder-errors.ts';
import type { CommandMetadata } from '../../generator/runtime/metadata.ts';
import type { CallArguments } from './harness/cases.ts';
import { wireArguments } from './harness/differential.ts';
import { findPwsh, runBatch, type PwshOutcome } from './harness/pwsh.ts';
import { command } from './notation.ts';

interface Want {
  /** Set pwsh reports, with the names bound in binding order. */
  set?: string;
  bound?: string[];
  /** Error id pwsh raises. */
  error?: BindErrorId;
  /** Parameters the binder's error names (missing, ambiguous or clashing ones). */
  parameters?: string[];
  /** Sets that the binder's error lists as fitting. */
  sets?: string[];
  suggestion?: string;
}

type Row = [name: string, given: { metadata: CommandMetadata; call: CallArguments }, want: Want];

const c11Row1 = command('[switch]S1{Set1}, [switch]S2{Set2; Set3}', { defaultSet: 'Set1' });
const c11Row2 = command('A1{SetA}, A2{SetA}, B1{SetB m}, B2{SetB}');
const c11Row5 = command('P{Set1 m}, R{Set1; Set2}', { defaultSet: 'Set1' });
const c12 = command('[switch]A{First}, [switch]B{Second}, [switch]C{Third}', { supportsShouldProcess: true });
const example8 = command('Var1{Set1 p0}, Var2{Set2 p0}, Var3{Set1 p1; Set2 p1}, Var4{* p2}', { defaultSet: 'Set1' });
const example11 = command('x{A}, y{B}, z{*}');
const example20 = command('P{A; B}, MA{A m}');
const example28 = command('ComputerName{*}, Credential{*}', { supportsShouldProcess: true });
const twoSets = command('x{A}, y{B}');

const ROWS: Row[] = [
  // Set resolution when several sets remain.
  ['switch in two non-default sets', { metadata: c11Row1, call: [['S2', true]] }, { error: 'AmbiguousParameterSet', sets: ['Set2', 'Set3'] }],
  ['no arguments picks the default', { metadata: c11Row1, call: [] }, { set: 'Set1', bound: [] }],
  ['no default, set without mandatory', { metadata: c11Row2, call: [] }, { set: 'SetA', bound: [] }],
  ['set chosen, mandatory missing', { metadata: c11Row2, call: [['B2', 1]] }, { error: 'MissingMandatoryParameter', parameters: ['B1'], sets: ['SetB'] }],
  ['two switch sets, no default', { metadata: command('[switch]X{SetX}, [switch]Y{SetY}'), call: [] }, { error: 'AmbiguousParameterSet', sets: ['SetX', 'SetY'] }],
  ['single set mandatory missing', { metadata: command('F{SetF m}, G{*}'), call: [['G', 1]] }, { error: 'MissingMandatoryParameter', parameters: ['F'] }],
  ['default wins though it misses', { metadata: c11Row5, call: [['R', 1]] }, { error: 'MissingMandatoryParameter', parameters: ['P'], sets: ['Set1'] }],
  ['second set fits when named', { metadata: c11Row5, call: [['R', 1], ['P', 'p']] }, { set: 'Set1', bound: ['R', 'P'] }],

  // A false switch is dropped before binding; common switches keep false.
  ['false switch is dropped', { metadata: c12, call: [['A', true], ['B', false]] }, { set: 'First', bound: ['A'] }],
  ['confirm false is kept', { metadata: c12, call: [['C', true], ['confirm', false]] }, { set: 'Third', bound: ['C', 'Confirm'] }],
  ['whatIf false is kept', { metadata: c12, call: [['whatIf', false]] }, { error: 'AmbiguousParameterSet' }],
  ['verbose false is kept', { metadata: c11Row1, call: [['verbose', false]] }, { set: 'Set1', bound: ['Verbose'] }],

  // Worked examples of the binder's rules, called by name only.
  ['transformation error for int', { metadata: command('[int]Parameter1{*}'), call: [['Parameter1', 'exampleInvalidParam']] }, { error: 'ParameterArgumentTransformationError' }],
  ['named arguments select set two', { metadata: example8, call: [['Var2', 1], ['Var3', 2], ['Var4', 3]] }, { set: 'Set2', bound: ['Var2', 'Var3', 'Var4'] }],
  ['untagged parameters only', { metadata: example11, call: [] }, { error: 'AmbiguousParameterSet', sets: ['A', 'B'] }],
  ['all-sets parameter only', { metadata: example11, call: [['z', 1]] }, { error: 'AmbiguousParameterSet' }],
  ['one explicit set, mandatory', { metadata: command('Foo{ByFoo m}, Bar{*}'), call: [] }, { error: 'MissingMandatoryParameter', parameters: ['Foo'] }],
  ['one explicit set, bound', { metadata: command('Foo{ByFoo m}, Bar{*}'), call: [['Foo', 'a']] }, { set: 'ByFoo', bound: ['Foo'] }],
  ['one explicit set, nothing bound', { metadata: command('Foo{ByFoo}, Bar{*}'), call: [] }, { set: '__AllParameterSets', bound: [] }],
  ['tie-break keeps set without mandatory', { metadata: command('bar1{*}, bar2{bar2}, bar3{bar3 m}'), call: [] }, { set: 'bar2', bound: [] }],
  ['default name differs in case', { metadata: command('Id{ById m}', { defaultSet: 'BYID' }), call: [] }, { set: 'BYID', bound: [] }],
  ['declared WhatIf without ShouldProcess', { metadata: command('Parameter1{one}, Parameter2{two}, [int]WhatIf{*}'), call: [['Parameter1', 1]] }, { set: 'one', bound: ['Parameter1'] }],
  ['default cannot rescue a clash', { metadata: command('P{A}, Q{B}', { defaultSet: 'A' }), call: [['P', 1], ['Q', 2]] }, { error: 'AmbiguousParameterSet', parameters: ['P', 'Q'] }],
  ['shared set of two parameters', { metadata: command('P{A; B}, Q{B; C}'), call: [['P', 1], ['Q', 2]] }, { set: 'B', bound: ['P', 'Q'] }],
  ['tie-break removes mandatory set', { metadata: example20, call: [['P', 1]] }, { set: 'B', bound: ['P'] }],
  ['default beats the tie-break', { metadata: command('P{A; B}, MA{A m}', { defaultSet: 'A' }), call: [['P', 1]] }, { error: 'MissingMandatoryParameter', parameters: ['MA'] }],
  ['two sets, nothing mandatory', { metadata: command('P{A; B}'), call: [['P', 1]] }, { error: 'AmbiguousParameterSet', sets: ['A', 'B'] }],
  ['default set misses mandatory', { metadata: command('X{A m}, Y{B}', { defaultSet: 'A' }), call: [] }, { error: 'MissingMandatoryParameter', parameters: ['X'] }],
  ['default set no parameter names', { metadata: command('x{A}, y{B}', { defaultSet: 'None' }), call: [] }, { set: 'None', bound: [] }],
  ['parameter beats unused default', { metadata: command('x{A}, y{B}', { defaultSet: 'None' }), call: [['x', 1]] }, { set: 'A', bound: ['x'] }],
  ['set error beats unknown name', { metadata: twoSets, call: [['Bogus', 1]] }, { error: 'AmbiguousParameterSet' }],
  ['clash beats unknown name', { metadata: command('P{A}, Q{B}'), call: [['P', 1], ['Q', 2], ['Bogus', 3]] }, { error: 'AmbiguousParameterSet' }],
  ['unknown name with close match', { metadata: command('[int]Count{*}'), call: [['Cuont', 1]] }, { error: 'NamedParameterNotFound', suggestion: 'Count' }],
  ['prefix matches two and Confirm', { metadata: example28, call: [['C', 'x']] }, { error: 'AmbiguousParameter', parameters: ['ComputerName', 'Credential', 'Confirm'] }],
  ['longer prefix is unique', { metadata: example28, call: [['Com', 'x']] }, { set: '__AllParameterSets', bound: ['ComputerName'] }],
  ['declared beats Verbose', { metadata: command('Value{*}'), call: [['V', 1]] }, { set: '__AllParameterSets', bound: ['Value'] }],
  ['prefix of two common parameters', { metadata: command('Value{*}'), call: [['e', 'x']] }, { error: 'AmbiguousParameter', parameters: ['ErrorAction', 'ErrorVariable'] }],
  ['name and alias both given', { metadata: command('Name(N){*}'), call: [['Name', 'a'], ['N', 'b']] }, { error: 'ParameterAlreadyBound' }],
  ['same name in two cases', { metadata: command('Name{*}'), call: [['name', 'a'], ['NAME', 'b']] }, { error: 'ParameterAlreadyBound' }],
  ['ValidateSet ignores case', { metadata: command('Level{*}', { accepted: { Level: ['Low', 'High'] } }), call: [['Level', 'low']] }, { set: '__AllParameterSets', bound: ['Level'] }],
  ['ValidateSet rejects value', { metadata: command('Level{*}', { accepted: { Level: ['Low', 'High'] } }), call: [['Level', 'Medium']] }, { error: 'ParameterArgumentValidationError' }],
  ['false switch no longer narrows', { metadata: command('[switch]Sw{B}, X{A}', { defaultSet: 'A' }), call: [['Sw', false]] }, { set: 'A', bound: [] }],
  ['WhatIf without ShouldProcess', { metadata: command('Name{*}'), call: [['WhatIf', true]] }, { error: 'NamedParameterNotFound' }],

  // Rules that decide which error comes first.
  ['pipeline parameter postpones set check', { metadata: command('x{A}, y{B V}'), call: [['Bogus', 1]] }, { error: 'NamedParameterNotFound' }],
  ['remaining arguments take unknown names', { metadata: command('[object[]]Rest{* R}, Name{*}'), call: [['Bogus', 1]] }, { set: '__AllParameterSets', bound: ['Rest'] }],
  ['two remaining-argument parameters', { metadata: command('[object[]]R1{A R}, [object[]]R2{B R}'), call: [['Bogus', 1]] }, { error: 'AmbiguousParameterSet' }],
  ['position conflict needs a leftover', { metadata: command('P1{* p0}, P2{* p0}'), call: [] }, { set: '__AllParameterSets', bound: [] }],
  ['position conflict with leftover', { metadata: command('P1{* p0}, P2{* p0}'), call: [['Bogus', 1]] }, { error: 'AmbiguousPositionalParameterNoName' }],
  ['names of prototype members', { metadata: command('Name{*}'), call: [['constructor', 1]] }, { error: 'NamedParameterNotFound' }],
  ['mandatory string given empty', { metadata: command('Name{* m}'), call: [['Name', '']] }, { error: 'ParameterArgumentValidationErrorEmptyStringNotAllowed' }],
  ['mandatory array given empty', { metadata: command('[string[]]Names{* m}'), call: [['Names', []]] }, { error: 'ParameterArgumentValidationErrorEmptyArrayNotAllowed' }],
  ['byte out of range', { metadata: command('[byte]B{*}'), call: [['B', 256]] }, { error: 'ParameterArgumentTransformationError' }],
  ['OutBuffer below its range', { metadata: command('Name{*}'), call: [['OutBuffer', -1]] }, { error: 'ParameterArgumentValidationError' }],
  ['ErrorAction name not defined', { metadata: command('Name{*}'), call: [['ErrorAction', 'Bogus']] }, { error: 'CannotConvertArgumentNoMessage' }],
  ['ErrorAction Suspend is rejected', { metadata: command('Name{*}'), call: [['ea', 'Suspend']] }, { error: 'ParameterBindingFailed' }],
];

/**
 * Calls sent to pwsh exactly as written, false switches included, to record what pwsh does
 * without the normalisation: a bound `-B:$false` still narrows the sets.
 */
const RAW_ROWS: Row[] = [
  ['raw false switch still narrows', { metadata: c12, call: [['A', true], ['B', false]] }, { error: 'AmbiguousParameterSet' }],
  ['raw false switch picks its set', { metadata: command('[switch]Sw{B}, X{A}', { defaultSet: 'A' }), call: [['Sw', false]] }, { set: 'B', bound: ['Sw'] }],
];

describe('bindParameters', () => {
  it.each(ROWS)('%s', (_name, given, want) => {
    const result = bindParameters(given.metadata, Object.fromEntries(given.call));
    if (want.error === undefined) {
      expect(result.ok ? '' : result.errors[0]?.message).toBe('');
      if (result.ok) {
        expect(result.parameterSet).toBe(want.set);
        expect(Object.keys(result.parameters)).toEqual(want.bound);
      }
      return;
    }
    expect(result.ok).toBe(false);
    if (result.ok) {
      return;
    }
    const error = result.errors[0];
    expect(error?.id).toBe(want.error);
    expect(error?.message.length).toBeGreaterThan(20);
    if (want.parameters !== undefined) {
      expect(error?.parameters).toEqual(want.parameters);
    }
    if (want.sets !== undefined) {
      expect(error?.sets).toEqual(want.sets);
    }
    if (want.suggestion !== undefined) {
      expect(error?.suggestion).toBe(want.suggestion);
    }
  });

  it('keeps bound values under canonical names', () => {
    const result = bindParameters(command('Name(N){*}, [int]Count{*}'), { count: 3, n: 'x' });
    expect(result).toEqual({ ok: true, parameterSet: '__AllParameterSets', parameters: { Count: 3, Name: 'x' } });
  });

  it('treats undefined as not given', () => {
    const result = bindParameters(command('Name{* m}, Other{*}'), { name: 'a', other: undefined });
    expect(result.ok).toBe(true);
    expect(result.ok ? Object.keys(result.parameters) : []).toEqual(['Name']);
  });

  it('names what each fitting set needs', () => {
    const result = bindParameters(command('P{A; B}, X{A m}, Y{B m}'), { P: 1 });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.errors[0]?.message).toContain("'A' needs -X, 'B' needs -Y");
  });

  it('lists missing mandatory names in the message', () => {
    const result = bindParameters(command('A{* m}, B{* m}'), {});
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.errors[0]?.message).toContain('-A, -B');
  });
});

describe('binder rows against pwsh', () => {
  const pwsh = findPwsh();
  const outcomes = new Map<string, PwshOutcome>();
  let skipReason: string | undefined;
  if (pwsh === null) {
    skipReason = 'pwsh not found at .tools/pwsh/pwsh or $CMDLET_TS_PWSH';
    if (process.env['CI'] === 'true') {
      it('needs pwsh in CI', () => {
        throw new Error(`${skipReason}: install it with dotnet tool install --tool-path .tools/pwsh PowerShell --version 7.6.10`);
      });
    } else {
      console.log(`Skipping pwsh comparison: ${skipReason}.`);
    }
  }

  beforeAll(async () => {
    if (pwsh === null) {
      return;
    }
    const all = [...ROWS.map((row) => ({ row, raw: false })), ...RAW_ROWS.map((row) => ({ row, raw: true }))];
    const definitions = all.map(({ row }, index) => powerShellFunctionFromMetadata(row[1].metadata, `${PROBE_PREFIX}${index}`));
    const cases = all.map(({ row, raw }, index) => ({
      function: `${PROBE_PREFIX}${index}`,
      arguments: raw ? row[1].call : wireArguments(row[1].metadata, row[1].call),
    }));
    const results = await runBatch(pwsh, definitions.join('\n'), cases);
    all.forEach(({ row, raw }, index) => {
      const outcome = results[index];
      if (outcome !== undefined) {
        outcomes.set(`${raw ? 'raw ' : ''}${row[0]}`, outcome);
      }
    });
  }, 120_000);

  afterAll(() => outcomes.clear());

  const check = (key: string, want: Want): void => {
    const outcome = outcomes.get(key);
    expect(outcome).toBeDefined();
    if (want.error !== undefined) {
      expect(outcome?.ok ? `set ${outcome.set}` : outcome?.id).toBe(want.error);
    } else {
      expect(outcome?.ok ? outcome.set : outcome?.id).toBe(want.set);
      expect(outcome?.ok ? outcome.bound : []).toEqual(want.bound);
    }
  };

  it.skipIf(pwsh === null).each(ROWS)('%s', (name, _given, want) => check(name, want));
  it.skipIf(pwsh === null).each(RAW_ROWS)('%s', (name, _given, want) => check(`raw ${name}`, want));
});
