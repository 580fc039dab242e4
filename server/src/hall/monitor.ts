// The live monitor's figures: per service how many wait and the longest wait so far, with an alert
// once that passes the hall's alert threshold; plus devices (online, printer faults) and staff.
// Window states and current tickets come from the hall snapshot the console already holds.
import type { MonitorServiceLoad, MonitorState } from '@hall/shared/contracts/admin';
import type { Device, Service, StaffMember } from '@hall/shared/contracts/entities';

export interface WaitingTicket {
  serviceId: number;
  issuedAt: number;
}

export function serviceLoads(
  services: readonly Service[],
  waiting: readonly WaitingTicket[],
  alertWaitMinutes: number,
  now: number,
): MonitorServiceLoad[] {
  return services.map((service) => {
    const mine = waiting.filter((t) => t.serviceId === service.id);
    // issuedAt is the visitor's first issue time, so a transferred visitor's wait includes the
    // time spent in the first queue: that is how long the person has been in the hall.
    const oldest = mine.reduce((min, t) => Math.min(min, t.issuedAt), Number.POSITIVE_INFINITY);
    const longestWaitMinutes = mine.length === 0 ? 0 : Math.max(0, Math.floor((now - oldest) / 60_000));
    return {
      serviceId: service.id,
      waiting: mine.length,
      longestWaitMinutes,
      alert: mine.length > 0 && longestWaitMinutes >= alertWaitMinutes,
    };
  });
}

export function monitorState(
  now: number,
  services: readonly Service[],
  waiting: readonly WaitingTicket[],
  alertWaitMinutes: number,
  devices: Device[],
  staff: StaffMember[],
  overdueRatingCases = 0,
): MonitorState {
  return {
    at: now,
    services: serviceLoads(services, waiting, alertWaitMinutes, now),
    devices,
    staff,
    overdueRatingCases,
  };
}
