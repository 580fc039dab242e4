// API key commands (admin only): list, create (the key is shown once), revoke.
import { apiKeyCreateSchema, apiKeyRefSchema } from '@hall/shared/contracts/schemas';
import type { CommandRegistrar } from '../core/command';
import type { AppSocket } from '../core/socketTypes';
import { adminActor } from '../audit/configChange';
import type { ApiKeyService } from './apiKeyService';

export function registerApiKeyHandlers(
  socket: AppSocket,
  on: CommandRegistrar,
  apiKeys: ApiKeyService,
): void {
  const actor = () => adminActor(socket);
  on.query('admin:apiKeyList', () => apiKeys.list(actor()));
  on.command('admin:apiKeyCreate', apiKeyCreateSchema, (input) => apiKeys.create(actor(), input));
  on.command('admin:apiKeyRevoke', apiKeyRefSchema, ({ id }) => apiKeys.revoke(actor(), id));
}
