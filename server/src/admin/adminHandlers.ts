// Admin commands (configuration, monitor, reports, home visits). Every command is admin-only in
// COMMAND_ROLES, so the registrar refuses any other role with FORBIDDEN before a handler runs.
// The handlers only translate socket payloads into calls on the small services beside this file.
import type express from 'express';
import {
  deviceCreateSchema,
  deviceRefSchema,
  deviceUpdateSchema,
  hallUpdateSchema,
  homeVisitCancelSchema,
  homeVisitCompleteSchema,
  homeVisitCreateSchema,
  homeVisitListSchema,
  homeVisitScheduleSchema,
  noticeRefSchema,
  noticeUpsertSchema,
  reportQuerySchema,
  rulesUpdateSchema,
  serviceUpsertSchema,
  staffCreateSchema,
  staffUpdateSchema,
  windowUpsertSchema,
} from '@shared/contracts/schemas';
import type { Repositories } from '../repositories';
import type { AuthService } from '../services/authService';
import type { HallQueries } from '../services/hallQueries';
import type { RunChange } from '../services/changes';
import type { CommandRegistrar } from '../sockets/command';
import type { AppSocket } from '../sockets/types';
import type { AdminActor } from './adminContext';
import { createDeviceAdminService } from './deviceAdminService';
import { createHallConfigService } from './hallConfigService';
import { createHomeVisitRepository } from './homeVisitRepository';
import { createHomeVisitService } from './homeVisitService';
import { monitorState } from './monitor';
import { createReportService } from './reports/reportService';
import { createAdminHttpRouter as createReportRouter } from './reports/reportHttpRouter';
import { createStaffAdminService } from './staffAdminService';

export interface AdminControl {
  /** Cuts every socket of a revoked device at once. */
  disconnectDevice(deviceId: number): Promise<void>;
  /** Cuts every socket of a disabled staff account. */
  disconnectStaff(staffId: number): Promise<void>;
  /** Sends a fresh snapshot (new version) to every screen of the hall. */
  publishSnapshot(hallId: number): void;
}

export interface AdminDeps {
  repos: Repositories;
  queries: HallQueries;
  runChange: RunChange;
  control: AdminControl;
  clock: () => number;
}

function buildServices(deps: AdminDeps) {
  const base = { repos: deps.repos, runChange: deps.runChange, clock: deps.clock };
  return {
    config: createHallConfigService(base),
    staff: createStaffAdminService({ ...base, disconnectStaff: deps.control.disconnectStaff }),
    devices: createDeviceAdminService({ ...base, disconnectDevice: deps.control.disconnectDevice }),
    homeVisits: createHomeVisitService({ ...base, visits: createHomeVisitRepository(deps.repos.db) }),
    reports: createReportService(deps.repos),
  };
}

// One set of services per application (their statements are prepared once), built on first use.
const servicesByRepos = new WeakMap<Repositories, ReturnType<typeof buildServices>>();
function servicesFor(deps: AdminDeps) {
  let services = servicesByRepos.get(deps.repos);
  if (!services) {
    services = buildServices(deps);
    servicesByRepos.set(deps.repos, services);
  }
  return services;
}

export function registerAdminHandlers(socket: AppSocket, on: CommandRegistrar, deps: AdminDeps): void {
  const { repos } = deps;
  const admin = servicesFor(deps);
  const actor = (): AdminActor => ({ hallId: socket.data.hallId, staffId: socket.data.staffId });

  on.command('admin:hallUpdate', hallUpdateSchema, (input) => admin.config.updateHall(actor(), input));
  on.command('admin:rulesUpdate', rulesUpdateSchema, (input) => admin.config.updateRules(actor(), input));
  on.command('admin:serviceUpsert', serviceUpsertSchema, (input) =>
    admin.config.upsertService(actor(), input),
  );
  on.command('admin:windowUpsert', windowUpsertSchema, (input) => admin.config.upsertWindow(actor(), input));
  on.command('admin:noticeUpsert', noticeUpsertSchema, (input) => admin.config.upsertNotice(actor(), input));
  on.command('admin:noticeDelete', noticeRefSchema, ({ id }) => admin.config.deleteNotice(actor(), id));

  on.query('admin:staffList', () => admin.staff.list(actor()));
  on.command('admin:staffCreate', staffCreateSchema, (input) => admin.staff.create(actor(), input));
  on.command('admin:staffUpdate', staffUpdateSchema, (input) => admin.staff.update(actor(), input));

  on.query('admin:deviceList', () => admin.devices.list(actor()));
  on.command('admin:deviceCreate', deviceCreateSchema, (input) => admin.devices.create(actor(), input));
  on.command('admin:deviceUpdate', deviceUpdateSchema, (input) => admin.devices.update(actor(), input));
  on.command('admin:deviceRevoke', deviceRefSchema, ({ id }) => admin.devices.revoke(actor(), id));

  on.query('admin:monitor', () => {
    const { hallId } = actor();
    const waiting = repos.tickets.waiting(hallId, deps.queries.today(hallId));
    return monitorState(
      deps.clock(),
      repos.services.list(hallId),
      waiting,
      repos.halls.rules(hallId).alertWaitMinutes,
      repos.devices.list(hallId),
      repos.staff.list(hallId),
    );
  });
  on.query('admin:audit', () => repos.audit.recent(actor().hallId));
  on.command('admin:report', reportQuerySchema, (query) => admin.reports.report(query));

  on.command('homeVisit:create', homeVisitCreateSchema, (input) => admin.homeVisits.create(actor(), input));
  on.command('homeVisit:schedule', homeVisitScheduleSchema, (input) =>
    admin.homeVisits.schedule(actor(), input),
  );
  on.command('homeVisit:complete', homeVisitCompleteSchema, (input) =>
    admin.homeVisits.complete(actor(), input),
  );
  on.command('homeVisit:cancel', homeVisitCancelSchema, (input) => admin.homeVisits.cancel(actor(), input));
  on.command('homeVisit:list', homeVisitListSchema, (input) => admin.homeVisits.list(actor(), input));
}

/** The admin HTTP routes (CSV export), mounted by the application under /api/admin. */
export function createAdminHttpRouter(deps: {
  repos: Repositories;
  auth: Pick<AuthService, 'checkSession'>;
}): express.Router {
  return createReportRouter({ auth: deps.auth, reports: createReportService(deps.repos) });
}
