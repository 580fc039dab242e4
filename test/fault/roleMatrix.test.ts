// The role matrix over EVERY command: each command is sent, with a payload that would be valid,
// from every role — kiosk, display, evaluator pad, staff, admin, city, front desk and the public
// ticket-status page. A role the
// command is not for must get FORBIDDEN and change nothing (counted as "out-of-role accepted"
// otherwise); a role it is for must not be refused as forbidden (so the matrix is not passing by
// refusing everything). The payload table is a Record over ClientEventName: a new command does not
// compile until it has a row here. Repeated 10 times in `npm run test:faults`.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Device, IssuedTicket } from '@hall/shared/contracts/entities';
import { COMMAND_ROLES, type ClientEventName } from '@hall/shared/contracts/events';
import { PERSONAL_RECORD_KINDS, REVEAL_REASONS } from '@hall/shared/contracts/privacy';
import type { Role } from '@hall/shared/contracts/entities';
import { startTestServer, TEST_PASSWORDS, type TestServer } from '../support/testServer';
import {
  connectAccount,
  connectClient,
  connectRaw,
  emitAck,
  login,
  newRequestId,
  type ConnectedClient,
  type TestSocket,
} from '../support/clients';
import { createTally } from './support/tally';
import { BUDGET } from './support/mode';

const tally = createTally('roles (every command x every role)');
const ROLES = [
  'kiosk',
  'display',
  'evaluator',
  'staff',
  'admin',
  'city',
  'desk',
  'ticket',
] as const satisfies readonly Role[];
type MatrixRole = (typeof ROLES)[number];

let server: TestServer;
let sockets: Record<MatrixRole, TestSocket>;
let admin: ConnectedClient;
let unique = 0;

/** Ids the payloads point at: a real ticket, service, window, staff member, device and visit. */
interface Targets {
  ticketId: number;
  /** A ticket issued at the front desk (the desk prints only those). */
  deskTicketId: number;
  serviceId: number;
  otherServiceId: number;
  windowId: number;
  staffId: number;
  deviceId: number;
  visitId: number;
}
let targets: Targets;

const today = new Date().toISOString().slice(0, 10);

/** A payload each command would accept (undefined for queries, which take none). */
const VALID: Record<ClientEventName, (t: Targets) => unknown> = {
  'hall:sync': () => undefined,
  'kiosk:sync': () => undefined,
  'ticket:issue': (t) => ({ requestId: newRequestId(), serviceId: t.serviceId }),
  'ticket:print': (t) => ({ ticketId: t.ticketId }),
  'printer:status': () => ({ ok: true }),
  'desk:issue': (t) => ({ requestId: newRequestId(), serviceId: t.serviceId, priorityClass: 'elderly' }),
  'desk:printers': () => undefined,
  'desk:print': (t) => ({ ticketId: t.deskTicketId, printerId: 'default' }),
  // Ratings: only the visitor's pad and phone may rate (never staff); admins follow up cases.
  'evaluator:sync': () => undefined,
  'evaluator:rate': (t) => ({ ticketId: t.ticketId, level: 'satisfied' }),
  'ticket:ratingState': () => undefined,
  'ticket:rate': () => ({ level: 'very_satisfied' }),
  'ratingCase:list': () => ({}),
  'ratingCase:step': () => ({ id: 999_999, step: 'verify', text: '矩阵核实' }),
  'window:claim': (t) => ({ windowId: t.windowId }),
  'window:release': () => undefined,
  'window:open': () => undefined,
  'window:pause': () => ({ reason: 'matrix' }),
  'window:resume': () => undefined,
  'window:close': () => undefined,
  'counter:callNext': () => undefined,
  'counter:callSpecific': () => ({ number: 'A001' }),
  'counter:recall': (t) => ({ ticketId: t.ticketId }),
  'counter:start': (t) => ({ ticketId: t.ticketId }),
  'counter:finish': (t) => ({ ticketId: t.ticketId }),
  'counter:noShow': (t) => ({ ticketId: t.ticketId }),
  'counter:requeue': (t) => ({ ticketId: t.ticketId }),
  'counter:transfer': (t) => ({ ticketId: t.ticketId, toServiceId: t.otherServiceId }),
  'counter:cancel': (t) => ({ ticketId: t.ticketId }),
  'counter:current': () => undefined,
  'admin:hallUpdate': () => ({ name: `矩阵大厅 ${++unique}` }),
  'admin:hallExtendToday': () => ({ until: `2${++unique % 4}:00` }),
  'admin:rulesUpdate': () => ({ mixRatio: 2 }),
  'admin:serviceUpsert': () => ({
    code: 'F',
    nameZh: '矩阵业务',
    nameEn: 'Matrix service',
    category: 'other',
    typicalMinutes: 5,
  }),
  'admin:windowUpsert': (t) => ({ number: 9, serviceIds: [t.serviceId], elderlyDedicated: false }),
  'admin:staffList': () => undefined,
  'admin:staffCreate': () => ({
    username: `matrix${++unique}`,
    name: '矩阵',
    password: 'matrix-pass-1',
    role: 'staff',
  }),
  'admin:staffUpdate': (t) => ({ id: t.staffId, name: `矩阵 ${++unique}` }),
  'admin:deviceList': () => undefined,
  'admin:deviceCreate': () => ({ kind: 'display', name: `矩阵屏 ${++unique}` }),
  'admin:deviceUpdate': (t) => ({ id: t.deviceId, name: `矩阵屏 ${++unique}` }),
  'admin:deviceRevoke': (t) => ({ id: t.deviceId }),
  'admin:noticeUpsert': () => ({ text: '矩阵公告' }),
  'admin:noticeDelete': () => ({ id: 1 }),
  'admin:monitor': () => undefined,
  'city:monitor': () => undefined,
  'admin:report': () => ({ from: today, to: today }),
  'report:scope': () => undefined,
  'admin:audit': () => undefined,
  'admin:apiKeyList': () => undefined,
  'admin:apiKeyCreate': () => ({ name: `矩阵系统 ${++unique}`, scopes: ['appointments'] }),
  'admin:apiKeyRevoke': () => ({ id: 999_999 }),
  'admin:signInLocks': () => undefined,
  'admin:signInUnlock': () => ({ address: '10.200.0.1' }),
  'homeVisit:create': (t) => ({
    personName: '王阿姨',
    phone: '13800000000',
    address: '幸福路 1 号',
    serviceId: t.serviceId,
    reason: 'bedridden',
    requestedDate: today,
  }),
  'homeVisit:schedule': (t) => ({ id: t.visitId, scheduledDate: today, officerId: t.staffId }),
  'homeVisit:complete': (t) => ({ id: t.visitId }),
  'homeVisit:cancel': (t) => ({ id: t.visitId, reason: '矩阵' }),
  'homeVisit:list': () => ({}),
  'privacy:reveal': (t) => ({ kind: PERSONAL_RECORD_KINDS[0], id: t.visitId, reason: REVEAL_REASONS[0] }),
  'privacy:accessLog': () => ({}),
  'privacy:retention': () => undefined,
  'privacy:retentionUpdate': () => ({ ticketDays: 7 }),
  'privacy:purgeNow': () => undefined,
  // A phone nobody registered: the matrix may find or erase nothing real.
  'privacy:subjectFind': () => ({ phone: '10000000000' }),
  'privacy:subjectErase': () => ({ phone: '10000000000', confirm: true }),
  'appointment:config': () => undefined,
  'appointment:scheduleUpsert': (t) => ({
    serviceId: t.serviceId,
    weekdays: [1, 2, 3, 4, 5, 6, 7],
    starts: '08:30',
    ends: '17:00',
    slotMinutes: 30,
    capacity: 6,
  }),
  'appointment:scheduleDelete': () => ({ id: 999_999 }),
  'appointment:dayOffSet': () => ({ day: '2099-01-01', off: true }),
  'appointment:settingsUpdate': () => ({ checkInEarlyMinutes: 30 }),
  'appointment:slots': (t) => ({ serviceId: t.serviceId, day: today }),
  'appointment:book': (t) => ({
    personName: '矩阵',
    phone: '13800000000',
    idNumber: '11010519491231002X',
    serviceId: t.serviceId,
    day: today,
    starts: '16:30',
  }),
  'appointment:cancel': () => ({ id: 999_999 }),
  'appointment:list': () => ({ day: today }),
  'appointment:import': () => ({ day: today, csv: 'name,phone\n', dryRun: true }),
  // A code nobody booked: the matrix may check nobody in.
  'appointment:checkIn': () => ({ requestId: newRequestId(), code: '000000' }),
};

/** Rows of every table a command could change, and the hall's version. */
function fingerprint(): string {
  const db = new Database(server.dbFile, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as { name: string }[];
    const counts = tables.map(({ name }) => [
      name,
      (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n,
    ]);
    const versions = db.prepare('SELECT id, version, name FROM halls').all();
    const tickets = db.prepare('SELECT id, state, window_id FROM tickets ORDER BY id').all();
    const windows = db
      .prepare('SELECT id, state, staff_id, current_ticket_id FROM windows ORDER BY id')
      .all();
    // Sessions are touched by every command of a signed-in socket: not a change a command made.
    return JSON.stringify({ counts: counts.filter(([n]) => n !== 'sessions'), versions, tickets, windows });
  } finally {
    db.close();
  }
}

async function send(role: MatrixRole, event: ClientEventName) {
  const payload = VALID[event](targets);
  return payload === undefined ? emitAck(sockets[role], event) : emitAck(sockets[role], event, payload);
}

beforeAll(async () => {
  server = await startTestServer({ extraStaff: ['matrix'] });
  const adminSession = await login(server.url, 'admin', server.credentials.admin.password);
  admin = await connectClient(server.url, { role: 'admin', sessionToken: adminSession.token });
  const staffSession = await login(server.url, 'staff', server.credentials.staff.password);
  const kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
  const display = await connectClient(server.url, {
    role: 'display',
    deviceKey: server.credentials.displayKey,
  });
  const staff = await connectClient(server.url, { role: 'staff', sessionToken: staffSession.token });
  // A city account announces itself as staff like every console; its role comes from the account.
  const citySession = await login(server.url, 'city', TEST_PASSWORDS.city);
  const city = await connectAccount(server.url, { role: 'staff', sessionToken: citySession.token });
  // The front desk too: it follows the hall as a kiosk does (counts only).
  const deskSession = await login(server.url, 'desk', TEST_PASSWORDS.desk);
  const deskSocket = await connectAccount(server.url, { role: 'staff', sessionToken: deskSession.token });
  const services = kiosk.snapshot.services;
  const issued = await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
    requestId: newRequestId(),
    serviceId: services[0]!.id,
  });
  if (!issued.ok) throw new Error(issued.error.code);
  const deskIssued = await emitAck<IssuedTicket>(deskSocket, 'desk:issue', {
    requestId: newRequestId(),
    serviceId: services[0]!.id,
  });
  if (!deskIssued.ok) throw new Error(deskIssued.error.code);
  const ticketSocket = connectRaw(server.url, {
    role: 'ticket',
    statusToken: issued.data.statusPath.split('/').pop(),
  });
  await new Promise<void>((resolve) => ticketSocket.once('ticket:status', () => resolve()));
  const staffList = await emitAck<{ id: number; username: string }[]>(admin.socket, 'admin:staffList');
  const devices = await emitAck<Device[]>(admin.socket, 'admin:deviceList');
  const visit = await emitAck<{ id: number }>(
    admin.socket,
    'homeVisit:create',
    VALID['homeVisit:create']({
      serviceId: services[0]!.id,
    } as Targets),
  );
  if (!staffList.ok || !devices.ok || !visit.ok) throw new Error('setup refused');
  // The device the matrix may revoke is one of its own, never the kiosk or display it talks through.
  const spare = await emitAck<{ device: Device }>(admin.socket, 'admin:deviceCreate', {
    kind: 'display',
    name: '矩阵备用屏',
  });
  if (!spare.ok) throw new Error(spare.error.code);
  const window6 = display.snapshot.windows.find((w) => w.number === 6)!.id;
  const pad = await emitAck<{ key: string }>(admin.socket, 'admin:deviceCreate', {
    kind: 'evaluator',
    name: '矩阵评价器',
    windowId: window6,
  });
  if (!pad.ok) throw new Error(pad.error.code);
  const evaluator = await connectAccount(server.url, { role: 'evaluator', deviceKey: pad.data.key });
  targets = {
    ticketId: issued.data.ticket.id,
    deskTicketId: deskIssued.data.ticket.id,
    serviceId: services[0]!.id,
    otherServiceId: services[1]!.id,
    windowId: display.snapshot.windows.find((w) => w.number === 6)!.id,
    staffId: staffList.data.find((s) => s.username === 'matrix')!.id,
    deviceId: spare.data.device.id,
    visitId: visit.data.id,
  };
  sockets = {
    kiosk: kiosk.socket,
    display: display.socket,
    evaluator,
    staff: staff.socket,
    admin: admin.socket,
    city,
    desk: deskSocket,
    ticket: ticketSocket,
  };
});
afterAll(async () => {
  for (const socket of Object.values(sockets ?? {})) socket.close();
  await server?.close();
});

const commands = Object.keys(COMMAND_ROLES) as ClientEventName[];

describe('role matrix', () => {
  it('every command is refused to every role it is not for, and nothing changes', async () => {
    const before = fingerprint();
    const accepted: string[] = [];
    for (let round = 0; round < BUDGET.attackScale; round += 1) {
      for (const event of commands) {
        for (const role of ROLES) {
          if ((COMMAND_ROLES[event] as readonly string[]).includes(role)) continue;
          const result = await send(role, event);
          tally.add({ inputsTried: 1 });
          if (result.ok || result.error.code !== 'FORBIDDEN') {
            tally.add({ outOfRoleAccepted: 1 });
            accepted.push(`${role} → ${event}: ${result.ok ? 'ok' : result.error.code}`);
          }
        }
      }
    }
    expect(accepted).toEqual([]);
    expect(
      tally.integrity(fingerprint() === before ? [] : ['an out-of-role command changed the hall']),
    ).toEqual([]);
  }, 120_000);

  it('every command is open to the roles it is for (the matrix does not pass by refusing all)', async () => {
    const forbidden: string[] = [];
    for (const event of commands) {
      for (const role of ROLES) {
        if (!(COMMAND_ROLES[event] as readonly string[]).includes(role)) continue;
        const result = await send(role, event);
        if (!result.ok && result.error.code === 'FORBIDDEN') forbidden.push(`${role} → ${event}`);
      }
    }
    expect(tally.integrity(forbidden)).toEqual([]);
  });
});
