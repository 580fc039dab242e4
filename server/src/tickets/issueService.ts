// Issuing tickets at a kiosk. Idempotent by request id: a kiosk that retries after a lost
// acknowledgement gets the very same ticket back, never a second one.
import { DomainError } from '@hall/shared/contracts/errors';
import type { IssueTicketCommand } from '@hall/shared/contracts/schemas';
import type { IssuedTicket } from '@hall/shared/contracts/entities';
import { NORMAL_CLASS } from '@hall/shared/contracts/entities';
import { businessDay } from '@hall/shared/hallTime';
import { formatTicketNumber, markerFor } from '@hall/shared/ticketNumber';
import type { Repositories } from '../repositories';
import { toView } from './ticketRepository';
import type { RunChange } from '../core/changes';
import type { HallQueries } from '../hall/hallQueries';
import type { Actor } from '../core/actor';
import { randomToken } from '../core/secrets';

export function createIssueService(
  repos: Repositories,
  runChange: RunChange,
  queries: HallQueries,
  clock: () => number,
) {
  return {
    issue(actor: Actor, cmd: IssueTicketCommand): IssuedTicket {
      const ticket = runChange(actor.hallId, (ctx) => {
        const existing = repos.tickets.findByRequest(actor.hallId, cmd.requestId);
        if (existing) return existing;

        const service = repos.services.find(actor.hallId, cmd.serviceId);
        if (!service) throw new DomainError('SERVICE_NOT_FOUND');
        if (!service.enabled) throw new DomainError('SERVICE_DISABLED');
        const hall = repos.halls.find(actor.hallId)!;
        const rules = repos.halls.rules(actor.hallId);
        const marker = markerFor(cmd.priorityClass, rules.priorityClasses);
        if (cmd.priorityClass !== NORMAL_CLASS && !marker) {
          throw new DomainError('PRIORITY_CLASS_UNKNOWN', { priorityClass: cmd.priorityClass });
        }

        const now = clock();
        const day = businessDay(now, hall.timezone);
        const sequence = repos.tickets.nextSequence(actor.hallId, service.id, day);
        const created = repos.tickets.insert({
          hallId: actor.hallId,
          serviceId: service.id,
          businessDay: day,
          sequence,
          number: formatTicketNumber(service.code, marker, sequence),
          priorityClass: cmd.priorityClass,
          proxy: cmd.proxy,
          proxyRelation: cmd.proxy ? cmd.proxyRelation : null,
          source: actor.deviceId ? 'kiosk' : 'staff',
          sourceDeviceId: actor.deviceId,
          state: 'waiting',
          issuedAt: now,
          orderKey: now,
          calledAt: null,
          servingAt: null,
          finishedAt: null,
          windowId: null,
          staffId: null,
          targetWindowId: null,
          callCount: 0,
          marks: null,
          transferredFromId: null,
          statusToken: randomToken(16),
          maskedIdNumber: cmd.maskedIdNumber,
          requestId: cmd.requestId,
        });
        repos.events.append({
          hallId: actor.hallId,
          ticketId: created.id,
          type: 'issued',
          at: now,
          windowId: null,
          staffId: actor.staffId,
          deviceId: actor.deviceId,
          payload: {
            number: created.number,
            serviceId: service.id,
            priorityClass: created.priorityClass,
            proxy: created.proxy,
            idChecked: cmd.maskedIdNumber !== null,
          },
        });
        ctx.emit({ event: 'ticket:issued', payload: { ticket: toView(created) } });
        return created;
      });
      return queries.issued(ticket);
    },
  };
}
export type IssueService = ReturnType<typeof createIssueService>;
