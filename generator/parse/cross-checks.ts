import { ALL_PARAMETER_SETS, type CommandModel, type ParameterModel, type ParameterSetModel, type ParameterSetMembership } from '../model/types.ts';
import type { DiagnosticSink } from './diagnostics.ts';
import { COMMON_PARAMETERS, RISK_PARAMETERS } from './parameters.ts';

/**
 * Checks that the parts of one doc agree with each other, on the assembled command and the sets
 * as SYNTAX wrote them (before the YAML renamed or dropped any):
 *
 * - requiredness and positional binding of each parameter in SYNTAX against its YAML block;
 * - parameters documented in PARAMETERS that no syntax line shows;
 * - aliases used twice, or equal to another parameter's name;
 * - names and aliases that clash with a common parameter or its alias;
 * - `[<CommonParameters>]` in SYNTAX against a `### CommonParameters` section.
 *
 * @param commonParametersHeading Whether PARAMETERS has a `### CommonParameters` section.
 */
export function checkCommand(command: CommandModel, syntaxSets: readonly ParameterSetModel[], commonParametersHeading: boolean, sink: DiagnosticSink): void {
  checkSyntaxAgainstYaml(command, syntaxSets, sink);
  checkParametersInSyntax(command, syntaxSets, sink);
  checkAliases(command, sink);
  checkCommonParameterClashes(command, sink);
  checkCommonParametersToken(command, syntaxSets, commonParametersHeading, sink);
}

/** Compares `-Name <T>` against `[-Name <T>]` and `[-Name] <T>` against `Position: Named`, set by set. */
function checkSyntaxAgainstYaml(command: CommandModel, syntaxSets: readonly ParameterSetModel[], sink: DiagnosticSink): void {
  const byName = new Map(command.parameters.map((parameter) => [parameter.name.toLowerCase(), parameter]));
  for (const set of syntaxSets) {
    for (const token of set.syntaxParameters) {
      const parameter = byName.get(token.name.toLowerCase());
      if (!parameter) continue;
      const membership = membershipFor(parameter, set, syntaxSets.length);
      if (!membership) continue;
      const where = set.name === ALL_PARAMETER_SETS ? 'SYNTAX' : `set \`${set.name}\` of SYNTAX`;
      if (token.mandatory !== membership.required) {
        report(sink, 'syntax-yaml-required', set.position.line, `\`-${parameter.name}\` is ${token.mandatory ? 'required' : 'optional'} in ${where} but ${membership.required ? 'required' : 'optional'} in its YAML block (line ${parameter.position.line}); the YAML was used.`, token.mandatory ? 'Wrap the parameter in `[...]` in SYNTAX or set it as required in the YAML.' : 'Remove the brackets around the parameter in SYNTAX or set it as optional in the YAML.', {
          expected: [membership.required ? 'required' : 'optional'],
          actual: token.mandatory ? 'required' : 'optional',
        });
      }
      const positional = membership.position !== null;
      if (token.type !== null && token.positional !== positional) {
        report(sink, 'syntax-yaml-position', set.position.line, `\`-${parameter.name}\` is ${token.positional ? 'positional' : 'named'} in ${where} but ${positional ? `at position ${membership.position}` : 'named'} in its YAML block (line ${parameter.position.line}); the YAML was used.`, positional ? 'Write the name in its own brackets in SYNTAX, as in `[-Name] <T>`.' : 'Write the name and type together in SYNTAX, as in `-Name <T>`, or give the YAML a Position.', {
          expected: [positional ? 'positional' : 'named'],
          actual: token.positional ? 'positional' : 'named',
        });
      }
    }
  }
}

/** Reports a warning with the value the YAML gives (`expected`) and the one SYNTAX shows (`actual`). */
function report(sink: DiagnosticSink, ruleId: string, line: number, message: string, hint: string, values: { expected: string[]; actual: string }): void {
  sink.diagnostics.push({ file: sink.file, line, column: 1, severity: 'warning', ruleId, message, hint, ...values });
}

/**
 * Finds the YAML entry of a parameter that applies to a SYNTAX set: the one naming the set
 * (letter case ignored), else the all-sets entry, else the only entry when SYNTAX has one
 * unnamed set.
 */
function membershipFor(parameter: ParameterModel, set: ParameterSetModel, setCount: number): ParameterSetMembership | undefined {
  const name = set.name.toLowerCase();
  const named = parameter.sets.find((membership) => membership.set.toLowerCase() === name);
  if (named) return named;
  const all = parameter.sets.find((membership) => membership.set === ALL_PARAMETER_SETS);
  if (all) return all;
  if (set.name === ALL_PARAMETER_SETS && setCount === 1 && parameter.sets.length === 1) return parameter.sets[0];
  return undefined;
}

function checkParametersInSyntax(command: CommandModel, syntaxSets: readonly ParameterSetModel[], sink: DiagnosticSink): void {
  if (syntaxSets.length === 0) return;
  const inSyntax = new Set(syntaxSets.flatMap((set) => set.syntaxParameters.map((token) => token.name.toLowerCase())));
  for (const parameter of command.parameters) {
    if (inSyntax.has(parameter.name.toLowerCase()) || parameter.dontShow) continue;
    sink.warn('parameter-not-in-syntax', parameter.position.line, `\`-${parameter.name}\` is documented in PARAMETERS but no syntax line in SYNTAX shows it.`, `Add \`-${parameter.name}\` to the syntax line of each set it belongs to, or remove the section if the parameter is gone.`);
  }
}

/**
 * PowerShell rejects a command whose parameters share an alias, or whose alias is another
 * parameter's name, so such a doc cannot describe the real command. The clashing alias is
 * dropped from the later parameter, and the command is still generated.
 */
function checkAliases(command: CommandModel, sink: DiagnosticSink): void {
  const owners = new Map<string, ParameterModel>(command.parameters.map((parameter) => [parameter.name.toLowerCase(), parameter]));
  for (const parameter of command.parameters) {
    const seen = new Set<string>();
    const dropped = new Set<string>();
    for (const alias of parameter.aliases) {
      const lower = alias.toLowerCase();
      if (seen.has(lower)) {
        sink.warn('alias-repeated', parameter.position.line, `\`-${parameter.name}\` lists alias \`${alias}\` twice.`, 'List each alias once.');
        continue;
      }
      seen.add(lower);
      const owner = owners.get(lower);
      if (owner && owner !== parameter) {
        const clash = owner.name.toLowerCase() === lower ? 'the name of parameter' : 'also an alias of';
        sink.warn('alias-duplicate', parameter.position.line, `Alias \`${alias}\` of \`-${parameter.name}\` is ${clash} \`-${owner.name}\` (line ${owner.position.line}); PowerShell rejects a command with such a clash, so the alias was dropped from \`-${parameter.name}\`.`, 'Give each alias to one parameter only, and no alias that is a parameter name.');
        dropped.add(alias);
        continue;
      }
      owners.set(lower, parameter);
    }
    if (dropped.size > 0) parameter.aliases = parameter.aliases.filter((alias) => !dropped.has(alias));
  }
}

/** Names and aliases of the common parameters, and of `-WhatIf` and `-Confirm` when the command has them. */
function checkCommonParameterClashes(command: CommandModel, sink: DiagnosticSink): void {
  if (!command.cmdletBinding) return;
  const reserved = new Map<string, string>();
  const add = (table: ReadonlyMap<string, readonly string[]>) => {
    for (const [name, aliases] of table) {
      reserved.set(name.toLowerCase(), `common parameter \`-${name}\``);
      for (const alias of aliases) reserved.set(alias.toLowerCase(), `alias \`${alias}\` of common parameter \`-${name}\``);
    }
  };
  add(COMMON_PARAMETERS);
  if (command.supportsShouldProcess) add(RISK_PARAMETERS);
  for (const parameter of command.parameters) {
    const nameClash = reserved.get(parameter.name.toLowerCase());
    if (nameClash) {
      sink.error('common-parameter-clash', parameter.position.line, `Parameter \`-${parameter.name}\` has the name of the ${nameClash}; PowerShell rejects such a command.`, 'Rename the parameter.');
    }
    const kept = parameter.aliases.filter((alias) => {
      const aliasClash = reserved.get(alias.toLowerCase());
      if (aliasClash) {
        sink.warn('common-parameter-clash', parameter.position.line, `Alias \`${alias}\` of \`-${parameter.name}\` is the ${aliasClash}; PowerShell rejects such a command, so the alias was dropped.`, `Remove \`${alias}\` from the aliases of \`-${parameter.name}\`.`);
      }
      return aliasClash === undefined;
    });
    parameter.aliases = kept;
  }
}

function checkCommonParametersToken(command: CommandModel, syntaxSets: readonly ParameterSetModel[], commonParametersHeading: boolean, sink: DiagnosticSink): void {
  if (syntaxSets.length === 0) return;
  const withToken = syntaxSets.filter((set) => set.commonParameters);
  if (withToken.length > 0 && withToken.length < syntaxSets.length) {
    const without = syntaxSets.find((set) => !set.commonParameters)!;
    sink.warn('common-parameters-token', without.position.line, `The syntax line of set \`${without.name}\` has no \`[<CommonParameters>]\` but ${withToken.length} other set(s) do; a command takes the common parameters in every set or in none.`, 'End every syntax line with `[<CommonParameters>]`.');
  }
  if (withToken.length > 0 && !commonParametersHeading && command.parameters.length + (command.supportsShouldProcess ? 1 : 0) > 0) {
    sink.warn('common-parameters-heading', withToken[0]!.position.line, 'SYNTAX shows `[<CommonParameters>]` but PARAMETERS has no `### CommonParameters` section.', 'Add `### CommonParameters` with the standard paragraph at the end of PARAMETERS.');
  }
  if (withToken.length === 0 && commonParametersHeading) {
    sink.warn('common-parameters-token', syntaxSets[0]!.position.line, 'PARAMETERS has a `### CommonParameters` section but no syntax line in SYNTAX ends with `[<CommonParameters>]`.', 'End each syntax line with `[<CommonParameters>]`, or remove the section if the command is not advanced.');
  }
}
