/** The shape every Relay connection in the schema shares. */
export interface Page<Node> {
  readonly edges: readonly { readonly node: Node }[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor?: string | null };
}

/** No list in the flow comes near this: a server that kept answering "more" would fail here rather than hang. */
const MOST_PAGES = 100;

/**
 * Every node of a list, page by page, as a generated client pages: `after: null` on the
 * first request (what Apollo Client, Relay and codegen'd operations send), then each page's
 * end cursor.
 */
export async function everyNode<Node>(page: (after: string | null) => Promise<Page<Node>>): Promise<Node[]> {
  const nodes: Node[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < MOST_PAGES; pages++) {
    const { edges, pageInfo }: Page<Node> = await page(after);
    nodes.push(...edges.map((edge) => edge.node));
    if (!pageInfo.hasNextPage) return nodes;
    if (!pageInfo.endCursor) throw new Error('a page says there is more but gives no end cursor');
    after = pageInfo.endCursor;
  }
  throw new Error(`still more after ${MOST_PAGES} pages`);
}
