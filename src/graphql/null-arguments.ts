import {
  defaultFieldResolver,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

/**
 * Null is "not given" (issue #18): Apollo Client, Relay and generated clients send `null` for
 * every variable the caller left unset, so an argument that may be left out may also be null and
 * mean the same. Two parts, applied to the built schema so that no resolver can forget them:
 * - an argument or input field with a default is nullable in the schema (`withinDays: Int = 14`,
 *   not `Int! = 14`, which refuses null), and null takes the default, in queries and mutations;
 * - in everything but a mutation, a null anywhere else in the arguments is left out.
 * A mutation's other optional fields keep their own rule (explicit-null.ts): null clears a
 * clearable field and is refused elsewhere.
 */
export function nullMeansNotGiven<S extends GraphQLSchema>(schema: S): S {
  const mutation = schema.getMutationType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isInputObjectType(type)) Object.values(type.getFields()).forEach(nullableWhereDefaulted);
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      field.args.forEach(nullableWhereDefaulted);
      if (type === mutation || field.args.length === 0) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const args = field.args;
      field.resolve = (root, values: Record<string, unknown>, context, info) =>
        resolve(root, givenArguments(args, values, 'leave out'), context, info);
    }
  }
  return schema;
}

/** `Int! = 14` becomes `Int = 14`: the default still applies when the argument is left out, and now when it is null. */
function nullableWhereDefaulted(field: GraphQLArgument | GraphQLInputField): void {
  if (field.defaultValue !== undefined && isNonNullType(field.type)) field.type = field.type.ofType;
}

/** What a null that is not the default's becomes: left out (queries), or kept for the mutation's own rule. */
type OtherNulls = 'leave out' | 'keep';

/**
 * The arguments with every null replaced by its field's default, and in a query every other null
 * left out; the values graphql-js coerced are not changed in place. Values without a null (nearly
 * all) are returned as they are.
 */
export function givenArguments(
  args: readonly GraphQLArgument[],
  values: Record<string, unknown>,
  otherNulls: OtherNulls,
): Record<string, unknown> {
  return withoutNulls(args, values, otherNulls) ?? values;
}

/** A copy with the nulls dealt with, or undefined when there was nothing to change. */
function withoutNulls(
  fields: readonly (GraphQLArgument | GraphQLInputField)[],
  record: Record<string, unknown>,
  otherNulls: OtherNulls,
): Record<string, unknown> | undefined {
  let copy: Record<string, unknown> | undefined;
  for (const field of fields) {
    const value = record[field.name];
    if (value === undefined) continue;
    let replaced: unknown = value;
    let leaveOut = false;
    if (value === null) {
      if (field.defaultValue !== undefined) replaced = field.defaultValue;
      else if (otherNulls === 'leave out') leaveOut = true;
      else continue;
    } else {
      replaced = withinValue(field.type, value, otherNulls);
      if (replaced === value) continue;
    }
    copy ??= { ...record };
    if (leaveOut) delete copy[field.name];
    else copy[field.name] = replaced;
  }
  return copy;
}

function withinValue(type: GraphQLInputType, value: unknown, otherNulls: OtherNulls): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    const items = value as unknown[];
    // a list item has no default and no name: a null item is judged by the list's type alone
    const mapped = items.map((item) => (item === null ? item : withinValue(inner.ofType, item, otherNulls)));
    return mapped.some((item, index) => item !== items[index]) ? mapped : value;
  }
  const named = getNamedType(inner);
  if (!isInputObjectType(named)) return value;
  return withoutNulls(Object.values(named.getFields()), value as Record<string, unknown>, otherNulls) ?? value;
}
