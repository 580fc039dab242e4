// Device commands (admin only): list, create (the key is shown once), update, revoke.
import { deviceCreateSchema, deviceRefSchema, deviceUpdateSchema } from '@hall/shared/contracts/schemas';
import type { CommandRegistrar } from '../core/command';
import type { AppSocket } from '../core/socketTypes';
import { adminActor } from '../audit/configChange';
import type { DeviceAdminService } from './deviceAdminService';

export function registerDeviceAdminHandlers(
  socket: AppSocket,
  on: CommandRegistrar,
  devices: DeviceAdminService,
): void {
  const actor = () => adminActor(socket);
  on.query('admin:deviceList', () => devices.list(actor()));
  on.command('admin:deviceCreate', deviceCreateSchema, (input) => devices.create(actor(), input));
  on.command('admin:deviceUpdate', deviceUpdateSchema, (input) => devices.update(actor(), input));
  on.command('admin:deviceRevoke', deviceRefSchema, ({ id }) => devices.revoke(actor(), id));
}
