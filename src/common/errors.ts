import type { ReasonOf } from './error-reasons';

/**
 * Every error a client can act on carries one of these codes in `extensions.code`.
 * Anything else that escapes a resolver is an internal error and is masked.
 */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
}

export interface DomainErrorDetails<C extends ErrorCode = ErrorCode> {
  /** the input field at fault, as a path from the argument, e.g. `input.endDate` */
  readonly field?: string;
  /** a finer, stable reason for clients that branch on it, e.g. `INVALID_STATUS_TRANSITION`: one of the code's (error-reasons.ts) */
  readonly reason?: ReasonOf<C>;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badInput = (field: string, message: string, reason?: ReasonOf<ErrorCode.BAD_USER_INPUT>) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, message, { field, reason });

export const notFound = (typeName: string) => new DomainError(ErrorCode.NOT_FOUND, `${typeName} not found`);

export const conflict = (message: string, details: DomainErrorDetails<ErrorCode.CONFLICT> = {}) =>
  new DomainError(ErrorCode.CONFLICT, message, details);

export const forbidden = (message: string, details: DomainErrorDetails<ErrorCode.FORBIDDEN> = {}) =>
  new DomainError(ErrorCode.FORBIDDEN, message, details);

export const unavailable = (message: string, details: DomainErrorDetails<ErrorCode.SERVICE_UNAVAILABLE> = {}) =>
  new DomainError(ErrorCode.SERVICE_UNAVAILABLE, message, details);

/** `reason` says which check refused the credential, for the failed-authentication count (auth/failed-authentication.ts) */
export const unauthenticated = (message: string, reason?: ReasonOf<ErrorCode.UNAUTHENTICATED>) =>
  new DomainError(ErrorCode.UNAUTHENTICATED, message, { reason });

/** HTTP status for errors raised before GraphQL execution (authentication, transport). */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.BAD_USER_INPUT:
      return 400;
    case ErrorCode.UNAUTHENTICATED:
      return 401;
    case ErrorCode.FORBIDDEN:
      return 403;
    case ErrorCode.NOT_FOUND:
      return 404;
    case ErrorCode.CONFLICT:
      return 409;
    case ErrorCode.SERVICE_UNAVAILABLE:
      return 503;
    case ErrorCode.TOO_MANY_REQUESTS:
      return 429;
    default: {
      const unhandled: never = code;
      throw new Error(`unmapped error code ${String(unhandled)}`);
    }
  }
}
