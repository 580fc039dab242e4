// Staff accounts and their sign-in sessions.
import type { AccountRole, StaffMember } from '@hall/shared/contracts/entities';
import type { Db } from '../core/db/database';

interface StaffRow {
  id: number;
  hall_id: number;
  username: string;
  name: string;
  role: AccountRole;
  password_hash: string;
  disabled: number;
  badge_number: string | null;
}

const toStaff = (r: StaffRow): StaffMember => ({
  id: r.id,
  hallId: r.hall_id,
  username: r.username,
  name: r.name,
  role: r.role,
  disabled: r.disabled === 1,
  badgeNumber: r.badge_number ?? null,
});

export interface SessionRow {
  token_hash: string;
  staff_id: number;
  hall_id: number;
  created_at: number;
  last_seen_at: number;
}

export function createStaffRepository(db: Db) {
  const byUsername = db.prepare<[string], StaffRow>('SELECT * FROM staff WHERE username = ?');
  const byId = db.prepare<[number], StaffRow>('SELECT * FROM staff WHERE id = ?');
  const session = db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE token_hash = ?');
  return {
    findByUsername(username: string): (StaffMember & { passwordHash: string }) | null {
      const r = byUsername.get(username);
      return r ? { ...toStaff(r), passwordHash: r.password_hash } : null;
    },
    find(id: number): StaffMember | null {
      const r = byId.get(id);
      return r ? toStaff(r) : null;
    },
    /** The hall's own accounts (staff and admins; city accounts belong to no hall's list). */
    list(hallId: number): StaffMember[] {
      return (
        db
          .prepare("SELECT * FROM staff WHERE hall_id = ? AND role != 'city' ORDER BY id")
          .all(hallId) as StaffRow[]
      ).map(toStaff);
    },
    listCity(): StaffMember[] {
      return (db.prepare("SELECT * FROM staff WHERE role = 'city' ORDER BY id").all() as StaffRow[]).map(
        toStaff,
      );
    },
    insert(
      s: Omit<StaffMember, 'id' | 'disabled' | 'badgeNumber'> & {
        passwordHash: string;
        badgeNumber?: string | null;
      },
    ): number {
      return Number(
        db
          .prepare(
            'INSERT INTO staff (hall_id, username, name, role, password_hash, badge_number) VALUES (?,?,?,?,?,?)',
          )
          .run(s.hallId, s.username, s.name, s.role, s.passwordHash, s.badgeNumber ?? null).lastInsertRowid,
      );
    },
    update(s: StaffMember): void {
      db.prepare('UPDATE staff SET name = ?, role = ?, disabled = ?, badge_number = ? WHERE id = ?').run(
        s.name,
        s.role,
        s.disabled ? 1 : 0,
        s.badgeNumber,
        s.id,
      );
    },
    setPassword(id: number, passwordHash: string): void {
      db.prepare('UPDATE staff SET password_hash = ? WHERE id = ?').run(passwordHash, id);
    },
    createSession(tokenHash: string, staffId: number, hallId: number, now: number): void {
      db.prepare(
        'INSERT INTO sessions (token_hash, staff_id, hall_id, created_at, last_seen_at) VALUES (?,?,?,?,?)',
      ).run(tokenHash, staffId, hallId, now, now);
    },
    findSession(tokenHash: string): SessionRow | null {
      return session.get(tokenHash) ?? null;
    },
    touchSession(tokenHash: string, now: number): void {
      db.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').run(now, tokenHash);
    },
    deleteSession(tokenHash: string): void {
      db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
    },
    deleteSessionsOf(staffId: number): void {
      db.prepare('DELETE FROM sessions WHERE staff_id = ?').run(staffId);
    },
  };
}
export type StaffRepository = ReturnType<typeof createStaffRepository>;
