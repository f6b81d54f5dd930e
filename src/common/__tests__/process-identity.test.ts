import { spawn } from 'node:child_process';
import { isProcessToken, livenessOf, thisProcess, tokenOf } from '../process-identity';

describe('process tokens', () => {
  const [machine, pid, start] = thisProcess().split('.');

  it('name this process, alive', () => {
    expect(isProcessToken(thisProcess())).toBe(true);
    expect(Number(pid)).toBe(process.pid);
    expect(tokenOf(process.pid)).toBe(thisProcess());
    expect(livenessOf(thisProcess())).toBe('alive');
  });

  it('tell a pid used again by a later process from the one that wrote the token', () => {
    expect(livenessOf(`${machine}.${pid}.${Number(start) + 1}`)).toBe('dead');
  });

  it('say a process is dead once it has exited', async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
    await new Promise((resolve) => child.once('spawn', resolve));
    const token = tokenOf(child.pid!)!;
    expect(livenessOf(token)).toBe('alive');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(tokenOf(child.pid!)).toBeNull();
    expect(livenessOf(token)).toBe('dead');
  });

  it('cannot judge a token from another machine, or one that is not a token', () => {
    const other = machine === '0000000000' ? '1111111111' : '0000000000';
    expect(livenessOf(`${other}.${pid}.${start}`)).toBe('unknown');
    expect(livenessOf(`${other}.999999999.1`)).toBe('unknown');
    for (const malformed of ['', 'process', `${machine}.-1.1`, `${machine}.${pid}`, `${machine}.${pid}.${start}.x`, '../../etc']) {
      expect(livenessOf(malformed)).toBe('unknown');
      expect(isProcessToken(malformed)).toBe(false);
    }
  });
});
