// What the live monitor warns about, as words with parameters (never colour alone): a service
// whose longest wait passed the alert threshold, a kiosk printer fault, a device that went offline,
// and 差评 cases not answered by their deadline.
import type { MonitorServiceLoad } from '@hall/shared/contracts/admin';
import type { Device, Service } from '@hall/shared/contracts/entities';

export interface MonitorAlert {
  id: string;
  kind: 'wait' | 'printer' | 'offline' | 'cases';
  key: string;
  params: Record<string, string | number>;
}

export function monitorAlerts(
  loads: readonly MonitorServiceLoad[],
  services: readonly Service[],
  devices: readonly Device[],
  alertWaitMinutes: number,
  faultWords: (code: string) => string,
  overdueRatingCases = 0,
): MonitorAlert[] {
  const alerts: MonitorAlert[] = [];
  if (overdueRatingCases > 0) {
    alerts.push({
      id: 'rating-cases',
      kind: 'cases',
      key: 'admin.monitor.alertCases',
      params: { count: overdueRatingCases },
    });
  }
  for (const load of loads) {
    if (!load.alert) continue;
    const service = services.find((s) => s.id === load.serviceId);
    alerts.push({
      id: `wait-${load.serviceId}`,
      kind: 'wait',
      key: 'admin.monitor.alertWait',
      params: {
        service: service ? `${service.code} ${service.nameZh}` : String(load.serviceId),
        minutes: load.longestWaitMinutes,
        limit: alertWaitMinutes,
      },
    });
  }
  for (const device of devices) {
    if (device.revoked) continue;
    if (device.printerFault) {
      alerts.push({
        id: `printer-${device.id}`,
        kind: 'printer',
        key: 'admin.monitor.alertPrinter',
        params: { device: device.name, fault: faultWords(device.printerFault.code) },
      });
    }
    if (!device.online) {
      alerts.push({
        id: `offline-${device.id}`,
        kind: 'offline',
        key: 'admin.monitor.alertOffline',
        params: { device: device.name },
      });
    }
  }
  return alerts;
}
