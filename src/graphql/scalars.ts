import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { formatMoney, MoneyFormatError, parseMoney, type Pence } from '../common/money';

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
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new GraphQLError('Money must be a decimal string such as "1234.50"', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return parseMoneyOrThrow(value);
  },
  parseLiteral(ast): Pence {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT) return parseMoneyOrThrow(ast.value);
    throw new GraphQLError('Money must be a decimal string such as "1234.50"', { nodes: ast, extensions: { code: 'BAD_USER_INPUT' } });
  },
});

function parseMoneyOrThrow(value: string | number): Pence {
  try {
    return parseMoney(value);
  } catch (error) {
    if (error instanceof MoneyFormatError) throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } });
    throw error;
  }
}

const SERIALIZED_DATES_REMEMBERED = 20_000;
const serializedDates = new Set<string>();

/**
 * A calendar date, `YYYY-MM-DD`: graphql-scalars' LocalDate, whose check of an answer's
 * date (format, then a round trip through Date) is remembered per distinct date. A list of
 * services repeats a few install dates hundreds of times, and the check was 2 % of a
 * dashboard's CPU. Inputs are checked every time, as before.
 */
export const LocalDateScalar = new GraphQLScalarType<string, string>({
  ...LocalDateResolver.toConfig(),
  serialize(value: unknown): string {
    if (typeof value === 'string' && serializedDates.has(value)) return value;
    const date = LocalDateResolver.serialize(value) as string;
    if (serializedDates.size < SERIALIZED_DATES_REMEMBERED) serializedDates.add(date);
    return date;
  },
});
