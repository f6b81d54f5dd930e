import { TEST_JWT_SECRET } from '../support/database';
import { listening, spawnMain, stopMain, type MainProcess } from '../support/main-process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Starting the real server can take minutes on a loaded machine: only a hang guard. */
const HANG_GUARD_MS = 300_000;

/**
 * node takes its heap size on its command line, so the server cannot cap itself: `npm start`
 * passes MAX_HEAP_MB, and a server started another way says at start-up that it is uncapped
 * (a national-scale feed's garbage would then take it past 400 MB; docs/feeds/README.md).
 */
describe('the heap cap MAX_HEAP_MB asks for', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  async function startupLog(nodeArgs: string[]): Promise<Record<string, unknown>> {
    const dataDir = mkdtempSync(join(tmpdir(), 'hscn-heap-'));
    dirs.push(dataDir);
    const main: MainProcess = spawnMain(
      {
        NODE_ENV: 'test',
        DATA_DIR: dataDir,
        DATABASE_URL: `sqlite:${join(dataDir, 'heap.sqlite')}`,
        JWT_SECRET: TEST_JWT_SECRET,
        MAX_HEAP_MB: '256',
      },
      nodeArgs,
    );
    try {
      await listening(main);
    } finally {
      expect(await stopMain(main)).toBe(0);
    }
    const entry = main.logs.find((line) => line.maxHeapMb !== undefined);
    expect(entry).toBeDefined();
    return entry!;
  }

  it(
    'is reported when node was started as npm start starts it',
    async () => {
      const entry = await startupLog(['--max-old-space-size=256']);
      expect(entry).toMatchObject({ msg: 'heap capped', maxHeapMb: 256 });
      expect(entry.heapLimitMb).toBeLessThan(400);
    },
    HANG_GUARD_MS,
  );

  it(
    'is asked for, naming the node option, when node was started without it',
    async () => {
      const entry = await startupLog([]);
      expect(entry.msg).toMatch(/not capped at MAX_HEAP_MB: start the server with `node --max-old-space-size=256`/);
    },
    HANG_GUARD_MS,
  );
});
