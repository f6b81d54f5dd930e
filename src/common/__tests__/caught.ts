import { DomainError } from '../errors';

/** The DomainError `action` throws (the test fails if it throws anything else, or nothing). */
export function caught(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}
