import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiBenchmark } from './api.bench';
import { ingestBenchmark } from './ingest.bench';
import { slaBenchmark } from './sla.bench';
import { freshBenchDatabase, machine } from './support';

/**
 * `npm run bench` (MySQL at BENCH_DATABASE_URL, default mysql://root@127.0.0.1:3306/hscn_bench):
 * every figure measured in one run, printed as one JSON document and written to
 * bench/results/latest.json. `-- --quick` runs at smaller sizes (under 3 minutes).
 * docs/PERFORMANCE.md says what each figure means.
 */
async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const { config, dataSource, statements } = await freshBenchDatabase();
  try {
    const figures = {
      quick,
      machine: await machine(dataSource),
      ...(await ingestBenchmark(dataSource, config, quick ? 100_000 : 1_000_000)),
      ...(await slaBenchmark(dataSource, config, quick ? 500 : 10_000)),
      ...(await apiBenchmark(dataSource, config, statements, quick)),
    };
    const json = JSON.stringify(figures, null, 2);
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(join(__dirname, 'results', 'latest.json'), `${json}\n`);
    console.log(json);
  } finally {
    // the API benchmark's server closes the database when it stops
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
