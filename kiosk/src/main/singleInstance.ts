// One kiosk app per PC: a second copy (a double-click on the desktop icon, an autostart racing a
// manual start) would fight over the printer and the monitors. The second copy quits at once and
// the first brings its windows to the front.
import type { App } from 'electron';

export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>,
  onSecondInstance: () => void,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => onSecondInstance());
  return true;
}
