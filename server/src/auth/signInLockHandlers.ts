// Sign-in lock commands (admin only): see the locks, and lift one — for a colleague locked out at
// their own PC, or an address. Lifting is audited like any configuration change.
import { signInUnlockSchema } from '@hall/shared/contracts/schemas';
import type { CommandRegistrar } from '../core/command';
import type { AppSocket } from '../core/socketTypes';
import { adminActor, configChange, type AdminServiceDeps } from '../audit/configChange';
import { valuesDetail } from '../audit/auditDetail';
import type { AuthService } from './authService';

export function registerSignInLockHandlers(
  socket: AppSocket,
  on: CommandRegistrar,
  auth: AuthService,
  deps: AdminServiceDeps,
): void {
  const actor = () => adminActor(socket);
  on.query('admin:signInLocks', () => auth.signInLocks(actor().hallId));
  on.command('admin:signInUnlock', signInUnlockSchema, (target) =>
    configChange(deps, actor(), 'signin.unlock', () => {
      const lifted = auth.unlockSignIn(actor().hallId, target);
      // The person (or the address) whose lock was lifted, and how many locks that was.
      return {
        result: { lifted },
        detail: valuesDetail({ id: target.staffId ?? null, label: target.address ?? null }, { lifted }),
      };
    }),
  );
}
