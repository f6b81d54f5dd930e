import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiBenchmark } from './api.bench';
import { ingestBenchmark } from './ingest.bench';
import { ledgerBenchmark } from './ledger.bench';
import { reconcileBenchmark } from './reconcile.bench';
import { slaBenchmark } from './sla.bench';
import { startupBenchmark } from './startup.bench';
import { freshBenchDatabase, machine } from './support';

/**
 * `npm run bench` (MySQL at BENCH_DATABASE_URL, default mysql://root@127.0.0.1:3306/hscn_bench;
 * `--only ledger` also runs on SQLite, BENCH_DATABASE_URL=sqlite:/path/file.sqlite; `--only startup`
 * needs no database server: it times `npm start` on SQLite, as a newcomer runs it):
 * every figure measured in one run, printed as one JSON document and written to
 * bench/results/latest.json. `-- --quick` runs at smaller sizes (under 3 minutes);
 * `-- --only sla,reconcile` (or `ledger`, `startup`) runs some of the parts (written to bench/results/only-<parts>.json,
 * so that latest.json always holds a whole run). docs/PERFORMANCE.md says what each figure means.
 */
const PARTS = ['startup', 'ingest', 'sla', 'reconcile', 'ledger', 'api'] as const;
type Part = (typeof PARTS)[number];

function partsToRun(argv: string[]): readonly Part[] {
  const at = argv.indexOf('--only');
  if (at < 0) return PARTS;
  const asked = (argv[at + 1] ?? '').split(',').filter(Boolean);
  const unknown = asked.filter((part) => !(PARTS as readonly string[]).includes(part));
  if (asked.length === 0 || unknown.length > 0)
    throw new Error(`--only takes a comma-separated list of ${PARTS.join(', ')}${unknown.length ? ` (not: ${unknown.join(', ')})` : ''}`);
  return PARTS.filter((part) => asked.includes(part));
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const parts = partsToRun(process.argv);
  const run = async <T>(part: Part, bench: () => Promise<T>): Promise<T | Record<string, never>> => (parts.includes(part) ? bench() : {});
  // first, before this process loads a database or the machine warms up with the other parts
  const startup = await run('startup', startupBenchmark);
  if (parts.every((part) => part === 'startup')) return report(parts, { quick, machine: await machine(), ...startup });
  const { config, dataSource, statements } = await freshBenchDatabase();
  try {
    report(parts, {
      quick,
      machine: await machine(dataSource),
      ...startup,
      ...(await run('ingest', () => ingestBenchmark(dataSource, config, quick ? 100_000 : 1_000_000))),
      ...(await run('sla', () => slaBenchmark(dataSource, config, quick ? 200 : 10_000))),
      ...(await run('reconcile', () => reconcileBenchmark(dataSource, config, statements, quick ? 2_000 : 10_000))),
      ...(await run('ledger', () => ledgerBenchmark(dataSource, config, statements, quick ? 1_000 : 10_000))),
      ...(await run('api', () => apiBenchmark(dataSource, config, statements, quick))),
    });
  } finally {
    // the API benchmark's server closes the database when it stops
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

function report(parts: readonly Part[], figures: object): void {
  const json = JSON.stringify(figures, null, 2);
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  const file = parts.length === PARTS.length ? 'latest.json' : `only-${parts.join('-')}.json`;
  writeFileSync(join(__dirname, 'results', file), `${json}\n`);
  console.log(json);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
