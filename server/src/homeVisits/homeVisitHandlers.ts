// The home-visit register (上门办) commands (admin only).
import {
  homeVisitCancelSchema,
  homeVisitCompleteSchema,
  homeVisitCreateSchema,
  homeVisitListSchema,
  homeVisitScheduleSchema,
} from '@hall/shared/contracts/schemas';
import type { CommandRegistrar } from '../core/command';
import type { AppSocket } from '../core/socketTypes';
import { adminActor } from '../audit/configChange';
import type { HomeVisitService } from './homeVisitService';

export function registerHomeVisitHandlers(
  socket: AppSocket,
  on: CommandRegistrar,
  visits: HomeVisitService,
): void {
  const actor = () => adminActor(socket);
  on.command('homeVisit:create', homeVisitCreateSchema, (input) => visits.create(actor(), input));
  on.command('homeVisit:schedule', homeVisitScheduleSchema, (input) => visits.schedule(actor(), input));
  on.command('homeVisit:complete', homeVisitCompleteSchema, (input) => visits.complete(actor(), input));
  on.command('homeVisit:cancel', homeVisitCancelSchema, (input) => visits.cancel(actor(), input));
  on.command('homeVisit:list', homeVisitListSchema, (input) => visits.list(actor(), input));
}
