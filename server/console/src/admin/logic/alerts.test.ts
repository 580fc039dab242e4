import { describe, expect, it } from 'vitest';
import type { Device, Service } from '@hall/shared/contracts/entities';
import { monitorAlerts } from './alerts';

const service: Service = {
  id: 1,
  hallId: 1,
  code: 'A',
  nameZh: '出入境证件',
  nameEn: 'Exit',
  category: 'exit_entry',
  typicalMinutes: 8,
  enabled: true,
  sortOrder: 0,
};
const device = (d: Partial<Device>): Device => ({
  id: 1,
  hallId: 1,
  kind: 'kiosk',
  name: '取号机 1',
  revoked: false,
  lastSeenAt: null,
  online: true,
  printer: null,
  printerFault: null,
  windowId: null,
  ...d,
});

describe('monitorAlerts', () => {
  it('raises the alarm first for 差评 cases past their deadline, and not without them', () => {
    const none = monitorAlerts([], [service], [], 30, (c) => c, 0);
    expect(none).toEqual([]);
    const alerts = monitorAlerts([], [service], [device({})], 30, (c) => c, 2);
    expect(alerts).toEqual([
      { id: 'rating-cases', kind: 'cases', key: 'admin.monitor.alertCases', params: { count: 2 } },
    ]);
  });

  it('words a long wait, a printer fault and an offline device; ignores revoked devices', () => {
    const alerts = monitorAlerts(
      [
        { serviceId: 1, waiting: 3, longestWaitMinutes: 42, alert: true },
        { serviceId: 2, waiting: 1, longestWaitMinutes: 3, alert: false },
      ],
      [service],
      [
        device({ id: 1, printerFault: { code: 'paper_out', message: '', at: 0, ticketNumber: null } }),
        device({ id: 2, name: '显示屏', kind: 'display', online: false }),
        device({ id: 3, name: '旧取号机', online: false, revoked: true }),
      ],
      30,
      (code) => (code === 'paper_out' ? '缺纸' : code),
    );
    expect(alerts).toEqual([
      {
        id: 'wait-1',
        kind: 'wait',
        key: 'admin.monitor.alertWait',
        params: { service: 'A 出入境证件', minutes: 42, limit: 30 },
      },
      {
        id: 'printer-1',
        kind: 'printer',
        key: 'admin.monitor.alertPrinter',
        params: { device: '取号机 1', fault: '缺纸' },
      },
      { id: 'offline-2', kind: 'offline', key: 'admin.monitor.alertOffline', params: { device: '显示屏' } },
    ]);
  });
});
