// Staff account commands (admin only): list, create, update.
import { staffCreateSchema, staffUpdateSchema } from '@hall/shared/contracts/schemas';
import type { CommandRegistrar } from '../core/command';
import type { AppSocket } from '../core/socketTypes';
import { adminActor } from '../audit/configChange';
import type { StaffAdminService } from './staffAdminService';

export function registerStaffAdminHandlers(
  socket: AppSocket,
  on: CommandRegistrar,
  staff: StaffAdminService,
): void {
  const actor = () => adminActor(socket);
  on.query('admin:staffList', () => staff.list(actor()));
  on.command('admin:staffCreate', staffCreateSchema, (input) => staff.create(actor(), input));
  on.command('admin:staffUpdate', staffUpdateSchema, (input) => staff.update(actor(), input));
}
