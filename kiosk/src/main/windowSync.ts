// Monitors come and go while the app runs: the wall TV is often switched on after the hall PC
// has booted, or its cable is pulled and replugged. When the set of monitors changes, the window
// plan is computed again and compared with what is open; this says what to open, move or close.
import type { Rectangle } from 'electron';
import type { PlannedWindow, WindowPlan } from './roles';
import type { PageRole } from './urlTrust';

export interface OpenWindowInfo {
  role: PageRole;
  bounds: Rectangle;
}

export type WindowAction =
  | { kind: 'open'; window: PlannedWindow }
  | { kind: 'move'; role: PageRole; bounds: Rectangle }
  | { kind: 'close'; role: PageRole };

const sameBounds = (a: Rectangle, b: Rectangle): boolean =>
  a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

export function reconcileWindows(open: readonly OpenWindowInfo[], plan: WindowPlan): WindowAction[] {
  // No monitor at all is a transient state (a TV switching inputs); closing every window would quit the app.
  if (plan.windows.length === 0) return [];
  const actions: WindowAction[] = [];
  for (const planned of plan.windows) {
    const current = open.find((w) => w.role === planned.role);
    if (!current) actions.push({ kind: 'open', window: planned });
    else if (!sameBounds(current.bounds, planned.bounds))
      actions.push({ kind: 'move', role: planned.role, bounds: planned.bounds });
  }
  for (const current of open) {
    if (!plan.windows.some((w) => w.role === current.role))
      actions.push({ kind: 'close', role: current.role });
  }
  return actions;
}
