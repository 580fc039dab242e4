// One object holding every repository over one database, so services take a single dependency.
import type { Db } from './core/db/database';
import { createAppointmentConfigRepository } from './appointments/appointmentConfigRepository';
import { createAuditRepository } from './audit/auditRepository';
import { createDeviceRepository } from './devices/deviceRepository';
import { createEventRepository } from './core/eventRepository';
import { createHallRepository } from './hall/hallRepository';
import { createNoticeRepository } from './hall/noticeRepository';
import { createServiceRepository } from './hall/serviceRepository';
import { createStaffRepository } from './staff/staffRepository';
import { createTicketRepository } from './tickets/ticketRepository';
import { createWindowRepository } from './windows/windowRepository';

export function createRepositories(db: Db, isDeviceOnline: (deviceId: number) => boolean = () => false) {
  return {
    db,
    halls: createHallRepository(db),
    services: createServiceRepository(db),
    windows: createWindowRepository(db),
    tickets: createTicketRepository(db),
    events: createEventRepository(db),
    staff: createStaffRepository(db),
    devices: createDeviceRepository(db, isDeviceOnline),
    notices: createNoticeRepository(db),
    audit: createAuditRepository(db),
    appointmentConfig: createAppointmentConfigRepository(db),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
