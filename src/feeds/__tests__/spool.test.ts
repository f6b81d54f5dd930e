import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { thisProcess } from '../../common/process-identity';
import { removeOwnSpoolFiles, spool } from '../spool';

describe('spooled documents', () => {
  let directory: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'hscn-spool-unit-'));
  });

  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  async function* document() {
    yield 'service_reference,interval_start\n';
    yield 'PDN-ETH-100037,2026-11-02T09:00:00Z\n';
  }

  it('are readable by this user only, and named for this process', async () => {
    const spooled = await spool(document(), directory, { maxBytes: 1024, setting: 'FEED_MAX_BYTES' });
    expect(statSync(spooled.path).mode & 0o777).toBe(0o600);
    expect(readdirSync(directory)).toEqual([
      expect.stringMatching(new RegExp(`^hscn-feed-${thisProcess().replace(/\./g, '\\.')}-[0-9a-f-]{36}$`)),
    ]);
    await spooled.discard();
    expect(readdirSync(directory)).toEqual([]);
  });

  it('are gone when the document is too large, and this process removes its own on shutdown', async () => {
    await expect(spool(document(), directory, { maxBytes: 10, setting: 'FEED_MAX_BYTES' })).rejects.toThrow(
      'larger than the 10-byte limit',
    );
    expect(readdirSync(directory)).toEqual([]);
    await spool(document(), directory, { maxBytes: 1024, setting: 'FEED_MAX_BYTES' });
    await spool(document(), directory, { maxBytes: 1024, setting: 'FEED_MAX_BYTES' });
    expect(await removeOwnSpoolFiles(directory)).toBe(2);
    expect(readdirSync(directory)).toEqual([]);
  });
});
