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
  /** What failed and what to change, in one or two sentences. */
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
  /** What the parameter accepts, such as `Int32` or `one of 'Low', 'High'`. */
  expected?: string;
  /** The rejected value, as text. */
  actual?: string;
}

/** Raised inside the binder to stop at the first error, as PowerShell does. */
export class BindFailure extends Error {
  readonly error: BindError;

  constructor(error: BindError) {
    super(error.message);
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
    const distance = editDistance(lowerTyped, name.toLowerCase());
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

/** Optimal string alignment distance between two strings. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const distance: number[] = new Array<number>(rows * columns).fill(0);
  const at = (i: number, j: number): number => distance[i * columns + j] ?? 0;
  for (let i = 0; i < rows; i += 1) {
    distance[i * columns] = i;
  }
  for (let j = 0; j < columns; j += 1) {
    distance[j] = j;
  }
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < columns; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, at(i - 2, j - 2) + 1);
      }
      distance[i * columns + j] = value;
    }
  }
  return at(a.length, b.length);
}
