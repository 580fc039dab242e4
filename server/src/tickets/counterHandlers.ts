// Counter commands for staff (admins may work a window too): call, recall, start, finish, no-show,
// requeue, transfer, cancel, and what the window holds now.
import {
  callSpecificSchema,
  finishTicketSchema,
  ticketRefSchema,
  transferTicketSchema,
} from '@hall/shared/contracts/schemas';
import type { CommandRegistrar } from '../core/command';
import type { AppSocket } from '../core/socketTypes';
import type { CounterService } from './counter/counterService';

export function registerCounterHandlers(
  socket: AppSocket,
  on: CommandRegistrar,
  counter: CounterService,
): void {
  const actor = () => ({ hallId: socket.data.hallId, staffId: socket.data.staffId, deviceId: null });

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
