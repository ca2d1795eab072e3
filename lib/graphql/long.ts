import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const MIN = -(2n ** 63n);
const MAX = 2n ** 63n - 1n;
const DECIMAL = /^-?\d{1,19}$/;

/**
 * `Long`: a signed 64-bit integer, a `bigint` inside and a string of decimal digits on the wire
 * (`"4200000000"`), as protobuf's JSON mapping does for int64: JSON numbers are exact only up to
 * 2^53 in JavaScript clients. Output accepts what PostgreSQL's `bigint` arrives as (a string),
 * a `bigint` or a safe-integer `number`.
 */
export const Long = new GraphQLScalarType<bigint, string>({
  name: 'Long',
  serialize(value) {
    const long = toLong(value);
    if (long === null) throw new GraphQLError(`Long cannot represent ${String(value)}`);
    return long.toString();
  },
  parseValue(value) {
    return toLong(value) ?? badInput();
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING && ast.kind !== Kind.INT) return badInput();
    return toLong(ast.value) ?? badInput();
  },
});

/** The value as a 64-bit bigint, or null when it is not a whole number in range. */
function toLong(value: unknown): bigint | null {
  let long: bigint;
  if (typeof value === 'bigint') long = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) long = BigInt(value);
  else if (typeof value === 'string' && DECIMAL.test(value)) long = BigInt(value);
  else return null;
  return long >= MIN && long <= MAX ? long : null;
}

function badInput(): never {
  throw new GraphQLError('Long must be a whole number from -2^63 to 2^63-1, as a string', {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}
