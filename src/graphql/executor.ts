import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import {
  execute,
  getNamedType,
  getVariableValues,
  GraphQLError,
  isInputObjectType,
  printSchema,
  typeFromAST,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SourceLocation,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { RequestContext } from '../request/context';

/** Queries remembered (compiled, or counted until they are): each a validated document within the depth and cost limits. */
const KEPT = 500;
/**
 * A query is compiled the second time it is seen. Compiling costs 0.5–20 ms (the dashboard 3.4,
 * the introspection query 20), more than running it once: a query seen once (a client that
 * writes ids into the query text makes every query new) is run by graphql-js instead.
 */
const COMPILE_AT = 2;

/**
 * Executes queries with graphql-jit instead of graphql-js's interpreter, through the `gateway`
 * option, which is Apollo Server 4+'s place for a custom executor (its migration guide says
 * so: the `executor` option was folded into it). Apollo still parses, validates, runs the
 * plugins and formats errors; only execution changes. A query seen again is compiled into a
 * function that resolves, completes and serialises its fields without interpreting the
 * document field by field; a dashboard answer completes about 1,500 fields, and this made
 * it about a tenth faster end to end (docs/PERFORMANCE.md).
 *
 * graphql-js still executes what graphql-jit 0.8 would get wrong or gains nothing from:
 * - mutations (one write at a time; nothing to gain, and their order is the spec's to keep);
 * - operations with an input-object variable: graphql-jit's coercion of such a variable
 *   leaves out the defaults of the object's fields (a mutation's `documents: [{…}]` without
 *   a `status` was refused), where graphql-js fills them in.
 *
 * Variables are coerced by graphql-js first in every case, so a bad variable gets graphql-js's
 * own error, which Apollo answers as BAD_USER_INPUT with a 400, exactly as before.
 */
export function jitExecutor(schema: GraphQLSchema): ApolloServerOptionsWithGateway<RequestContext>['gateway'] {
  /** by query and operation: how often it has been seen, its compiled form, or null where graphql-jit could not compile it */
  const cache = new Map<string, number | CompiledQuery | null>();
  const remember = (key: string, entry: number | CompiledQuery | null) => {
    if (cache.size >= KEPT && !cache.has(key)) cache.clear();
    cache.set(key, entry);
  };
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async load() {
      return {
        executor: async (request): Promise<ExecutionResult> => {
          const { document, operation, operationName, queryHash, context } = request;
          const variables = request.request.variables ?? {};
          const interpret = () => execute({ schema, document, operationName, variableValues: variables, contextValue: context });
          if (!compilable(schema, operation)) return interpret();
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
          if (coerced.errors) return { errors: coerced.errors };
          const key = `${queryHash}:${operationName ?? ''}`;
          const known = cache.get(key);
          let query: CompiledQuery | null;
          if (known === undefined || typeof known === 'number') {
            const sightings = (known ?? 0) + 1;
            if (sightings < COMPILE_AT) {
              remember(key, sightings);
              return interpret();
            }
            const result = compileQuery(schema, document, operationName ?? undefined);
            // a document graphql-jit cannot compile (Apollo has validated it) is graphql-js's to run
            query = isCompiledQuery(result) ? result : null;
            remember(key, query);
          } else query = known;
          if (query === null) return interpret();
          // eslint-disable-next-line no-restricted-syntax -- a compiled GraphQL query (graphql-jit), not SQL
          const result = await query.query(undefined, context, variables);
          return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
        },
      };
    },
    async stop() {},
  };
}

/** A query whose variables are scalars, enums or lists of them (see jitExecutor). */
function compilable(schema: GraphQLSchema, operation: OperationDefinitionNode): boolean {
  if (operation.operation !== 'query') return false;
  return (operation.variableDefinitions ?? []).every((definition) => {
    const type = typeFromAST(schema, definition.type);
    return type !== undefined && !isInputObjectType(getNamedType(type));
  });
}

/**
 * graphql-jit reports a field's error in an object of its own making, which lacks what
 * graphql-js's errors always carry (`extensions`, for one: Apollo reads its `code`). This is
 * the error graphql-js would have made: the message, path and locations, and the error the
 * resolver threw as `originalError`, whose extensions it takes, as graphql-js's `locatedError` does.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const { message, path, originalError, locations } = error as GraphQLError & { locations?: readonly SourceLocation[] };
  const located = new GraphQLError(message, { path, originalError: originalError ?? undefined });
  if (locations?.length) (located as { locations?: readonly SourceLocation[] }).locations = locations;
  return located;
}
