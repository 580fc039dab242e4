// Hall configuration commands (hall, rules, services, windows, notices) and the live views an admin
// reads (monitor, change log). Every command is admin-only in COMMAND_ROLES, so the registrar refuses
// any other role with FORBIDDEN before a handler runs.
import {
  extendTodaySchema,
  hallUpdateSchema,
  noticeRefSchema,
  noticeUpsertSchema,
  rulesUpdateSchema,
  serviceUpsertSchema,
  windowUpsertSchema,
} from '@hall/shared/contracts/schemas';
import type { Repositories } from '../repositories';
import type { CommandRegistrar } from '../core/command';
import type { AppSocket } from '../core/socketTypes';
import { adminActor } from '../audit/configChange';
import type { HallConfigService } from './hallConfigService';
import type { HallStates } from '../core/hallState/hallStates';
import { monitorState } from './monitor';

export interface HallAdminDeps {
  repos: Repositories;
  states: HallStates;
  config: HallConfigService;
  clock: () => number;
  /** 差评 cases past their deadline (the monitor's alarm); none when not given. */
  overdueRatingCases?: (hallId: number) => number;
}

export function registerHallAdminHandlers(
  socket: AppSocket,
  on: CommandRegistrar,
  deps: HallAdminDeps,
): void {
  const { repos, config } = deps;
  const actor = () => adminActor(socket);

  on.command('admin:hallUpdate', hallUpdateSchema, (input) => config.updateHall(actor(), input));
  on.command('admin:hallExtendToday', extendTodaySchema, ({ until }) => config.extendToday(actor(), until));
  on.command('admin:rulesUpdate', rulesUpdateSchema, (input) => config.updateRules(actor(), input));
  on.command('admin:serviceUpsert', serviceUpsertSchema, (input) => config.upsertService(actor(), input));
  on.command('admin:windowUpsert', windowUpsertSchema, (input) => config.upsertWindow(actor(), input));
  on.command('admin:noticeUpsert', noticeUpsertSchema, (input) => config.upsertNotice(actor(), input));
  on.command('admin:noticeDelete', noticeRefSchema, ({ id }) => config.deleteNotice(actor(), id));

  on.query('admin:monitor', () => {
    const { hallId } = actor();
    const state = deps.states.get(hallId);
    return monitorState(
      deps.clock(),
      [...state.services],
      state.waitingTickets(),
      state.rules.alertWaitMinutes,
      repos.devices.list(hallId),
      repos.staff.list(hallId),
      deps.overdueRatingCases?.(hallId) ?? 0,
    );
  });
  on.query('admin:audit', () => repos.audit.recent(actor().hallId));
}
