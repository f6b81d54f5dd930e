import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { CLEARABLE_NOTE } from '../../src/graphql/explicit-null';
import { toGlobalId } from '../../src/common/global-id';
import { nodeTypeHint } from './schema-arbitraries';

/** An optional input field somewhere in a mutation's arguments, by its path (`input.actions.0.ownerUser`). */
export interface OptionalField {
  readonly path: string;
  /** the schema says so ("Null means none."): null stores none rather than being refused */
  readonly clearable: boolean;
  /** the field has a default, which a null takes as if the field were left out */
  readonly defaulted: boolean;
}

/** A well-typed value with every required field filled and no optional one: enough to get past GraphQL's coercion. */
export function minimalValue(type: GraphQLInputType, nodeTypes: readonly string[], hint?: string): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return isInputObjectType(getNamedType(inner)) ? [minimalValue(inner.ofType, nodeTypes, hint)] : [];
  if (isEnumType(inner)) return inner.getValues()[0]!.value;
  if (isInputObjectType(inner)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined)
        value[field.name] = minimalValue(field.type, nodeTypes, nodeTypeHint(field.name, nodeTypes));
    }
    return value;
  }
  if (isScalarType(inner)) {
    const scalars: Record<string, unknown> = {
      ID: toGlobalId(hint ?? nodeTypes[0]!, 1),
      String: 'x',
      Int: 1,
      Float: 1,
      Boolean: false,
      Money: '1.00',
      LocalDate: '2026-01-01',
      DateTimeISO: '2026-01-01T00:00:00.000Z',
    };
    if (!(inner.name in scalars)) throw new Error(`no minimal value for scalar ${inner.name}: add one here`);
    return scalars[inner.name];
  }
  throw new Error(`no minimal value for ${String(type)}`);
}

/** The minimal arguments of a mutation. */
export function minimalArguments(schema: GraphQLSchema, mutation: string, nodeTypes: readonly string[]): Record<string, unknown> {
  const field = schema.getMutationType()!.getFields()[mutation]!;
  return Object.fromEntries(
    field.args
      .filter((arg) => isNonNullType(arg.type))
      .map((arg) => [arg.name, minimalValue(arg.type, nodeTypes, nodeTypeHint(arg.name, nodeTypes))]),
  );
}

/**
 * Every optional field the arguments can hold: those of input objects the values contain
 * (a list's items as they are in `values`), and every optional field of the types, whether
 * the values give it or not.
 */
export function optionalFields(field: GraphQLField<unknown, unknown>, values: Record<string, unknown>): OptionalField[] {
  const found: OptionalField[] = [];
  const visit = (type: GraphQLInputType, value: unknown, path: string) => {
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) {
      if (Array.isArray(value)) value.forEach((item, index) => visit(inner.ofType, item, `${path}.${index}`));
      return;
    }
    if (!isInputObjectType(inner) || value === null || typeof value !== 'object') return;
    for (const child of Object.values(inner.getFields())) {
      const childPath = `${path}.${child.name}`;
      if (!isNonNullType(child.type))
        found.push({
          path: childPath,
          clearable: (child.description ?? '').endsWith(CLEARABLE_NOTE),
          defaulted: child.defaultValue !== undefined,
        });
      visit(child.type, (value as Record<string, unknown>)[child.name], childPath);
    }
  };
  for (const arg of field.args) {
    if (!isNonNullType(arg.type)) found.push({ path: arg.name, clearable: false, defaulted: arg.defaultValue !== undefined });
    visit(arg.type, values[arg.name], arg.name);
  }
  return found;
}

/** A deep copy of `values` with the value at `path` replaced, or removed when `value` is undefined. */
export function withValueAt(values: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(values);
  const keys = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  const last = keys.at(-1)!;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return copy;
}

/** The value at `path`, or undefined. */
export function valueAt(values: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), values);
}
