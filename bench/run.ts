import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestBenchmark } from './ingest.bench';
import { slaBenchmark } from './sla.bench';
import { freshBenchDatabase, machine } from './support';

/**
 * `npm run bench` (MySQL at BENCH_DATABASE_URL, default mysql://root@127.0.0.1:3306/hscn_bench):
 * every figure measured in one run, printed as one JSON document and written to
 * bench/results/latest.json. `-- --quick` runs at smaller sizes.
 */
async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const { config, dataSource } = await freshBenchDatabase();
  try {
    const figures = {
      quick,
      machine: await machine(dataSource),
      ...(await ingestBenchmark(dataSource, config, quick ? 100_000 : 1_000_000)),
      ...(await slaBenchmark(dataSource, config, quick ? 500 : 10_000)),
    };
    const json = JSON.stringify(figures, null, 2);
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(join(__dirname, 'results', 'latest.json'), `${json}\n`);
    console.log(json);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
