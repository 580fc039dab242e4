import { describe, expect, it } from 'vitest';
import type { Service } from '@hall/shared/contracts/entities';
import { serviceLoads } from './monitor';

const service = (id: number, code: string): Service => ({
  id,
  hallId: 1,
  code,
  nameZh: code,
  nameEn: code,
  category: 'other',
  typicalMinutes: 5,
  enabled: true,
  sortOrder: 0,
});

describe('serviceLoads', () => {
  const now = 10 * 3_600_000;
  const min = 60_000;
  it('counts waiting per service, takes the oldest wait, and alerts at the threshold', () => {
    const loads = serviceLoads(
      [service(1, 'A'), service(2, 'B'), service(3, 'C')],
      [
        { serviceId: 1, issuedAt: now - 5 * min },
        { serviceId: 1, issuedAt: now - 31 * min - 59_000 },
        { serviceId: 2, issuedAt: now - 29 * min },
      ],
      30,
      now,
    );
    expect(loads).toEqual([
      { serviceId: 1, waiting: 2, longestWaitMinutes: 31, alert: true },
      { serviceId: 2, waiting: 1, longestWaitMinutes: 29, alert: false },
      { serviceId: 3, waiting: 0, longestWaitMinutes: 0, alert: false },
    ]);
  });
});
