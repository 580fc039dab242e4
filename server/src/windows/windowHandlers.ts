// Window commands for staff (admins may work a window too): claim, open, pause, resume, close, release.
import { claimWindowSchema, pauseWindowSchema } from '@hall/shared/contracts/schemas';
import type { CommandRegistrar } from '../core/command';
import type { AppSocket } from '../core/socketTypes';
import type { WindowService } from './windowService';

export function registerWindowHandlers(
  socket: AppSocket,
  on: CommandRegistrar,
  windows: WindowService,
): void {
  const actor = () => ({ hallId: socket.data.hallId, staffId: socket.data.staffId, deviceId: null });

  on.command('window:claim', claimWindowSchema, ({ windowId, releaseHeld }) =>
    windows.claim(actor(), windowId, releaseHeld),
  );
  on.query('window:release', () => windows.release(actor()));
  on.query('window:open', () => windows.open(actor()));
  on.command('window:pause', pauseWindowSchema, ({ reason }) => windows.pause(actor(), reason));
  on.query('window:resume', () => windows.resume(actor()));
  on.query('window:close', () => windows.close(actor()));
}
