import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** The folder graph docs/ARCHITECTURE.md prints, between its summary line and the closing fence. */
function documentedGraph(): string {
  const doc = readFileSync(join(root, 'docs', 'ARCHITECTURE.md'), 'utf8');
  const found =
    /<summary>The folder graph, as <code>npm run depcheck:graph<\/code> prints it \((\d+) edges, no cycle\)<\/summary>\n\n```\n([\s\S]*?)\n```/.exec(
      doc,
    );
  if (!found) throw new Error('docs/ARCHITECTURE.md has no folder graph under "Layers"');
  const [, edges, graph] = found;
  expect(graph.split('\n').filter((line) => line.includes('→'))).toHaveLength(Number(edges));
  return graph;
}

describe('the layers as documented', () => {
  it('print the folder graph the dependency checker sees (run `npm run depcheck:graph` and paste it after moving an import)', () => {
    const printed = execFileSync(
      process.execPath,
      [
        join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'),
        'src',
        '--config',
        '.dependency-cruiser.cjs',
        '--collapse',
        '^src/[^/]+',
        '--output-type',
        'text',
      ],
      { cwd: root, encoding: 'utf8' },
    );
    // the checker lists edges in the order it met the modules; the script and the document sort them
    const sorted = printed.trim().split('\n').sort().join('\n');
    expect(documentedGraph()).toBe(sorted);
  });
});
