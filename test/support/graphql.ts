/** A GraphQL connection as the tests read it: its nodes, under edges. */
export interface Connection<T> {
  edges: { node: T }[];
}

/** The nodes of a connection, in order. */
export const nodes = <T>(connection: Connection<T>): T[] => connection.edges.map((edge) => edge.node);
