// The city's monitor across halls (COMMAND_ROLES: city accounts only; a hall admin keeps
// admin:monitor, for their own hall).
import type { CommandRegistrar } from '../core/command';
import type { Repositories } from '../repositories';
import { cityMonitor } from './cityMonitor';

export function registerCityMonitorHandlers(
  on: CommandRegistrar,
  deps: { repos: Repositories; clock: () => number },
): void {
  on.query('city:monitor', () => cityMonitor(deps.repos.db, deps.repos, deps.clock()));
}
