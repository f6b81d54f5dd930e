import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseSimulatorArgs, startSimulatedCnsp, USAGE, UsageError } from '../../tools/simulated-cnsp';

const ROOT = join(__dirname, '..', '..');

describe('npm run sim:cnsp', () => {
  it('answers --help with every option it takes, and exits 0 (it crashed on "Unknown option")', () => {
    const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'tools/simulated-cnsp.ts', '--help'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout.trim()).toBe(USAGE);
    for (const option of ['--port', '--token', '--references', '--hours', '--help']) expect(USAGE).toContain(option);
    expect(parseSimulatorArgs(['-h'])).toBe('help');
  });

  it('names an unknown or mistaken option, as a usage error rather than a crash', () => {
    expect(() => parseSimulatorArgs(['--tokn', 'x'])).toThrow(UsageError);
    expect(() => parseSimulatorArgs(['--tokn', 'x'])).toThrow(/--tokn/);
    expect(() => parseSimulatorArgs(['--port', 'http'])).toThrow(/--port http: not a port/);
    expect(() => parseSimulatorArgs(['--hours', '0'])).toThrow(/--hours 0/);
    expect(parseSimulatorArgs(['--token', 's3cret', '--references', 'A-1, B-2', '--hours', '48'])).toEqual({
      port: 4010,
      token: 's3cret',
      references: ['A-1', 'B-2'],
      hours: 48,
    });
  });

  it('serves --hours of samples per reference behind the token it was given', async () => {
    const options = parseSimulatorArgs(['--token', 's3cret', '--references', 'A-1', '--hours', '3']);
    if (options === 'help') throw new Error('options expected');
    const cnsp = await startSimulatedCnsp({ ...options, port: 0 });
    try {
      expect((await fetch(`${cnsp.url}/feeds/performance.csv`)).status).toBe(401);
      const answer = await fetch(`${cnsp.url}/feeds/performance.csv`, { headers: { authorization: 'Bearer s3cret' } });
      expect(answer.status).toBe(200);
      expect((await answer.text()).trim().split('\n')).toHaveLength(1 + 3);
    } finally {
      await cnsp.stop();
    }
  });
});
