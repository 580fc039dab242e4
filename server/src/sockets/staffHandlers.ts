// Window and counter commands for staff (admins may work a window too).
import {
  callSpecificSchema,
  claimWindowSchema,
  finishTicketSchema,
  pauseWindowSchema,
  ticketRefSchema,
  transferTicketSchema,
} from '@shared/contracts/schemas';
import type { CounterService } from '../services/counterService';
import type { WindowService } from '../services/windowService';
import type { CommandRegistrar } from './command';
import type { AppSocket } from './types';

export function registerStaffHandlers(
  socket: AppSocket,
  on: CommandRegistrar,
  windows: WindowService,
  counter: CounterService,
): void {
  const actor = () => ({ hallId: socket.data.hallId, staffId: socket.data.staffId, deviceId: null });

  on.command('window:claim', claimWindowSchema, ({ windowId }) => windows.claim(actor(), windowId));
  on.query('window:release', () => windows.release(actor()));
  on.query('window:open', () => windows.open(actor()));
  on.command('window:pause', pauseWindowSchema, ({ reason }) => windows.pause(actor(), reason));
  on.query('window:resume', () => windows.resume(actor()));
  on.query('window:close', () => windows.close(actor()));

  on.query('counter:callNext', () => counter.callNext(actor()));
  on.command('counter:callSpecific', callSpecificSchema, ({ number }) =>
    counter.callSpecific(actor(), number),
  );
  on.command('counter:recall', ticketRefSchema, ({ ticketId }) => counter.recall(actor(), ticketId));
  on.command('counter:start', ticketRefSchema, ({ ticketId }) => counter.start(actor(), ticketId));
  on.command('counter:finish', finishTicketSchema, ({ ticketId, marks }) =>
    counter.finish(actor(), ticketId, marks),
  );
  on.command('counter:noShow', ticketRefSchema, ({ ticketId }) => counter.noShow(actor(), ticketId));
  on.command('counter:requeue', ticketRefSchema, ({ ticketId }) => counter.requeue(actor(), ticketId));
  on.command('counter:transfer', transferTicketSchema, (cmd) =>
    counter.transfer(actor(), cmd.ticketId, cmd.toServiceId, cmd.toWindowId),
  );
  on.command('counter:cancel', ticketRefSchema, ({ ticketId }) => counter.cancel(actor(), ticketId));
  on.query('counter:current', () => counter.current(actor()));
}
