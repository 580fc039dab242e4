// Personal-information commands (admins only; COMMAND_ROLES says so and the registrar enforces it).
import {
  accessLogQuerySchema,
  retentionUpdateSchema,
  revealSchema,
  subjectEraseSchema,
  subjectQuerySchema,
} from '@hall/shared/contracts/privacy';
import type { CommandRegistrar } from '../core/command';
import type { AppSocket } from '../core/socketTypes';
import { adminActor } from '../audit/configChange';
import type { PrivacyService } from './privacyService';
import type { RetentionService } from './retentionService';
import type { SubjectService } from './subjectService';

export interface PrivacyHandlerDeps {
  privacy: PrivacyService;
  retention: RetentionService;
  subjects: SubjectService;
}

export function registerPrivacyHandlers(
  socket: AppSocket,
  on: CommandRegistrar,
  deps: PrivacyHandlerDeps,
): void {
  const actor = () => adminActor(socket);
  on.command('privacy:reveal', revealSchema, (input) => deps.privacy.reveal(actor(), input));
  on.command('privacy:accessLog', accessLogQuerySchema, (input) => deps.privacy.accessLog(actor(), input));
  on.query('privacy:retention', () => deps.retention.state(actor().hallId));
  on.command('privacy:retentionUpdate', retentionUpdateSchema, (input) =>
    deps.retention.update(actor(), input),
  );
  on.query('privacy:purgeNow', () => deps.retention.purge(actor().hallId, actor().staffId));
  on.command('privacy:subjectFind', subjectQuerySchema, (input) => deps.subjects.copy(actor(), input));
  on.command('privacy:subjectErase', subjectEraseSchema, (input) => deps.subjects.erase(actor(), input));
}
