// One object holding every repository over one database, so services take a single dependency.
import type { Db } from '../db/database';
import { createAuditRepository } from './audit';
import { createDeviceRepository } from './devices';
import { createEventRepository } from './events';
import { createHallRepository } from './halls';
import { createNoticeRepository } from './notices';
import { createServiceRepository } from './services';
import { createStaffRepository } from './staff';
import { createTicketRepository } from './tickets';
import { createWindowRepository } from './windows';

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
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
