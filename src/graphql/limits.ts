import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isListType,
  Kind,
  getVariableValues,
  visit,
  BREAK,
  type ASTNode,
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

/**
 * The deepest field selection in an operation, fragments expanded (cycles are graphql's own
 * NoFragmentCycles error). Under `__schema` and `__type`, `ofType` does not count: it unwraps
 * a list or non-null type, one level per wrapper, so the standard introspection query (the one
 * GraphiQL and codegen send) reaches 8 levels deeper than its 5 levels of schema, and would
 * otherwise be refused by the default limit of 12.
 */
export function operationDepth(document: DocumentNode, operation: OperationDefinitionNode, stopAt: number): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const depthOf = (selectionSet: SelectionSetNode, depth: number, seen: ReadonlySet<string>, introspecting: boolean): number => {
    let deepest = depth;
    for (const selection of selectionSet.selections) {
      if (deepest > stopAt) break;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const unwrapping = introspecting && name === 'ofType';
        if (selection.selectionSet) {
          deepest = Math.max(
            deepest,
            depthOf(selection.selectionSet, unwrapping ? depth : depth + 1, seen, introspecting || INTROSPECTION_ROOTS.has(name)),
          );
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(selection.selectionSet, depth, seen, introspecting));
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value)) {
          deepest = Math.max(deepest, depthOf(fragment.selectionSet, depth, new Set([...seen, fragment.name.value]), introspecting));
        }
      }
    }
    return deepest;
  };
  return depthOf(operation.selectionSet, 1, new Set(), false);
}

const INTROSPECTION_ROOTS: ReadonlySet<string> = new Set(['__schema', '__type']);

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
 * Whether an operation's estimated cost can change with its variables: a variable given as a
 * page size (`first`/`last`, which listEstimator reads) or to a directive (`@include`/`@skip`
 * decide which fields count). Ids, filters and the like do not change it.
 */
export function costDependsOnVariables(document: DocumentNode): boolean {
  let depends = false;
  visit(document, {
    Variable(_node, _key, parent, _path, ancestors) {
      const costly = [...ancestors, parent].some((ancestor) => {
        const node = ancestor as ASTNode | undefined;
        return (
          node !== undefined &&
          'kind' in node &&
          (node.kind === Kind.DIRECTIVE || (node.kind === Kind.ARGUMENT && (node.name.value === 'first' || node.name.value === 'last')))
        );
      });
      if (!costly) return undefined;
      depends = true;
      return BREAK;
    },
  });
  return depends;
}

/** What the limits found for one operation of a parsed document; `complexity` is absent when it depends on the variables. */
interface Assessment {
  readonly depth: number;
  readonly complexity?: number;
}

/**
 * Refuses, after validation and before execution, an operation nested deeper than
 * `maxDepth` (QUERY_TOO_DEEP) or whose estimated cost exceeds `maxComplexity`
 * (QUERY_TOO_COMPLEX). Aliases and fragments count in full.
 *
 * Apollo hands the same parsed document to every request with the same query text, so what
 * the limits find is kept with the document (and goes when Apollo's document cache drops it):
 * a client repeating a query pays for the walk once, unless its cost depends on the variables.
 */
export function queryLimits(
  schema: GraphQLSchema,
  limits: { maxDepth: number; maxComplexity: number; defaultPageSize: number },
): ApolloServerPlugin {
  const estimators = [listEstimator(limits.defaultPageSize), simpleEstimator({ defaultComplexity: 1 })];
  const assessments = new WeakMap<DocumentNode, Map<string, Assessment>>();
  // the scalar's reason (MONEY_NOT_EXACT …) stays with the error, for formatError to report
  const badVariables = (error: GraphQLError) =>
    new GraphQLError(error.message, {
      nodes: error.nodes,
      originalError: error,
      extensions: { ...error.extensions, code: 'BAD_USER_INPUT', http: { status: 400 } },
    });
  const complexityOf = (document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): number => {
    try {
      return getComplexity({ schema, query: document, operationName, variables, estimators });
    } catch (error) {
      // variables are coerced here before graphql-js does it, so their errors are the client's
      if (!(error instanceof GraphQLError)) throw error;
      throw badVariables(error);
    }
  };

  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation }) {
          const operationName = request.operationName ?? undefined;
          const variables = request.variables ?? {};
          let byOperation = assessments.get(document);
          let assessment = byOperation?.get(operationName ?? '');
          if (!assessment) {
            const depth = operation ? operationDepth(document, operation, limits.maxDepth) : 0;
            const fixed = depth <= limits.maxDepth && !costDependsOnVariables(document);
            assessment = { depth, complexity: fixed ? complexityOf(document, operationName, variables) : undefined };
            if (!byOperation) assessments.set(document, (byOperation = new Map()));
            byOperation.set(operationName ?? '', assessment);
          } else if (assessment.complexity !== undefined && operation?.variableDefinitions?.length) {
            // the cost is known, but the variables still have to be valid, as above
            const { errors } = getVariableValues(schema, operation.variableDefinitions, variables);
            if (errors?.length) throw badVariables(errors[errors.length - 1]!);
          }
          if (assessment.depth > limits.maxDepth) {
            throw new GraphQLError(`Query is nested too deeply: more than ${limits.maxDepth} levels`, {
              extensions: { code: 'QUERY_TOO_DEEP', maxDepth: limits.maxDepth, http: { status: 400 } },
            });
          }
          const complexity = assessment.complexity ?? complexityOf(document, operationName, variables);
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
