import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isListType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';

/** Lists without paging arguments (a contract's services) are assumed to hold this many items. */
const NESTED_LIST_ESTIMATE = 10;

/** The deepest field selection in an operation, fragments expanded (cycles are graphql's own NoFragmentCycles error). */
export function operationDepth(document: DocumentNode, operation: OperationDefinitionNode, stopAt: number): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const depthOf = (selectionSet: SelectionSetNode, depth: number, seen: ReadonlySet<string>): number => {
    let deepest = depth;
    for (const selection of selectionSet.selections) {
      if (deepest > stopAt) break;
      if (selection.kind === Kind.FIELD) {
        if (selection.selectionSet) deepest = Math.max(deepest, depthOf(selection.selectionSet, depth + 1, seen));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(selection.selectionSet, depth, seen));
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value)) {
          deepest = Math.max(deepest, depthOf(fragment.selectionSet, depth, new Set([...seen, fragment.name.value])));
        }
      }
    }
    return deepest;
  };
  return depthOf(operation.selectionSet, 1, new Set());
}

/**
 * Estimates a page as its size times its items: `first`/`last` where given, the default
 * page size on a connection without them, and a fixed estimate for plain nested lists.
 */
function listEstimator(defaultPageSize: number): ComplexityEstimator {
  return ({ field, args, childComplexity }) => {
    const requested = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : undefined;
    const type = getNullableType(field.type);
    if (getNamedType(type).name.endsWith('Connection')) return 1 + childComplexity * Math.max(requested ?? defaultPageSize, 1);
    if (field.name === 'edges') return 1 + childComplexity;
    if (isListType(type)) return 1 + childComplexity * NESTED_LIST_ESTIMATE;
    return undefined;
  };
}

/**
 * Refuses, after validation and before execution, an operation nested deeper than
 * `maxDepth` (QUERY_TOO_DEEP) or whose estimated cost exceeds `maxComplexity`
 * (QUERY_TOO_COMPLEX). Aliases and fragments count in full.
 */
export function queryLimits(schema: GraphQLSchema, limits: { maxDepth: number; maxComplexity: number; defaultPageSize: number }): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation }) {
          const depth = operation ? operationDepth(document, operation, limits.maxDepth) : 0;
          if (depth > limits.maxDepth) {
            throw new GraphQLError(`Query is nested too deeply: more than ${limits.maxDepth} levels`, {
              extensions: { code: 'QUERY_TOO_DEEP', maxDepth: limits.maxDepth, http: { status: 400 } },
            });
          }
          let complexity: number;
          try {
            complexity = getComplexity({
              schema,
              query: document,
              operationName: request.operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [listEstimator(limits.defaultPageSize), simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (error) {
            // variables are coerced here before graphql-js does it, so their errors are the client's
            if (!(error instanceof GraphQLError)) throw error;
            throw new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
          }
          if (complexity > limits.maxComplexity) {
            throw new GraphQLError(`Query is too costly: estimated cost ${complexity} exceeds the limit of ${limits.maxComplexity}`, {
              extensions: { code: 'QUERY_TOO_COMPLEX', complexity, maxComplexity: limits.maxComplexity, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
