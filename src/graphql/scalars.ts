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

/** A calendar date, `YYYY-MM-DD`. */
export const LocalDateScalar = LocalDateResolver;
