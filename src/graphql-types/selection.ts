import type { FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * Whether the query asks, below the field being resolved, for the field at `path` (e.g.
 * `['terms', 'downtime']`), through named and inline fragments alike. Lets a resolver leave
 * out reads whose only use is a field nobody asked for.
 */
export function selects(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, path: readonly string[]): boolean {
  const within = (selectionSet: SelectionSetNode | undefined, depth: number, seen: ReadonlySet<string>): boolean => {
    if (!selectionSet) return false;
    for (const selection of selectionSet.selections) {
      if (selection.kind === 'Field') {
        if (selection.name.value !== path[depth]) continue;
        if (depth === path.length - 1 || within(selection.selectionSet, depth + 1, seen)) return true;
      } else if (selection.kind === 'InlineFragment') {
        if (within(selection.selectionSet, depth, seen)) return true;
      } else if (!seen.has(selection.name.value)) {
        const fragment: FragmentDefinitionNode | undefined = info.fragments[selection.name.value];
        if (fragment && within(fragment.selectionSet, depth, new Set([...seen, selection.name.value]))) return true;
      }
    }
    return false;
  };
  return info.fieldNodes.some((node) => within(node.selectionSet, 0, new Set()));
}
