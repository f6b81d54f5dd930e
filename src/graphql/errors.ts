import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import { ErrorReason } from '../common/error-reasons';
import { DomainError, ErrorCode } from '../common/errors';
import { inputFailure } from './input-errors';
import { isDatabaseUnavailable } from '../db/errors';

/** Codes that graphql-js and Apollo give to errors in the request itself; clients act on them. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'QUERY_TOO_COMPLEX',
  'QUERY_TOO_DEEP',
  ...Object.values(ErrorCode),
]);

/** `extensions.reason` of a SERVICE_UNAVAILABLE caused by the database: retry later */
export const DATABASE_UNAVAILABLE = ErrorReason.DATABASE_UNAVAILABLE;

/** An error that is not one of ours, not the client's, and not the database going away. */
export function isInternal(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError || original instanceof ArgumentValidationError || isDatabaseUnavailable(original)) return false;
  const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
  return !(typeof code === 'string' && REQUEST_ERROR_CODES.has(code));
}

export interface ErrorFormatting {
  /** internal errors keep their message, and a lost database its detail (NODE_ENV=development) */
  readonly development: boolean;
  /** errors carry `extensions.stacktrace` (GRAPHQL_STACK_TRACES; never in production) */
  readonly stackTraces: boolean;
}

/**
 * Maps every error to a stable `extensions.code`. Internal errors are masked — no stack,
 * no SQL — unless the server runs in development; stack traces only when asked for.
 */
export function formatError({ development, stackTraces }: ErrorFormatting) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const { stacktrace, ...extensions } = formatted.extensions ?? {};
    const stack = stackTraces && stacktrace !== undefined ? { stacktrace } : {};
    const original = unwrapResolverError(error);
    const where = { path: formatted.path, locations: formatted.locations };

    if (original instanceof DomainError) {
      return { ...where, message: original.message, extensions: { code: original.code, ...definedOnly(original.details), ...stack } };
    }
    if (original instanceof ArgumentValidationError) {
      const errors = original.extensions.validationErrors as ValidationError[] | Error;
      if (!Array.isArray(errors)) {
        // a validator threw on the value itself, e.g. isEmail on text that is not well-formed Unicode
        const message =
          errors instanceof URIError ? 'Invalid input: text must be well-formed Unicode' : 'Invalid input: a value could not be validated';
        return {
          ...where,
          message,
          extensions: { code: ErrorCode.BAD_USER_INPUT, field: 'input', reason: ErrorReason.MALFORMED_VALUE, ...stack },
        };
      }
      const invalid = flattenValidation(errors, argumentNameOf(errors[0]?.target));
      return {
        ...where,
        message: `Invalid input: ${invalid.map((entry) => `${entry.field}: ${entry.messages.join('; ')}`).join(' | ')}`,
        extensions: { code: ErrorCode.BAD_USER_INPUT, field: invalid[0]?.field, invalid, ...stack },
      };
    }
    if (isDatabaseUnavailable(original)) {
      return {
        ...where,
        message: 'The database is unavailable; retry shortly',
        extensions: {
          code: ErrorCode.SERVICE_UNAVAILABLE,
          reason: DATABASE_UNAVAILABLE,
          ...(development ? { detail: String(original) } : {}),
          ...stack,
        },
      };
    }
    // a value graphql-js refused before any resolver ran: bad input, whether sent as a variable or inline
    const input = error instanceof GraphQLError ? inputFailure(error) : undefined;
    if (input) return { ...formatted, extensions: { ...extensions, code: ErrorCode.BAD_USER_INPUT, ...input, ...stack } };
    if (!isInternal(error)) return { ...formatted, extensions: { ...extensions, ...stack } };
    if (development) return { ...formatted, extensions: { ...extensions, code: 'INTERNAL_SERVER_ERROR', ...stack } };
    return { ...where, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/**
 * type-graphql validates each argument on its own without naming it, so the argument is
 * told from the input class by the schema's naming convention: `filter: XFilter`,
 * `orderBy: XOrder`, paging arguments at the top level, and `input` for everything else.
 */
function argumentNameOf(target: object | undefined): string {
  const name = target?.constructor.name ?? '';
  if (name.endsWith('Filter')) return 'filter';
  if (name.endsWith('Order')) return 'orderBy';
  if (name.endsWith('Args')) return '';
  return 'input';
}

function flattenValidation(errors: ValidationError[], parent: string): { field: string; messages: string[] }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidation(error.children ?? [], field)];
  });
}

const definedOnly = (details: object) => Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined));
