/**
 * What an optional input field asks of a record that exists: `undefined` (left out) keeps the
 * value, `null` clears it, anything else replaces it. The API refuses null for a field that
 * cannot be cleared before a service runs (graphql/explicit-null.ts); these helpers keep
 * services from undoing the rule with `?? current` (null kept the old value) or by writing
 * `undefined` over a value that was not asked to change.
 */
export type Change<T> = T | null | undefined;

/**
 * Writes onto `record` every change that was asked for and leaves the rest alone. A null is
 * written as null, which the types allow only into a property that can hold one.
 */
export function applyChanges<T extends object>(record: T, changes: { [K in keyof T]?: T[K] }): T {
  for (const key of Object.keys(changes) as (keyof T)[]) {
    const value = changes[key];
    if (value !== undefined) record[key] = value as T[keyof T];
  }
  return record;
}

/** Converts a value that was given, keeping "left out" (and, for a clearable field, "clear") as it is. */
export function ifGiven<T extends NonNullable<unknown>, R>(value: T | undefined, convert: (value: T) => R): R | undefined;
export function ifGiven<T, R>(value: Change<T>, convert: (value: T) => R): Change<R>;
export function ifGiven<T, R>(value: Change<T>, convert: (value: T) => R): Change<R> {
  if (value === undefined || value === null) return value as null | undefined;
  return convert(value);
}

/** The value a record ends up with: the current one when the change was left out. */
export const changedValue = <T>(current: T, change: Change<T>): T | null => (change === undefined ? current : change);
