// Rating commands: the window's evaluator pad and the ticket's status page rate (a visitor, never
// staff: COMMAND_ROLES), and admins follow up 差评 cases. Registered for every socket role, so a
// wrong role gets FORBIDDEN from the registrar rather than silence.
import {
  evaluatorRateSchema,
  phoneRateSchema,
  ratingCaseListSchema,
  ratingCaseStepSchema,
} from '@hall/shared/contracts/schemas';
import type { CommandRegistrar } from '../core/command';
import type { AppSocket } from '../core/socketTypes';
import { adminActor } from '../audit/configChange';
import type { Repositories } from '../repositories';
import type { EvaluatorPrompts } from './evaluatorPrompts';
import type { RatingService } from './ratingService';
import type { RatingCaseService } from './ratingCaseService';

export interface RatingHandlerDeps {
  repos: Repositories;
  ratings: RatingService;
  cases: RatingCaseService;
  prompts: EvaluatorPrompts;
}

export function registerRatingHandlers(
  socket: AppSocket,
  on: CommandRegistrar,
  deps: RatingHandlerDeps,
): void {
  const data = socket.data;
  const padWindow = (): number | null =>
    data.deviceId === null ? null : (deps.repos.devices.find(data.hallId, data.deviceId)?.windowId ?? null);

  on.query('evaluator:sync', () => deps.prompts.state(data.hallId, padWindow()));
  on.command('evaluator:rate', evaluatorRateSchema, ({ ticketId, level, reasons }) =>
    deps.ratings.rateAtPad(data.hallId, data.deviceId!, ticketId, { level, reasons }),
  );
  on.query('ticket:ratingState', () => deps.ratings.phoneState(data.statusToken!));
  on.command('ticket:rate', phoneRateSchema, ({ level, reasons }) =>
    deps.ratings.rateByPhone(data.statusToken!, { level, reasons }),
  );
  on.command('ratingCase:list', ratingCaseListSchema, ({ status }) =>
    deps.cases.list(adminActor(socket), status),
  );
  on.command('ratingCase:step', ratingCaseStepSchema, ({ id, step, text }) =>
    deps.cases.step(adminActor(socket), id, step, text),
  );
}
