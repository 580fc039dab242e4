// Which windows to open on which monitors, from the config's role and the monitors present.
// One installed app serves every hall PC: a ticket kiosk, a wall display, both on two monitors, or a
// window's evaluator pad (a display page that cannot print, on the tablet's one screen).
import type { Rectangle } from 'electron';
import type { KioskConfig } from './config';
import type { PageRole } from './urlTrust';

export interface MonitorInfo {
  id: number;
  bounds: Rectangle;
}

export interface PlannedWindow {
  role: PageRole;
  url: string;
  bounds: Rectangle;
}

export interface WindowPlan {
  windows: PlannedWindow[];
  /** Things a technician should know (logged at start). */
  warnings: string[];
}

/** The key a page of `windowRole` signs in with: on a 'both' PC the display has its own device key. */
export function deviceKeyFor(config: KioskConfig, windowRole: PageRole): string {
  if (windowRole === 'display' && config.role === 'both' && config.displayDeviceKey)
    return config.displayDeviceKey;
  return config.deviceKey;
}

export function pageUrl(serverUrl: string, role: PageRole): string {
  return `${serverUrl}/${role}/`;
}

/** The monitor the display page goes on, never the primary when another exists. */
function pickDisplayMonitor(
  choice: KioskConfig['displayMonitor'],
  monitors: readonly MonitorInfo[],
  primary: MonitorInfo,
  warnings: string[],
): MonitorInfo {
  const others = monitors.filter((m) => m.id !== primary.id);
  if (choice === 'secondary') {
    if (others[0]) return others[0];
    warnings.push('显示屏：只有一台显示器，使用主显示器 / display: only one monitor, using the primary one');
    return primary;
  }
  const chosen = monitors[choice];
  if (chosen) return chosen;
  const fallback = others[0] ?? primary;
  warnings.push(
    `显示屏：没有序号为 ${choice} 的显示器（共 ${monitors.length} 台），改用 ${monitors.indexOf(fallback)} 号 / ` +
      `display: no monitor ${choice} (${monitors.length} present), using monitor ${monitors.indexOf(fallback)}`,
  );
  return fallback;
}

/**
 * `monitors` in screen.getAllDisplays() order (that order is what displayMonitor indexes);
 * `primaryId` from screen.getPrimaryDisplay().
 */
export function planWindows(
  config: KioskConfig,
  monitors: readonly MonitorInfo[],
  primaryId: number,
): WindowPlan {
  const warnings: string[] = [];
  const primary = monitors.find((m) => m.id === primaryId) ?? monitors[0];
  if (!primary) return { windows: [], warnings: ['没有检测到显示器 / no monitor detected'] };

  const kiosk = (): PlannedWindow => ({
    role: 'kiosk',
    url: pageUrl(config.serverUrl, 'kiosk'),
    bounds: primary.bounds,
  });
  const display = (monitor: MonitorInfo): PlannedWindow => ({
    role: 'display',
    url: pageUrl(config.serverUrl, 'display'),
    bounds: monitor.bounds,
  });

  if (config.role === 'kiosk') return { windows: [kiosk()], warnings };
  if (config.role === 'evaluator') {
    // The pad is touched: the primary (touch) monitor, signed in with its evaluator key.
    return {
      windows: [{ role: 'display', url: `${config.serverUrl}/display/evaluator`, bounds: primary.bounds }],
      warnings,
    };
  }
  if (config.role === 'display') {
    return {
      windows: [display(pickDisplayMonitor(config.displayMonitor, monitors, primary, warnings))],
      warnings,
    };
  }

  // 'both': the kiosk keeps the primary (touch) monitor; the display needs a different one.
  const others = monitors.filter((m) => m.id !== primary.id);
  if (others.length === 0) {
    warnings.push(
      '角色为 both，但只有一台显示器：只打开取号界面 / role is both but only one monitor is connected: opening the kiosk only',
    );
    return { windows: [kiosk()], warnings };
  }
  let target = pickDisplayMonitor(config.displayMonitor, monitors, primary, warnings);
  if (target.id === primary.id) {
    target = others[0]!;
    warnings.push(
      `显示屏不能与取号界面共用主显示器，改用 ${monitors.indexOf(target)} 号 / ` +
        `the display cannot share the primary monitor with the kiosk, using monitor ${monitors.indexOf(target)}`,
    );
  }
  return { windows: [kiosk(), display(target)], warnings };
}
