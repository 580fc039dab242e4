import { describe, expect, it } from 'vitest';
import { parseConfig } from './config';
import { planWindows, type MonitorInfo } from './roles';
import { reconcileWindows } from './windowSync';

const LEFT: MonitorInfo = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
const TV: MonitorInfo = { id: 2, bounds: { x: 1920, y: 0, width: 3840, height: 2160 } };

const config = (role: string) =>
  parseConfig(
    {
      serverUrl: 'http://hall.local:3000',
      allowInsecureHttp: true,
      deviceKey: 'kiosk-key-0123456789',
      displayDeviceKey: 'display-key-0123456789',
      role,
      printer: { interface: 'virtual' },
    },
    'test.json',
    '/data',
  );

describe('reconcileWindows', () => {
  it('role both: the wall TV switched on after boot gets its display window', () => {
    const open = [{ role: 'kiosk' as const, bounds: LEFT.bounds }];
    const actions = reconcileWindows(open, planWindows(config('both'), [LEFT, TV], LEFT.id));
    expect(actions).toEqual([
      {
        kind: 'open',
        window: { role: 'display', url: 'http://hall.local:3000/display/', bounds: TV.bounds },
      },
    ]);
  });

  it('role both: the TV unplugged closes the display window and leaves the kiosk alone', () => {
    const open = [
      { role: 'kiosk' as const, bounds: LEFT.bounds },
      { role: 'display' as const, bounds: TV.bounds },
    ];
    expect(reconcileWindows(open, planWindows(config('both'), [LEFT], LEFT.id))).toEqual([
      { kind: 'close', role: 'display' },
    ]);
  });

  it('role display: moves the display from the stand-in primary monitor to the TV when it appears', () => {
    const open = [{ role: 'display' as const, bounds: LEFT.bounds }];
    expect(reconcileWindows(open, planWindows(config('display'), [LEFT, TV], LEFT.id))).toEqual([
      { kind: 'move', role: 'display', bounds: TV.bounds },
    ]);
  });

  it('does nothing when nothing changed', () => {
    const open = [
      { role: 'kiosk' as const, bounds: LEFT.bounds },
      { role: 'display' as const, bounds: TV.bounds },
    ];
    expect(reconcileWindows(open, planWindows(config('both'), [LEFT, TV], LEFT.id))).toEqual([]);
  });

  it('never closes everything when no monitor is reported for a moment', () => {
    const open = [{ role: 'kiosk' as const, bounds: LEFT.bounds }];
    expect(reconcileWindows(open, planWindows(config('kiosk'), [], 1))).toEqual([]);
  });
});
