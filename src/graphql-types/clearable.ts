/** the marked fields, by input class (a class is its constructor) */
const marked = new Map<object, Set<string>>();

/**
 * Marks an optional input field that null clears (on a new record: leaves empty); the rule it
 * feeds is graphql/explicit-null.ts. Kept here rather than in type-graphql's `@Extensions`,
 * which an input type that extends another (AddReviewActionInput) does not inherit.
 */
export const Clearable = (): PropertyDecorator => (prototype, property) => {
  const fields = marked.get(prototype.constructor) ?? new Set<string>();
  fields.add(String(property));
  marked.set(prototype.constructor, fields);
};

/** Whether `field` of `inputClass` (or of a class it extends) is marked `@Clearable()`; graphql/explicit-null.ts reads it when the schema is built. */
export function isMarked(inputClass: object, field: string): boolean {
  for (let target: object | null = inputClass; target !== Function.prototype && target !== null; target = Object.getPrototypeOf(target)) {
    if (marked.get(target)?.has(field)) return true;
  }
  return false;
}
