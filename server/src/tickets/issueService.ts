// Issuing tickets at a kiosk. Idempotent by request id: a kiosk that retries after a lost
// acknowledgement gets the very same ticket back, never a second one. The figures the visitor is
// told (people ahead, estimate) are taken once the change's group commit has committed, from the
// queue as it then is: the tickets issued together join the call plan before it is brought up to
// date once, not once each (issue 11).
import { DomainError } from '@hall/shared/contracts/errors';
import type { IssueTicketCommand } from '@hall/shared/contracts/schemas';
import type { IssuedTicket, TicketSource } from '@hall/shared/contracts/entities';
import { NORMAL_CLASS } from '@hall/shared/contracts/entities';
import { formatTicketNumber, markerFor } from '@hall/shared/ticketNumber';
import type { Repositories } from '../repositories';
import { toView } from './ticketRepository';
import { afterBatch, type RunChange } from '../core/groupCommit';
import type { HallQueries } from '../hall/hallQueries';
import { assertIssuing } from '../hall/issuingHours';
import type { Actor } from '../core/actor';
import { randomToken } from '../core/secrets';

/** Where a ticket is issued: at a kiosk (its device), or at the front desk (a desk account). */
export type IssueChannel = Extract<TicketSource, 'kiosk' | 'desk'>;

export function createIssueService(repos: Repositories, runChange: RunChange, queries: HallQueries) {
  return {
    issue(actor: Actor, cmd: IssueTicketCommand, channel: IssueChannel = 'kiosk'): Promise<IssuedTicket> {
      return runChange(actor.hallId, (ctx) => {
        const existing = repos.tickets.findByRequest(actor.hallId, cmd.requestId);
        // A retry gets its ticket back, even if the hall stopped issuing meanwhile.
        if (existing) return queries.issued(existing, ctx.hall, ctx.now);

        assertIssuing(ctx.hall.hall, ctx.now);

        const service = ctx.hall.service(cmd.serviceId);
        if (!service) throw new DomainError('SERVICE_NOT_FOUND');
        if (!service.enabled) throw new DomainError('SERVICE_DISABLED');
        const marker = markerFor(cmd.priorityClass, ctx.hall.rules.priorityClasses);
        if (cmd.priorityClass !== NORMAL_CLASS && !marker) {
          throw new DomainError('PRIORITY_CLASS_UNKNOWN', { priorityClass: cmd.priorityClass });
        }

        const { now } = ctx;
        const day = ctx.hall.day;
        const sequence = repos.tickets.nextSequence(actor.hallId, service.id, day);
        const created = ctx.insertTicket({
          hallId: actor.hallId,
          serviceId: service.id,
          businessDay: day,
          sequence,
          number: formatTicketNumber(service.code, marker, sequence),
          priorityClass: cmd.priorityClass,
          proxy: cmd.proxy,
          proxyRelation: cmd.proxy ? cmd.proxyRelation : null,
          source: channel,
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
          requeueHold: null,
        });
        ctx.appendEvent({
          ticketId: created.id,
          type: 'issued',
          windowId: null,
          staffId: actor.staffId,
          deviceId: actor.deviceId,
          payload: {
            number: created.number,
            serviceId: service.id,
            priorityClass: created.priorityClass,
            proxy: created.proxy,
            idChecked: cmd.maskedIdNumber !== null,
            channel,
          },
        });
        ctx.emit({ type: 'ticket:issued', ticket: toView(created) });
        const hall = ctx.hall;
        return afterBatch(() => queries.issued(created, hall, now));
      });
    },
  };
}
export type IssueService = ReturnType<typeof createIssueService>;
