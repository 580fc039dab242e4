import { describe, expect, it } from 'vitest';
import { parseConfig, type KioskConfig } from './config';
import { deviceKeyFor, planWindows, type MonitorInfo } from './roles';

const LEFT: MonitorInfo = { id: 10, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
const RIGHT: MonitorInfo = { id: 20, bounds: { x: 1920, y: 0, width: 3840, height: 2160 } };
const THIRD: MonitorInfo = { id: 30, bounds: { x: -1280, y: 0, width: 1280, height: 1024 } };

function config(overrides: Record<string, unknown>): KioskConfig {
  return parseConfig(
    {
      serverUrl: 'http://hall.local:3000',
      allowInsecureHttp: true,
      deviceKey: 'kiosk-key-0123456789',
      displayDeviceKey: 'display-key-0123456789',
      printer: { interface: 'virtual' },
      ...overrides,
    },
    'test.json',
    '/data',
  );
}

describe('planWindows', () => {
  it('kiosk role: one kiosk window on the primary monitor', () => {
    const plan = planWindows(config({ role: 'kiosk' }), [RIGHT, LEFT], LEFT.id);
    expect(plan.windows).toEqual([
      {
        role: 'kiosk',
        url: 'http://hall.local:3000/kiosk/',
        bounds: LEFT.bounds,
      },
    ]);
    expect(plan.warnings).toEqual([]);
  });

  it('evaluator role: the window evaluator page, on the primary (touch) monitor, no printer needed', () => {
    const pad = config({ role: 'evaluator', printer: undefined, deviceKey: 'evaluator-key-0123456789' });
    const plan = planWindows(pad, [RIGHT, LEFT], LEFT.id);
    expect(plan.windows).toEqual([
      { role: 'display', url: 'http://hall.local:3000/display/evaluator', bounds: LEFT.bounds },
    ]);
    expect(plan.warnings).toEqual([]);
    // The page signs in with the evaluator's own key; being a display page, it may not print.
    expect(deviceKeyFor(pad, 'display')).toBe('evaluator-key-0123456789');
  });

  it('display role with one monitor: the display page on it, with a note', () => {
    const plan = planWindows(config({ role: 'display', printer: undefined }), [LEFT], LEFT.id);
    expect(plan.windows).toEqual([
      {
        role: 'display',
        url: 'http://hall.local:3000/display/',
        bounds: LEFT.bounds,
      },
    ]);
    expect(plan.warnings.join()).toContain('only one monitor');
  });

  it('display role with two monitors: "secondary" picks the non-primary one', () => {
    const plan = planWindows(config({ role: 'display' }), [LEFT, RIGHT], LEFT.id);
    expect(plan.windows.map((w) => [w.role, w.bounds])).toEqual([['display', RIGHT.bounds]]);
  });

  it('display role: an index picks that monitor, even the primary', () => {
    const plan = planWindows(config({ role: 'display', displayMonitor: 0 }), [LEFT, RIGHT], LEFT.id);
    expect(plan.windows[0]!.bounds).toEqual(LEFT.bounds);
    expect(plan.warnings).toEqual([]);
  });

  it('display role: a missing index falls back to a secondary monitor and says so', () => {
    const plan = planWindows(config({ role: 'display', displayMonitor: 5 }), [LEFT, RIGHT], LEFT.id);
    expect(plan.windows[0]!.bounds).toEqual(RIGHT.bounds);
    expect(plan.warnings.join()).toMatch(/no monitor 5 \(2 present\), using monitor 1/);
  });

  it('both with two monitors: kiosk on primary, display on the other', () => {
    const plan = planWindows(config({ role: 'both' }), [RIGHT, LEFT], LEFT.id);
    expect(plan.windows).toEqual([
      {
        role: 'kiosk',
        url: 'http://hall.local:3000/kiosk/',
        bounds: LEFT.bounds,
      },
      {
        role: 'display',
        url: 'http://hall.local:3000/display/',
        bounds: RIGHT.bounds,
      },
    ]);
    expect(plan.warnings).toEqual([]);
  });

  it('both with one monitor: kiosk only, and the log says why', () => {
    const plan = planWindows(config({ role: 'both' }), [LEFT], LEFT.id);
    expect(plan.windows.map((w) => w.role)).toEqual(['kiosk']);
    expect(plan.warnings.join()).toContain('only one monitor');
    expect(plan.warnings.join()).toContain('只有一台显示器');
  });

  it('both: a displayMonitor pointing at the primary is moved off it', () => {
    const plan = planWindows(config({ role: 'both', displayMonitor: 0 }), [LEFT, RIGHT], LEFT.id);
    expect(plan.windows.map((w) => [w.role, w.bounds])).toEqual([
      ['kiosk', LEFT.bounds],
      ['display', RIGHT.bounds],
    ]);
    expect(plan.warnings.join()).toContain('cannot share the primary monitor');
  });

  it('both with three monitors: an index chooses among them', () => {
    const plan = planWindows(config({ role: 'both', displayMonitor: 2 }), [LEFT, RIGHT, THIRD], LEFT.id);
    expect(plan.windows[1]!.bounds).toEqual(THIRD.bounds);
  });

  it('no monitors: nothing to open, and a warning', () => {
    const plan = planWindows(config({ role: 'kiosk' }), [], 1);
    expect(plan.windows).toEqual([]);
    expect(plan.warnings).toHaveLength(1);
  });
});

describe('deviceKeyFor', () => {
  it('gives the display page its own key only on a PC running both roles', () => {
    expect(deviceKeyFor(config({ role: 'both' }), 'kiosk')).toBe('kiosk-key-0123456789');
    expect(deviceKeyFor(config({ role: 'both' }), 'display')).toBe('display-key-0123456789');
    expect(deviceKeyFor(config({ role: 'display' }), 'display')).toBe('kiosk-key-0123456789');
  });
});
