import {
  defaultFieldResolver,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { badInput } from '../common/errors';
import { ErrorReason } from '../common/error-reasons';
import { givenArguments } from './null-arguments';
import { isMarked } from '../graphql-types/clearable';

/**
 * One rule for every optional input field of every mutation (docs/ARCHITECTURE.md, "Optional
 * input fields"): left out, the field keeps its value (or takes its default on a new record);
 * null clears it, but only where a record can be without it. Such a field says so with
 * `@Clearable()`; on any other field null is refused here, once, before the mutation runs,
 * so that no service ever sees a null it cannot store.
 */
export const NULL_NOT_ALLOWED = ErrorReason.NULL_NOT_ALLOWED;

/** The description a clearable field carries in the schema, so that a client knows without trying. */
export const CLEARABLE_NOTE = 'Null means none.';

/**
 * `extensions.clearable` of a GraphQL input field, set from the `@Clearable()` marks (graphql-types/clearable.ts) when the
 * schema is built; an argument has none, so a nullable argument is never clearable
 */
const CLEARABLE = 'clearable';

const isClearable = (field: GraphQLInputField | GraphQLArgument) => field.extensions[CLEARABLE] === true;

/**
 * Wraps every mutation's resolver so that a null given for an optional field that is not
 * clearable is BAD_USER_INPUT naming the field (`input.name`, `input.actions.0.ownerUser`),
 * and notes each clearable field's rule in its description.
 */
export function refuseNullsWhereNotClearable<S extends GraphQLSchema>(schema: S): S {
  markClearableFields(schema);
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    if (!field.args.some((arg) => !isNonNullType(arg.type) || mayCarryRefusedNull(arg.type))) continue;
    const resolve = field.resolve ?? defaultFieldResolver;
    const args = field.args;
    field.resolve = (root, values: Record<string, unknown>, context, info) => {
      for (const arg of args) {
        const refused = refusedNullIn(arg, values[arg.name], arg.name);
        if (refused)
          throw badInput(refused, `${refused} cannot be null: leave it out to keep its value (or take its default)`, NULL_NOT_ALLOWED);
      }
      return resolve(root, givenArguments(args, values, 'keep'), context, info);
    };
  }
  return schema;
}

/** The path of the first null that may not be there, in a value graphql-js has already coerced to its type. */
function refusedNullIn(field: GraphQLInputField | GraphQLArgument, value: unknown, path: string): string | undefined {
  // a null where there is a default takes it (null-arguments.ts)
  if (value === null) return isNonNullType(field.type) || isClearable(field) || field.defaultValue !== undefined ? undefined : path;
  return value === undefined ? undefined : refusedNullWithin(field.type, value, path);
}

function refusedNullWithin(type: GraphQLInputType, value: unknown, path: string): string | undefined {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    const items = value as unknown[];
    for (const [index, item] of items.entries()) {
      // a list item has no name of its own: its null is judged by its type alone
      if (item === null) continue;
      const refused = refusedNullWithin(inner.ofType, item, `${path}.${index}`);
      if (refused) return refused;
    }
    return undefined;
  }
  if (!isInputObjectType(inner)) return undefined;
  const record = value as Record<string, unknown>;
  for (const field of Object.values(inner.getFields())) {
    const refused = refusedNullIn(field, record[field.name], `${path}.${field.name}`);
    if (refused) return refused;
  }
  return undefined;
}

/** Whether a value of this type can hold a null the rule refuses or a default replaces: most mutations' inputs can, a bare `id: ID!` cannot. */
function mayCarryRefusedNull(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some(
    (field) =>
      (!isNonNullType(field.type) && !isClearable(field)) || field.defaultValue !== undefined || mayCarryRefusedNull(field.type, seen),
  );
}

function markClearableFields(schema: GraphQLSchema): void {
  const classOf = new Map(getMetadataStorage().inputTypes.map((input) => [input.name, input.target]));
  for (const type of Object.values(schema.getTypeMap())) {
    const inputClass = isInputObjectType(type) ? classOf.get(type.name) : undefined;
    if (!isInputObjectType(type) || !inputClass) continue;
    for (const field of Object.values(type.getFields())) {
      if (!isMarked(inputClass, field.name) || isClearable(field)) continue;
      field.extensions = { ...field.extensions, [CLEARABLE]: true };
      field.description = field.description ? `${field.description} ${CLEARABLE_NOTE}` : CLEARABLE_NOTE;
    }
  }
}
