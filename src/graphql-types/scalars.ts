import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { DateTimeISOResolver, LocalDateResolver } from 'graphql-scalars';
import { ErrorReason, type ReasonOf } from '../common/error-reasons';
import type { ErrorCode } from '../common/errors';
import { formatMoney, MoneyFormatError, parseMoney, type Pence } from '../common/money';

type InputReason = ReasonOf<ErrorCode.BAD_USER_INPUT>;

/**
 * A refused input value. The reason rides on the original error: graphql-js keeps only that
 * when it rewraps a variable's refusal (Apollo likewise for a literal), and a GraphQLError
 * takes its extensions from it. formatError adds the field at fault.
 */
class RefusedValue extends Error {
  readonly extensions: { code: 'BAD_USER_INPUT'; reason: InputReason };

  constructor(message: string, reason: InputReason) {
    super(message);
    this.extensions = { code: 'BAD_USER_INPUT', reason };
  }
}

const refused = (message: string, reason: InputReason, node?: ValueNode) =>
  new GraphQLError(message, { nodes: node, originalError: new RefusedValue(message, reason) });

/**
 * Money in pounds sterling as a decimal string with two places ("1234.50"). Inputs accept
 * such a string or a whole number; a fractional JSON number is refused, since it may
 * already have lost pennies to floating point on the client.
 */
export const MoneyScalar = new GraphQLScalarType<Pence, string>({
  name: 'Money',
  description: 'An exact amount of money in GBP, as a decimal string with two places, e.g. "1234.50".',
  serialize(value: unknown): string {
    if (typeof value === 'bigint') return formatMoney(value);
    throw new GraphQLError(`Money cannot represent ${typeof value} value`);
  },
  parseValue(value: unknown): Pence {
    if (typeof value !== 'string' && typeof value !== 'number')
      throw refused('Money must be a decimal string such as "1234.50"', ErrorReason.INVALID_MONEY);
    return parseMoneyOrThrow(value);
  },
  parseLiteral(ast): Pence {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT) return parseMoneyOrThrow(ast.value, ast);
    if (ast.kind === Kind.FLOAT)
      throw refused(
        `${ast.value} must be sent as a decimal string such as "${Number(ast.value).toFixed(2)}"`,
        ErrorReason.MONEY_NOT_EXACT,
        ast,
      );
    throw refused('Money must be a decimal string such as "1234.50"', ErrorReason.INVALID_MONEY, ast);
  },
});

function parseMoneyOrThrow(value: string | number, node?: ValueNode): Pence {
  try {
    return parseMoney(value);
  } catch (error) {
    if (!(error instanceof MoneyFormatError)) throw error;
    const fractional = typeof value === 'number' && !Number.isInteger(value);
    throw refused(error.message, fractional ? ErrorReason.MONEY_NOT_EXACT : ErrorReason.INVALID_MONEY, node);
  }
}

/** The same scalar, its refusals of input BAD_USER_INPUT with `reason`. */
function withReason<T, S>(scalar: GraphQLScalarType<T, S>, reason: InputReason): GraphQLScalarType<T, S> {
  const config = scalar.toConfig();
  const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
  return new GraphQLScalarType<T, S>({
    ...config,
    parseValue(value) {
      try {
        return config.parseValue!(value) as T;
      } catch (error) {
        throw refused(message(error), reason);
      }
    },
    parseLiteral(ast, variables) {
      try {
        return config.parseLiteral!(ast, variables) as T;
      } catch (error) {
        throw refused(message(error), reason, ast);
      }
    },
  });
}

/** An instant, ISO 8601 with a time zone: graphql-scalars' DateTimeISO, its refusals with reason INVALID_DATE_TIME. */
export const DateTimeISOScalar = withReason(DateTimeISOResolver as GraphQLScalarType<Date, string>, ErrorReason.INVALID_DATE_TIME);

const SERIALIZED_DATES_REMEMBERED = 20_000;
const serializedDates = new Set<string>();
const LocalDateInput = withReason(LocalDateResolver as GraphQLScalarType<string, string>, ErrorReason.INVALID_DATE);

/**
 * A calendar date, `YYYY-MM-DD`: graphql-scalars' LocalDate, whose check of an answer's
 * date (format, then a round trip through Date) is remembered per distinct date. A list of
 * services repeats a few install dates hundreds of times, and the check was 2 % of a
 * dashboard's CPU. Inputs are checked every time, as before, refused with reason INVALID_DATE.
 */
export const LocalDateScalar = new GraphQLScalarType<string, string>({
  ...LocalDateInput.toConfig(),
  serialize(value: unknown): string {
    if (typeof value === 'string' && serializedDates.has(value)) return value;
    const date = LocalDateResolver.serialize(value) as string;
    if (serializedDates.size < SERIALIZED_DATES_REMEMBERED) serializedDates.add(date);
    return date;
  },
});
