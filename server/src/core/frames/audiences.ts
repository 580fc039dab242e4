// Who sees what. Sockets join one room per audience of their hall; each committed delta goes only
// to the audiences whose screens it changes, in the shape they need:
//   displays  (wall and window displays)  ticket and window deltas that change what they draw
//   consoles  (staff and admin consoles)  every ticket and window delta
//   kiosks                                waiting counts and estimates per service, never a ticket
//   admins                                besides the console's frames: devices, printers, storage
//   status pages (one room per ticket)    that ticket's public status, computed once per tick
//   evaluators (one room per window)      that window's officer, and a prompt when it finishes a ticket
import type { HallWindow } from '@hall/shared/contracts/entities';
import type { HallDelta } from '@hall/shared/contracts/frames';

export const displayRoom = (hallId: number) => `displays:${hallId}`;
export const consoleRoom = (hallId: number) => `consoles:${hallId}`;
export const kioskRoom = (hallId: number) => `kiosks:${hallId}`;
export const adminRoom = (hallId: number) => `admin:${hallId}`;
export const statusRoom = (statusToken: string) => `status:${statusToken}`;
export const deviceRoom = (deviceId: number) => `device:${deviceId}`;
export const staffRoom = (staffId: number) => `staff:${staffId}`;
/** The sockets of one sign-in session (by its token's hash): a sign-out ends them on every process. */
export const sessionRoom = (tokenHash: string) => `session:${tokenHash}`;
/** The evaluator pad(s) of one window: only that window's pad asks about its visitors. */
export const evaluatorRoom = (windowId: number) => `evaluator:${windowId}`;

/** Window fields only a console uses: which ticket it holds and its mixing streak. */
function sameForDisplays(a: HallWindow, b: HallWindow): boolean {
  return (
    a.number === b.number &&
    a.name === b.name &&
    a.state === b.state &&
    a.elderlyDedicated === b.elderlyDedicated &&
    a.pauseReason === b.pauseReason &&
    a.staffId === b.staffId &&
    a.serviceIds.length === b.serviceIds.length &&
    a.serviceIds.every((id, i) => b.serviceIds[i] === id)
  );
}

export const shownOnDisplays = {
  /**
   * A display shows the waiting counts, the number each window has called or is serving, and the
   * calls. Starting to serve a called ticket (called → serving) changes none of that.
   */
  ticket(delta: Pick<Exclude<HallDelta, { type: 'window:updated' }>, 'type' | 'ticket'>): boolean {
    return !(delta.type === 'ticket:updated' && delta.ticket.state === 'serving');
  },
  /** A window change a display draws: not the ticket it holds (displays follow the tickets). */
  window(before: HallWindow | null, after: HallWindow): boolean {
    return before === null || !sameForDisplays(before, after);
  },
};
