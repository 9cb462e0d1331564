/**
 * Binding errors, with the error ids PowerShell 7.6 raises for the same failure, and the
 * messages the binder shows for them.
 */

/**
 * Error ids of `ParameterBindingException`, as PowerShell reports them in FullyQualifiedErrorId
 * (the part before the comma).
 */
export type BindErrorId =
  | 'NamedParameterNotFound'
  | 'AmbiguousParameter'
  | 'AmbiguousParameterSet'
  | 'AmbiguousPositionalParameterNoName'
  | 'MissingMandatoryParameter'
  | 'ParameterAlreadyBound'
  | 'ParameterArgumentValidationError'
  | 'ParameterArgumentValidationErrorNullNotAllowed'
  | 'ParameterArgumentValidationErrorEmptyStringNotAllowed'
  | 'ParameterArgumentValidationErrorEmptyArrayNotAllowed'
  | 'ParameterArgumentTransformationError'
  | 'CannotConvertArgument'
  | 'CannotConvertArgumentNoMessage'
  | 'ParameterBindingFailed'
  | 'ParsingTooManyParameterSets';

/** One reason a call does not bind. */
export interface BindError {
  id: BindErrorId;
  /** Message naming the failure and the fix, in one or two sentences. */
  message: string;
  /** The parameter name as the caller wrote it, when the error is about one argument. */
  argument?: string;
  /** Canonical name of the parameter the error is about. */
  parameter?: string;
  /** Parameters that match an ambiguous name, that clash, or that are missing. */
  parameters?: string[];
  /** Parameter sets that would fit the parameters given so far. */
  sets?: string[];
  /** Close parameter name for a misspelled one. */
  suggestion?: string;
  /** Description of the accepted values, such as `Int32` or `one of 'Low', 'High'`. */
  expected?: string;
  /** The rejected value, as text. */
  actual?: string;
}

/**
 * Thrown inside the binder to stop at the first error, as PowerShell does, and caught by
 * `bindParameters`, so it never reaches a caller. It is not an `Error` because capturing a stack
 * trace on every rejected call would cost more than the binding itself.
 */
export class BindFailure {
  readonly error: BindError;

  constructor(error: BindError) {
    this.error = error;
  }
}

/** Formats parameter names as PowerShell writes them in its messages (`-A, -B`). */
export function dashed(names: readonly string[]): string {
  return names.map((name) => `-${name}`).join(', ');
}

/** Formats set names for a message (`'A', 'B'`). */
export function quoted(names: readonly string[]): string {
  return names.map((name) => `'${name}'`).join(', ');
}

/**
 * Returns the closest of `names` to `typed` by edit distance (insertions, deletions,
 * substitutions and adjacent swaps, ignoring case), or undefined when none is close: the
 * distance may be at most a third of the typed length, and at least 1.
 */
export function closestName(typed: string, names: readonly string[]): string | undefined {
  const lowerTyped = typed.toLowerCase();
  const limit = Math.max(1, Math.floor(lowerTyped.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const name of names) {
    if (Math.abs(name.length - lowerTyped.length) >= bestDistance) {
      continue;
    }
    const distance = editDistance(lowerTyped, name.toLowerCase());
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

/** Optimal string alignment distance between two strings, kept in three rolling rows. */
function editDistance(a: string, b: string): number {
  const columns = b.length + 1;
  let beforePrevious = new Array<number>(columns).fill(0);
  let previous = Array.from({ length: columns }, (_, j) => j);
  let current = new Array<number>(columns).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    for (let j = 1; j < columns; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current[j] = value;
    }
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return previous[b.length] ?? 0;
}
