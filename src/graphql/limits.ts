import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isListType,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';

/** Lists without paging arguments (a contract's services) are assumed to hold this many items. */
const NESTED_LIST_ESTIMATE = 10;

/**
 * Refuses documents nested deeper than `maxDepth`, fragments included, during validation —
 * before anything executes.
 */
export function depthLimit(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const depthOf = (selectionSet: SelectionSetNode, depth: number, seen: Set<string>): number => {
      if (depth > maxDepth) return depth;
      let deepest = depth;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.selectionSet) deepest = Math.max(deepest, depthOf(selection.selectionSet, depth + 1, seen));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, depth, seen));
        } else {
          const fragment = fragments.get(selection.name.value);
          // cycles are reported by graphql's own NoFragmentCycles rule
          if (fragment && !seen.has(fragment.name.value)) {
            deepest = Math.max(deepest, depthOf(fragment.selectionSet, depth, new Set([...seen, fragment.name.value])));
          }
        }
        if (deepest > maxDepth) break;
      }
      return deepest;
    };
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet, 1, new Set());
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`Query is nested too deeply: more than ${maxDepth} levels`, {
              nodes: [operation],
              extensions: { code: 'QUERY_TOO_DEEP', maxDepth },
            }),
          );
        }
      },
    };
  };
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

/** Refuses an operation whose estimated cost exceeds `maxComplexity`, before execution. */
export function complexityLimit(schema: GraphQLSchema, maxComplexity: number, defaultPageSize: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const complexity = getComplexity({
            schema,
            query: document,
            operationName: request.operationName ?? undefined,
            variables: request.variables ?? {},
            estimators: [listEstimator(defaultPageSize), simpleEstimator({ defaultComplexity: 1 })],
          });
          if (complexity > maxComplexity) {
            throw new GraphQLError(`Query is too costly: estimated cost ${complexity} exceeds the limit of ${maxComplexity}`, {
              extensions: { code: 'QUERY_TOO_COMPLEX', complexity, maxComplexity, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
