// Staff accounts: list, create (scrypt-hashed password), rename, change role, disable (which ends
// their sessions and cuts their sockets at once) and reset passwords. An admin cannot disable or
// demote their own account, so a hall is never left without someone who can sign in to fix it.
import { DomainError } from '@hall/shared/contracts/errors';
import type { StaffMember } from '@hall/shared/contracts/entities';
import type { staffCreateSchema, staffUpdateSchema } from '@hall/shared/contracts/schemas';
import type { z } from 'zod';
import { hashPassword } from '../core/secrets';
import { configChange, type AdminActor, type AdminServiceDeps } from '../audit/configChange';
import { auditDetail, created, fieldChanges } from '../audit/auditDetail';

type StaffCreate = z.output<typeof staffCreateSchema>;
type StaffUpdate = z.output<typeof staffUpdateSchema>;

export interface StaffAdminDeps extends AdminServiceDeps {
  disconnectStaff(staffId: number): Promise<void>;
}

export function createStaffAdminService(deps: StaffAdminDeps) {
  const { repos } = deps;

  function memberOf(actor: AdminActor, id: number): StaffMember {
    const member = repos.staff.find(id);
    // A hall admin manages the hall's own accounts; a city account is beyond its reach.
    if (!member || member.hallId !== actor.hallId || member.role === 'city')
      throw new DomainError('NOT_FOUND', { what: 'staff' });
    return member;
  }

  return {
    list(actor: AdminActor): StaffMember[] {
      return repos.staff.list(actor.hallId);
    },

    create(actor: AdminActor, input: StaffCreate): Promise<StaffMember> {
      // Hash outside the transaction: scrypt takes tens of milliseconds.
      const passwordHash = hashPassword(input.password);
      return configChange(deps, actor, 'staff.create', () => {
        if (repos.staff.findByUsername(input.username)) {
          throw new DomainError('CONFLICT', { detail: `username ${input.username} exists` });
        }
        const id = repos.staff.insert({
          hallId: actor.hallId,
          username: input.username,
          name: input.name,
          role: input.role,
          passwordHash,
          badgeNumber: input.badgeNumber,
        });
        const member = repos.staff.find(id)!;
        const fields = ['username', 'name', 'role'] as const;
        return {
          result: member,
          detail: auditDetail(
            { id, label: member.username },
            created(member, member.badgeNumber ? [...fields, 'badgeNumber'] : [...fields]),
          ),
        };
      });
    },

    async update(actor: AdminActor, input: StaffUpdate): Promise<StaffMember> {
      const passwordHash = input.password ? hashPassword(input.password) : null;
      let cut = false;
      const result = await configChange(deps, actor, 'staff.update', () => {
        const before = memberOf(actor, input.id);
        const self = before.id === actor.staffId;
        if (self && input.disabled === true)
          throw new DomainError('CONFLICT', { detail: 'cannot disable your own account' });
        if (self && input.role === 'staff')
          throw new DomainError('CONFLICT', { detail: 'cannot remove your own admin role' });
        const after: StaffMember = {
          ...before,
          name: input.name ?? before.name,
          role: input.role ?? before.role,
          disabled: input.disabled ?? before.disabled,
          badgeNumber: input.badgeNumber === undefined ? before.badgeNumber : input.badgeNumber,
        };
        repos.staff.update(after);
        if (passwordHash) repos.staff.setPassword(after.id, passwordHash);
        const disabledNow = after.disabled && !before.disabled;
        const roleChanged = after.role !== before.role;
        // A disabled account, a new role or a reset password all end the sessions signed in before.
        if (disabledNow || roleChanged || (passwordHash && !self)) repos.staff.deleteSessionsOf(after.id);
        if (disabledNow) releaseIdleWindow(after.id);
        cut = disabledNow || roleChanged || (passwordHash !== null && !self);
        const changes = fieldChanges(before, after, ['name', 'role', 'disabled', 'badgeNumber']);
        if (passwordHash) changes.push({ field: 'passwordReset', to: true });
        return { result: after, detail: auditDetail({ id: after.id, label: after.username }, changes) };
      });
      if (cut) await deps.disconnectStaff(result.id);
      return result;
    },
  };

  /** A disabled person's window is freed unless a visitor is still being served there. */
  function releaseIdleWindow(staffId: number): void {
    const window = repos.windows.heldBy(staffId);
    if (!window) return;
    const current = window.currentTicketId ? repos.tickets.find(window.hallId, window.currentTicketId) : null;
    if (current && (current.state === 'called' || current.state === 'serving')) return;
    repos.windows.save({
      ...window,
      staffId: null,
      state: 'closed',
      pauseReason: null,
      currentTicketId: null,
    });
  }
}
export type StaffAdminService = ReturnType<typeof createStaffAdminService>;
