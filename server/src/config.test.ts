// The server's environment settings: the test-only clock offset is refused outside tests, so a
// hall server can never be started on a shifted clock by a stray variable.
import { describe, expect, it } from 'vitest';
import { loadServerConfig } from './config';

describe('TEST_CLOCK_OFFSET_MS', () => {
  it('is taken with NODE_ENV=test', () => {
    const config = loadServerConfig({ NODE_ENV: 'test', TEST_CLOCK_OFFSET_MS: '-3600000' }, '/srv/hall');
    expect(config.TEST_CLOCK_OFFSET_MS).toBe(-3_600_000);
  });

  it('is refused otherwise, in words', () => {
    for (const NODE_ENV of ['production', undefined]) {
      expect(() => loadServerConfig({ NODE_ENV, TEST_CLOCK_OFFSET_MS: '1000' }, '/srv/hall')).toThrow(
        /TEST_CLOCK_OFFSET_MS: 仅用于测试 \/ for tests only/,
      );
    }
    expect(loadServerConfig({ NODE_ENV: 'production' }, '/srv/hall').TEST_CLOCK_OFFSET_MS).toBeUndefined();
  });
});
