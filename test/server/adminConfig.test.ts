// Configuration through the real server: rule, window, service, notice and hall changes apply live
// (the next call and the display's snapshot follow them, no restart); devices and staff accounts are
// managed and cut off at once; every admin command is refused to a non-admin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, DeviceWithKey, MonitorState } from '@hall/shared/contracts/admin';
import type {
  Device,
  Hall,
  HallRules,
  HallSnapshot,
  HallWindow,
  IssuedTicket,
  Notice,
  Service,
  StaffMember,
  TicketView,
} from '@hall/shared/contracts/entities';
import { COMMAND_ROLES, type ClientEventName } from '@hall/shared/contracts/events';
import type { Result } from '@hall/shared/contracts/errors';
import { DEFAULT_RULES } from '@hall/shared/defaults';
import { startTestServer, type TestServer } from '../support/testServer';
import {
  connectClient,
  connectRaw,
  emitAck,
  login,
  newRequestId,
  nextEvent,
  nextKioskSnapshot,
  nextSnapshot,
  staffAtWindow,
  type ConnectedClient,
  type KioskClient,
} from '../support/clients';

let now = Date.UTC(2026, 4, 6, 1, 0); // 09:00 in the hall
let server: TestServer;
let kiosk: KioskClient;
let display: ConnectedClient;
let admin: ConnectedClient;

const serviceId = (code: string) => kiosk.snapshot.services.find((s) => s.code === code)!.id;
const windowId = (n: number) => server.windowId(n);

function data<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

async function issue(code: string, priorityClass = 'normal'): Promise<TicketView> {
  now += 60_000;
  return data(
    await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
      requestId: newRequestId(),
      serviceId: serviceId(code),
      priorityClass,
    }),
  ).ticket;
}

async function serve(client: ConnectedClient, ticket: TicketView): Promise<void> {
  data(await emitAck(client.socket, 'counter:start', { ticketId: ticket.id }));
  data(await emitAck(client.socket, 'counter:finish', { ticketId: ticket.id }));
}

beforeAll(async () => {
  server = await startTestServer({ clock: () => now, extraStaff: ['li'] });
  kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
  display = await connectClient(server.url, { role: 'display', deviceKey: server.credentials.displayKey });
  const session = await login(server.url, 'admin', server.credentials.admin.password);
  admin = await connectClient(server.url, { role: 'admin', sessionToken: session.token });
});

afterAll(async () => {
  for (const c of [kiosk, display, admin]) c?.close();
  await server?.close();
});

describe('rules apply to the next call without restart', () => {
  it('mixRatio: an ordinary window calls the elderly ticket one normal ticket sooner', async () => {
    const li = await staffAtWindow(server.url, 'li', 'li-pass', windowId(3));
    const n1 = await issue('A');
    const e1 = await issue('A', 'elderly');
    const n2 = await issue('A');
    const first = data(await emitAck<TicketView>(li.socket, 'counter:callNext'));
    expect(first.id).toBe(n1.id); // streak 0 < mixRatio 2: normal first
    await serve(li, first);

    const snapshot = nextSnapshot(display.socket, (s) => s.rules.mixRatio === 1);
    const rules = data(await emitAck<HallRules>(admin.socket, 'admin:rulesUpdate', { mixRatio: 1 }));
    expect(rules.mixRatio).toBe(1);
    expect(rules.maxWaitMinutes).toBe(DEFAULT_RULES.maxWaitMinutes); // merged, not replaced
    expect((await snapshot).rules.mixRatio).toBe(1);

    // With the old ratio (2) the window would call n2 now; with 1 the elderly ticket comes first.
    const second = data(await emitAck<TicketView>(li.socket, 'counter:callNext'));
    expect(second.id).toBe(e1.id);
    await serve(li, second);
    const third = data(await emitAck<TicketView>(li.socket, 'counter:callNext'));
    expect(third.id).toBe(n2.id);
    await serve(li, third);
    li.close();
  });

  it('elderlyWindowTakesOthers: switched off, the elderly window no longer calls a normal ticket', async () => {
    const staff = await staffAtWindow(server.url, 'staff', server.credentials.staff.password, windowId(1));
    const normal = await issue('C');
    data(await emitAck(admin.socket, 'admin:rulesUpdate', { elderlyWindowTakesOthers: false }));
    const refused = await emitAck(staff.socket, 'counter:callNext');
    expect(!refused.ok && refused.error.code).toBe('QUEUE_EMPTY');
    data(await emitAck(admin.socket, 'admin:rulesUpdate', { elderlyWindowTakesOthers: true }));
    expect(data(await emitAck<TicketView>(staff.socket, 'counter:callNext')).id).toBe(normal.id);
    await serve(staff, normal);
    data(await emitAck(staff.socket, 'window:release'));
    staff.close();
  });

  it('refuses rules that are out of range or drop the elderly class', async () => {
    const zero = await emitAck(admin.socket, 'admin:rulesUpdate', { mixRatio: 0 });
    expect(!zero.ok && zero.error.code).toBe('VALIDATION_FAILED');
    const noElderly = await emitAck(admin.socket, 'admin:rulesUpdate', {
      priorityClasses: DEFAULT_RULES.priorityClasses.filter((c) => c.id !== 'elderly'),
    });
    expect(!noElderly.ok && noElderly.error.code).toBe('VALIDATION_FAILED');
    const duplicateMarker = await emitAck(admin.socket, 'admin:rulesUpdate', {
      priorityClasses: [
        ...DEFAULT_RULES.priorityClasses,
        { id: 'pregnant', nameZh: '孕妇', nameEn: 'Pregnant', marker: 'L' },
      ],
    });
    expect(!duplicateMarker.ok && duplicateMarker.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('windows, services, notices and hall details apply live', () => {
  it('a window change reaches the display’s snapshot and the next call', async () => {
    const snapshot = nextSnapshot(display.socket, (s) =>
      s.windows.some((w) => w.number === 3 && w.elderlyDedicated),
    );
    const updated = data(
      await emitAck<HallWindow>(admin.socket, 'admin:windowUpsert', {
        id: windowId(3),
        number: 3,
        name: '老年人专窗',
        serviceIds: [serviceId('A'), serviceId('B')],
        elderlyDedicated: true,
      }),
    );
    expect(updated.elderlyDedicated).toBe(true);
    const seen = (await snapshot).windows.find((w) => w.number === 3)!;
    expect(seen).toMatchObject({
      elderlyDedicated: true,
      name: '老年人专窗',
      serviceIds: [serviceId('A'), serviceId('B')],
    });

    // Window 3 now serves B and, as an elderly window, takes the elderly B ticket before an older normal A.
    const li = await staffAtWindow(server.url, 'li', 'li-pass', windowId(3));
    const normalA = await issue('A');
    const elderlyB = await issue('B', 'elderly');
    const called = data(await emitAck<TicketView>(li.socket, 'counter:callNext'));
    expect(called.id).toBe(elderlyB.id);
    await serve(li, called);
    const next = data(await emitAck<TicketView>(li.socket, 'counter:callNext'));
    expect(next.id).toBe(normalA.id);
    await serve(li, next);
    li.close();
  });

  it('refuses unknown services, duplicate window numbers and duplicate service codes', async () => {
    const unknown = await emitAck(admin.socket, 'admin:windowUpsert', {
      number: 9,
      serviceIds: [9999],
      elderlyDedicated: false,
    });
    expect(!unknown.ok && unknown.error.code).toBe('SERVICE_NOT_FOUND');
    const duplicate = await emitAck(admin.socket, 'admin:windowUpsert', {
      number: 4,
      serviceIds: [],
      elderlyDedicated: false,
    });
    expect(!duplicate.ok && duplicate.error.code).toBe('CONFLICT');
    const code = await emitAck(admin.socket, 'admin:serviceUpsert', {
      code: 'a',
      nameZh: '重复',
      nameEn: 'Dup',
      category: 'other',
      typicalMinutes: 5,
    });
    expect(!code.ok && code.error.code).toBe('CONFLICT');
  });

  it('a new service and window can issue and call at once', async () => {
    const service = data(
      await emitAck<Service>(admin.socket, 'admin:serviceUpsert', {
        code: 'E',
        nameZh: '户口迁移',
        nameEn: 'Household transfer',
        category: 'household',
        typicalMinutes: 12,
      }),
    );
    const window = data(
      await emitAck<HallWindow>(admin.socket, 'admin:windowUpsert', {
        number: 7,
        serviceIds: [service.id],
        elderlyDedicated: false,
      }),
    );
    const ticket = data(
      await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
        requestId: newRequestId(),
        serviceId: service.id,
      }),
    );
    expect(ticket.ticket.number).toBe('E001');
    // li still holds window 3 from above: moving to the new window is a confirmed switch.
    const li = await staffAtWindow(server.url, 'li', 'li-pass', window.id, { releaseHeld: true });
    expect(data(await emitAck<TicketView>(li.socket, 'counter:callNext')).number).toBe('E001');
    li.close();
  });

  it('notices and the ticket footer reach the screens', async () => {
    const shown = nextSnapshot(display.socket, (s) =>
      s.notices.some((n) => n.text === '今日 12:00–13:00 照常办理'),
    );
    const notice = data(
      await emitAck<Notice>(admin.socket, 'admin:noticeUpsert', { text: '今日 12:00–13:00 照常办理' }),
    );
    expect((await shown).notices.map((n) => n.text)).toContain('今日 12:00–13:00 照常办理');
    const hidden = nextSnapshot(display.socket, (s) => s.notices.every((n) => n.id !== notice.id));
    data(await emitAck(admin.socket, 'admin:noticeDelete', { id: notice.id }));
    expect((await hidden).notices.map((n) => n.id)).not.toContain(notice.id);

    data(await emitAck(admin.socket, 'admin:hallUpdate', { ticketFooter: '老年人请到 1、2 号专窗' }));
    const ticket = data(
      await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
        requestId: newRequestId(),
        serviceId: serviceId('D'),
      }),
    );
    expect(ticket.footer).toBe('老年人请到 1、2 号专窗');
  });

  it('the hall’s spoken languages change live: displays and kiosks get them at once, audited from → to', async () => {
    expect(display.snapshot.hall.voiceLanguages).toEqual(['cmn']);
    const bilingual = (languages: readonly string[]) => languages.join() === 'cmn,yue';
    const shown = nextSnapshot(display.socket, (s) => bilingual(s.hall.voiceLanguages));
    const kioskSees = nextKioskSnapshot(kiosk.socket, (s) => bilingual(s.hall.voiceLanguages));
    const hall = data(
      await emitAck<Hall>(admin.socket, 'admin:hallUpdate', { voiceLanguages: ['cmn', 'yue'] }),
    );
    expect(hall.voiceLanguages).toEqual(['cmn', 'yue']);
    expect((await shown).hall.voiceLanguages).toEqual(['cmn', 'yue']);
    expect((await kioskSees).hall.voiceLanguages).toEqual(['cmn', 'yue']);
    const [entry] = data(await emitAck<AuditEntry[]>(admin.socket, 'admin:audit'));
    expect(entry).toMatchObject({
      action: 'hall.update',
      staffName: '值班主管',
      detail: { changes: [{ field: 'voiceLanguages', from: ['cmn'], to: ['cmn', 'yue'] }] },
    });

    // Cantonese first is a choice too; an unknown language, none, or one twice is refused.
    data(await emitAck(admin.socket, 'admin:hallUpdate', { voiceLanguages: ['yue', 'cmn'] }));
    for (const bad of [['fr'], [], ['yue', 'yue'], 'yue']) {
      const refused = await emitAck(admin.socket, 'admin:hallUpdate', { voiceLanguages: bad });
      expect(refused.ok, JSON.stringify(bad)).toBe(false);
      if (!refused.ok) expect(refused.error.code).toBe('VALIDATION_FAILED');
    }
    data(await emitAck(admin.socket, 'admin:hallUpdate', { voiceLanguages: ['cmn'] }));
    expect(data(await emitAck<HallSnapshot>(display.socket, 'hall:sync')).hall.voiceLanguages).toEqual([
      'cmn',
    ]);
  });

  it('the announcement delay bound is a rule like the others', async () => {
    const rules = data(
      await emitAck<HallRules>(admin.socket, 'admin:rulesUpdate', { callMaxDelaySeconds: 45 }),
    );
    expect(rules.callMaxDelaySeconds).toBe(45);
    for (const bad of [2, 301, 1.5]) {
      const refused = await emitAck(admin.socket, 'admin:rulesUpdate', { callMaxDelaySeconds: bad });
      expect(refused.ok, String(bad)).toBe(false);
    }
    data(
      await emitAck(admin.socket, 'admin:rulesUpdate', {
        callMaxDelaySeconds: DEFAULT_RULES.callMaxDelaySeconds,
      }),
    );
  });

  it('audits each change with who and what', async () => {
    const audit = data(await emitAck<AuditEntry[]>(admin.socket, 'admin:audit'));
    const actions = audit.map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'rules.update',
        'window.update',
        'window.create',
        'service.create',
        'notice.create',
        'notice.delete',
        'hall.update',
      ]),
    );
    const rules = audit.find(
      (a) => a.action === 'rules.update' && a.detail.changes.some((c) => c.field === 'mixRatio'),
    )!;
    expect(rules.staffName).toBe('值班主管');
    expect(rules.detail.changes).toEqual([{ field: 'mixRatio', from: 2, to: 1 }]);
    // The console saves the whole rule set; the log still names only what changed.
    const current = data(await emitAck<HallRules>(admin.socket, 'admin:rulesUpdate', {}));
    data(await emitAck(admin.socket, 'admin:rulesUpdate', { ...current, requeueOffset: 5 }));
    const [latest] = data(await emitAck<AuditEntry[]>(admin.socket, 'admin:audit'));
    expect(latest).toMatchObject({
      action: 'rules.update',
      detail: { changes: [{ field: 'requeueOffset', from: 3, to: 5 }] },
    });
    expect(latest!.detail.changes.map((c) => c.field)).toEqual(['requeueOffset']);
    // A window edit names the window and says what became what.
    const windowEdit = audit.find((a) => a.action === 'window.update')!;
    expect(windowEdit.detail.target.label).toMatch(/^\d+$/);
    expect(windowEdit.detail.changes.length).toBeGreaterThan(0);
    for (const change of windowEdit.detail.changes) expect(change).toHaveProperty('from');
  });

  it('writes no audit entry for a save that changes nothing', async () => {
    const before = data(await emitAck<AuditEntry[]>(admin.socket, 'admin:audit'));
    // The hall as it is now, from a fresh connection.
    const fresh = await connectClient(server.url, {
      role: 'display',
      deviceKey: server.credentials.displayKey,
    });
    const { hall, services, windows } = fresh.snapshot;
    fresh.close();
    const rules = data(await emitAck<HallRules>(admin.socket, 'admin:rulesUpdate', {}));
    data(await emitAck(admin.socket, 'admin:rulesUpdate', rules));
    data(await emitAck(admin.socket, 'admin:hallUpdate', { name: hall.name, hours: hall.hours }));
    const { hallId: _hall, ...service } = services[0]!;
    data(await emitAck(admin.socket, 'admin:serviceUpsert', service));
    const window = windows.find((w) => w.serviceIds.length > 1)!;
    data(
      await emitAck(admin.socket, 'admin:windowUpsert', {
        id: window.id,
        number: window.number,
        name: window.name,
        serviceIds: [...window.serviceIds].reverse(), // the same set in another order
        elderlyDedicated: window.elderlyDedicated,
      }),
    );
    const staff = data(await emitAck<StaffMember[]>(admin.socket, 'admin:staffList'));
    const member = staff.find((m) => m.username === 'staff')!;
    data(
      await emitAck(admin.socket, 'admin:staffUpdate', {
        id: member.id,
        name: member.name,
        role: member.role,
      }),
    );
    const after = data(await emitAck<AuditEntry[]>(admin.socket, 'admin:audit'));
    expect(after.map((a) => a.id)).toEqual(before.map((a) => a.id));
    expect(after.some((a) => a.detail.changes.length === 0)).toBe(false);
    // A real change right after is still logged, with only what changed.
    data(await emitAck(admin.socket, 'admin:hallUpdate', { name: hall.name, nameEn: `${hall.nameEn} 2` }));
    const [latest] = data(await emitAck<AuditEntry[]>(admin.socket, 'admin:audit'));
    expect(latest).toMatchObject({ action: 'hall.update', detail: { changes: [{ field: 'nameEn' }] } });
    data(await emitAck(admin.socket, 'admin:hallUpdate', { nameEn: hall.nameEn }));
  });
});

describe('devices', () => {
  it('creates a key shown once, updates the printer, and revoking cuts the device off at once', async () => {
    const created = data(
      await emitAck<DeviceWithKey>(admin.socket, 'admin:deviceCreate', {
        kind: 'kiosk',
        name: '二楼取号机',
        printer: { interface: 'virtual' },
      }),
    );
    expect(created.key.length).toBeGreaterThanOrEqual(40);
    const list = data(await emitAck<Device[]>(admin.socket, 'admin:deviceList'));
    expect(JSON.stringify(list)).not.toContain(created.key);

    const newKiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: created.key });
    const printer = data(
      await emitAck<Device>(admin.socket, 'admin:deviceUpdate', {
        id: created.device.id,
        printer: { interface: 'tcp://10.0.0.5:9100', widthColumns: 42 },
      }),
    );
    expect(printer.printer).toEqual({ interface: 'tcp://10.0.0.5:9100', widthColumns: 42 });
    const badPrinter = await emitAck(admin.socket, 'admin:deviceUpdate', {
      id: created.device.id,
      printer: { interface: 'http://evil' },
    });
    expect(!badPrinter.ok && badPrinter.error.code).toBe('VALIDATION_FAILED');

    const monitor = data(await emitAck<MonitorState>(admin.socket, 'admin:monitor'));
    expect(monitor.devices.find((d) => d.id === created.device.id)?.online).toBe(true);

    const ended = nextEvent(newKiosk.socket, 'session:ended');
    const gone = new Promise<string>((resolve) =>
      newKiosk.socket.once('disconnect', (reason) => resolve(reason)),
    );
    const revoked = data(
      await emitAck<Device>(admin.socket, 'admin:deviceRevoke', { id: created.device.id }),
    );
    expect(revoked.revoked).toBe(true);
    expect((await ended).code).toBe('DEVICE_REVOKED');
    expect(await gone).toBe('io server disconnect');

    const retry = connectRaw(server.url, { role: 'kiosk', deviceKey: created.key });
    const refusal = await new Promise<string>((resolve) =>
      retry.once('connect_error', (e) => resolve(e.message)),
    );
    retry.close();
    expect(refusal).toBe('DEVICE_REVOKED');
  });
});

describe('staff accounts', () => {
  it('creates, refuses a duplicate username, resets a password and disables with an immediate cut-off', async () => {
    const created = data(
      await emitAck<StaffMember>(admin.socket, 'admin:staffCreate', {
        username: 'zhao',
        name: '赵警官',
        password: 'first-pass-1',
        role: 'staff',
      }),
    );
    expect(created).toMatchObject({ username: 'zhao', role: 'staff', disabled: false });
    const dup = await emitAck(admin.socket, 'admin:staffCreate', {
      username: 'zhao',
      name: '另一人',
      password: 'another-pass',
      role: 'staff',
    });
    expect(!dup.ok && dup.error.code).toBe('CONFLICT');

    data(await emitAck(admin.socket, 'admin:staffUpdate', { id: created.id, password: 'second-pass-2' }));
    await expect(login(server.url, 'zhao', 'first-pass-1')).rejects.toThrow('BAD_CREDENTIALS');
    const session = await login(server.url, 'zhao', 'second-pass-2');
    const zhao = await connectClient(server.url, { role: 'staff', sessionToken: session.token });

    const ended = nextEvent(zhao.socket, 'session:ended');
    const disabled = data(
      await emitAck<StaffMember>(admin.socket, 'admin:staffUpdate', { id: created.id, disabled: true }),
    );
    expect(disabled.disabled).toBe(true);
    expect((await ended).code).toBe('ACCOUNT_DISABLED');
    await expect(login(server.url, 'zhao', 'second-pass-2')).rejects.toThrow('ACCOUNT_DISABLED');
    const list = data(await emitAck<StaffMember[]>(admin.socket, 'admin:staffList'));
    expect(list.find((s) => s.username === 'zhao')?.disabled).toBe(true);
  });

  it('an admin cannot disable or demote their own account', async () => {
    const me = data(await emitAck<StaffMember[]>(admin.socket, 'admin:staffList')).find(
      (s) => s.username === 'admin',
    )!;
    const disable = await emitAck(admin.socket, 'admin:staffUpdate', { id: me.id, disabled: true });
    expect(!disable.ok && disable.error.code).toBe('CONFLICT');
    const demote = await emitAck(admin.socket, 'admin:staffUpdate', { id: me.id, role: 'staff' });
    expect(!demote.ok && demote.error.code).toBe('CONFLICT');
  });
});

describe('monitor', () => {
  it('reports waiting per service with the longest wait and an alert past the threshold', async () => {
    data(await emitAck(admin.socket, 'admin:rulesUpdate', { alertWaitMinutes: 20 }));
    const waitingC = await issue('C');
    now += 25 * 60_000;
    const monitor = data(await emitAck<MonitorState>(admin.socket, 'admin:monitor'));
    const c = monitor.services.find((s) => s.serviceId === serviceId('C'))!;
    expect(c.waiting).toBeGreaterThanOrEqual(1);
    expect(c.longestWaitMinutes).toBeGreaterThanOrEqual(25);
    expect(c.alert).toBe(true);
    expect(monitor.staff.map((s) => s.username)).toContain('admin');
    expect(monitor.devices.find((d) => d.kind === 'display')?.online).toBe(true);
    expect(waitingC.state).toBe('waiting');
  });
});

describe('only admins may send admin commands', () => {
  // Admin-level commands: hall admins' (and, for reports, city accounts').
  const adminOnly = (Object.keys(COMMAND_ROLES) as ClientEventName[]).filter((e) =>
    COMMAND_ROLES[e].every((r) => r === 'admin' || r === 'city'),
  );

  it('covers every admin, home-visit and personal-information command: none is open to staff, kiosks or displays', () => {
    const adminFamily = (Object.keys(COMMAND_ROLES) as ClientEventName[]).filter(
      (e) => e.startsWith('admin:') || e.startsWith('homeVisit:') || e.startsWith('privacy:'),
    );
    expect(adminFamily.length).toBeGreaterThanOrEqual(28);
    expect(adminOnly.filter((e) => e.startsWith('privacy:'))).toHaveLength(7);
    for (const event of adminFamily) {
      expect(COMMAND_ROLES[event], event).not.toContain('staff');
      expect(COMMAND_ROLES[event], event).not.toContain('kiosk');
      expect(COMMAND_ROLES[event], event).not.toContain('display');
    }
    expect(adminOnly).toEqual(
      expect.arrayContaining(adminFamily.filter((e) => COMMAND_ROLES[e].length === 1)),
    );
  });

  it('a staff session and a kiosk get FORBIDDEN for each, and nothing changes', async () => {
    const session = await login(server.url, 'li', 'li-pass');
    const staff = await connectClient(server.url, { role: 'staff', sessionToken: session.token });
    const before = data(await emitAck<HallRules>(admin.socket, 'admin:rulesUpdate', {}));
    for (const event of adminOnly) {
      for (const client of [staff, kiosk]) {
        const result = await emitAck(client.socket, event, {
          mixRatio: 7,
          id: 1,
          from: '2026-05-06',
          to: '2026-05-06',
        });
        expect(!result.ok && result.error.code, `${event}`).toBe('FORBIDDEN');
      }
    }
    // Even claiming the admin role at the handshake does not help: the role comes from the account.
    const pretender = await connectClient(server.url, { role: 'admin', sessionToken: session.token });
    const pretend = await emitAck(pretender.socket, 'admin:rulesUpdate', { mixRatio: 7 });
    expect(!pretend.ok && pretend.error.code).toBe('FORBIDDEN');
    const after = data(await emitAck<HallRules>(admin.socket, 'admin:rulesUpdate', {}));
    expect(after.mixRatio).toBe(before.mixRatio);
    staff.close();
    pretender.close();
  });
});
