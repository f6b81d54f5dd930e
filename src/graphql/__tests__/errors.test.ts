import { GraphQLError } from 'graphql';
import { formatError } from '../errors';
import { isDatabaseUnavailable } from '../../db/errors';

describe('database-unavailable errors', () => {
  it('recognises the driver losing or failing to reach the server', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable({ message: 'Query failed', driverError: { code: 'PROTOCOL_CONNECTION_LOST' } })).toBe(true);
    expect(isDatabaseUnavailable(new Error('Pool is closed.'))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Can't add new command when connection is in closed state"))).toBe(true);
  });

  it('recognises a bare connect failure that graphql-js wrapped because it was not an Error', () => {
    const wrapped = new Error(
      'Unexpected error value: { errno: -111, code: "ECONNREFUSED", syscall: "connect", address: "127.0.0.1", port: 3306, fatal: true }',
    );
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
    const formatted = formatError({ development: false, stackTraces: false })(
      { message: wrapped.message },
      new GraphQLError(wrapped.message, { originalError: wrapped }),
    );
    expect(formatted).toMatchObject({
      message: 'The database is unavailable; retry shortly',
      extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'DATABASE_UNAVAILABLE' },
    });
  });

  it('leaves other errors alone', () => {
    expect(isDatabaseUnavailable(new Error('Unexpected error value: { code: "ER_DUP_ENTRY" }'))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
  });
});
