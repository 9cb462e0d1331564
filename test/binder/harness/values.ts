/**
 * Argument values for random calls: for each parameter kind, values it takes and values it
 * rejects, all of them JSON, as a generated client sends them.
 */
import type { ValueKind } from '../../../generator/model/dotnet-types.ts';
import type { ParameterMetadata } from '../../../generator/runtime/metadata.ts';

const INTEGERS: unknown[] = [0, 1, -1, 127, 128, 255, 256, 70000, 3000000000, 1.5, 2.5, -0.5, '12', ' 7 ', '0x10', '1e3', '1,000', 'abc', '', true, null, [1], { a: 1 }];
const REALS: unknown[] = [0, 1.5, -3, 1e30, '2.5', 'NaN', 'abc', '', true, null, [1]];

const SCALAR_POOLS: Readonly<Record<ValueKind, unknown[]>> = {
  string: ['alpha', '', 'x y', 'it’s', 42, 1.5, true, null, ['a', 'b'], { k: 1 }],
  char: ['a', 'ab', '', 65, 70000, 1.5, null, true],
  boolean: [true, false, 1, 0, 'true', null, [true]],
  switch: [true, false, true, null, 1, 'yes'],
  sbyte: INTEGERS,
  byte: INTEGERS,
  int16: INTEGERS,
  uint16: INTEGERS,
  int32: INTEGERS,
  uint32: INTEGERS,
  int64: INTEGERS,
  uint64: INTEGERS,
  single: REALS,
  double: REALS,
  decimal: REALS,
  datetime: ['2020-01-02', '2020-01-02T03:04:05.000Z', '01:02:03', '3/4/2021', 'abc', '12', '2020-13-45', 0, -1, null, {}],
  timespan: ['01:02:03', '12', '1.5', 'abc', '25:00', 100, 1.5, null],
  guid: ['3f2504e0-4f89-11d3-9a0c-0305e82c3301', '{3F2504E0-4F89-11D3-9A0C-0305E82C3301}', '3f2504e04f8911d39a0c0305e82c3301', 'abc', '', null, 5],
  uri: ['https://example.com/a', 'relative/path', '', 5, true, null, ['https://example.com']],
  hashtable: [{}, { a: 1 }, { a: { b: [1, 2] } }, 'text', [{ a: 1 }], null, 5],
  scriptblock: [null, 'text', {}],
  securestring: [null, 'text', {}, 1],
  credential: [null, 'text', {}],
  object: ['text', 5, null, [1, 'a'], { a: 1 }, true, ''],
  unknown: ['text', 5, null, [1, 'a'], { a: 1 }, true, ''],
};

/** Values to try for one declared parameter. */
export function valuePool(parameter: ParameterMetadata): unknown[] {
  const scalars = parameter.acceptedValues.length > 0 ? acceptedPool(parameter.acceptedValues) : SCALAR_POOLS[parameter.kind];
  if (parameter.arrayDepth === 0) {
    return scalars;
  }
  const first = scalars[0];
  const second = scalars[1 % scalars.length];
  const last = scalars[scalars.length - 1];
  return [...scalars, [], [first], [first, second], [first, last], null, [[first]]];
}

function acceptedPool(accepted: readonly string[]): unknown[] {
  const first = accepted[0] ?? '';
  const pool: unknown[] = [
    first,
    first.toLowerCase(),
    first.toUpperCase(),
    accepted[accepted.length - 1] ?? first,
    `${first} `,
    'NotAnAcceptedValue',
    '',
    null,
  ];
  if (accepted.length > 1) {
    pool.push(accepted[1]);
  }
  return pool;
}

/** Values to try for a common parameter, by its name. */
export function commonValuePool(name: string): unknown[] {
  switch (name) {
    case 'ErrorAction':
    case 'WarningAction':
    case 'InformationAction':
    case 'ProgressAction':
      return ['Stop', 'continue', 'SilentlyContinue', 'Ignore', 'Suspend', 'Bogus', '', 1, 99, null, ['Stop'], ' stop '];
    case 'ErrorVariable':
    case 'WarningVariable':
    case 'InformationVariable':
    case 'OutVariable':
    case 'PipelineVariable':
      return ['cmdletTsVar', '+cmdletTsVar', '', 'a:b', 'env:x', 'global:cmdletTsVar', 'x y', null, ['a', 'b']];
    case 'OutBuffer':
      return [0, 5, -1, '7', 'x', null, 1.5, 3000000000, [1]];
    default:
      return [true, false, true, null, 1, 'yes', 0];
  }
}
