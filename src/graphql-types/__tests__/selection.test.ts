import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { selects } from '../selection';

/** The resolve info of the query's first root field, as graphql-js would hand it over. */
function infoOf(query: string) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments };
}

describe('selects', () => {
  const path = ['terms', 'downtime'];

  it('finds a field asked for directly', () => {
    expect(selects(infoOf('{ slaReport { terms { kind downtime { start } } } }'), path)).toBe(true);
  });

  it('does not find a field nobody asked for, nor one of the same name elsewhere', () => {
    expect(selects(infoOf('{ slaReport { terms { kind status } } }'), path)).toBe(false);
    expect(selects(infoOf('{ slaReport { downtime terms { kind } } }'), path)).toBe(false);
  });

  it('finds it through named and inline fragments, at either level', () => {
    expect(
      selects(
        infoOf('{ slaReport { ...R } } fragment R on SlaReport { terms { ...T } } fragment T on SlaTermResult { downtime { end } }'),
        path,
      ),
    ).toBe(true);
    expect(selects(infoOf('{ slaReport { ... on SlaReport { terms { ... { downtime { end } } } } } }'), path)).toBe(true);
    expect(selects(infoOf('{ slaReport { ...R } } fragment R on SlaReport { terms { kind } }'), path)).toBe(false);
  });

  it('survives a fragment that spreads itself', () => {
    expect(selects(infoOf('{ slaReport { ...R } } fragment R on SlaReport { ...R terms { kind } }'), path)).toBe(false);
  });
});
