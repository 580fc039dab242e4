// What appointments cost, measured on this machine (`npx tsx test/load/appointmentsBench.ts`): the
// queue policy's pick over a window's waiting list with and without due appointments (rule 7),
// and, through a real server (SQLite file, Socket.IO on 127.0.0.1, synchronous=FULL), booking a
// day's 200 visitors, checking 200 in at a kiosk by code and by ID number, and a day's list. Prints
// figures; asserts nothing (speed is never a test).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pickNext, type QueueRules, type QueueTicket, type QueueWindow } from '@hall/shared/queue/policy';
import type { Appointment, AppointmentSchedule, CheckInResult } from '@hall/shared/contracts/appointments';
import { startServer } from '../../server/src/server';
import { createServerPrinter } from '../../server/src/printing/createServerPrinter';
import { REPO_ROOT, testHallConfig } from '../support/testServer';
import { connectClient, emitAck, login, newRequestId } from '../support/clients';
import { adultId, at, hallClock, TUESDAY } from '../support/appointments';

function cpu<T>(work: () => T): { ms: number; value: T } {
  const start = process.cpuUsage();
  const value = work();
  const used = process.cpuUsage(start);
  return { ms: (used.user + used.system) / 1000, value };
}

async function wall<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

// ---- the policy ----
const NOW = at('10:00');
const rules: QueueRules = { mixRatio: 2, maxWaitMinutes: 600, elderlyWindowTakesOthers: true };
const window: QueueWindow = { id: 1, serviceIds: [1, 2, 3], elderlyDedicated: false, normalStreak: 0 };
function queue(size: number, bookedShare: number): QueueTicket[] {
  return Array.from({ length: size }, (_, i) => ({
    id: i + 1,
    serviceId: (i % 3) + 1,
    priorityClass: i % 5 === 0 ? 'elderly' : 'normal',
    issuedAt: NOW - (size - i) * 10_000,
    orderKey: NOW - (size - i) * 10_000,
    sequence: i + 1,
    targetWindowId: null,
    slotStart: (i * 7919) % 100 < bookedShare * 100 ? NOW - 60_000 : null,
  }));
}
for (const size of [50, 200, 1000]) {
  for (const share of [0, 0.2]) {
    const waiting = queue(size, share);
    const runs = 2000;
    const { ms } = cpu(() => {
      for (let i = 0; i < runs; i += 1) pickNext(window, waiting, rules, NOW);
    });
    console.log(
      `pickNext, ${String(size).padStart(4)} waiting, ${share * 100}% due appointments: ${((ms * 1000) / runs).toFixed(1)} µs`,
    );
  }
}

// ---- through a real server ----
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-appointments-bench-'));
const clock = hallClock(at('07:00'));
const server = await startServer({
  dbFile: path.join(dir, 'data', 'hall.sqlite'),
  webRoot: path.join(REPO_ROOT, 'dist', 'web'),
  port: 0,
  host: '127.0.0.1',
  hallConfig: testHallConfig({ rules: { staffIdleMinutes: 480 } }),
  printer: createServerPrinter(path.join(dir, 'data'), { interface: 'virtual', widthColumns: 48 }),
  clock: clock.now,
  synchronous: 'FULL',
  keyFile: path.join(dir, 'keys', 'field-keys.json'),
  appointmentSweepEveryMs: null,
});
try {
  const session = await login(server.url, 'admin', 'admin-pass-1');
  const admin = await connectClient(server.url, { role: 'admin', sessionToken: session.token });
  const kioskKey = server.credentials!.devices.find((d) => d.kind === 'kiosk')!.key;
  const kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: kioskKey });
  const serviceA = kiosk.snapshot.services.find((s) => s.code === 'A')!.id;
  // A day of 200: ten half-hour slots of 20 from 08:30.
  const schedule = await emitAck<AppointmentSchedule>(admin.socket, 'appointment:scheduleUpsert', {
    serviceId: serviceA,
    weekdays: [1, 2, 3, 4, 5],
    starts: '08:30',
    ends: '13:30',
    slotMinutes: 30,
    capacity: 20,
  });
  if (!schedule.ok) throw new Error(schedule.error.message);
  const people = Array.from({ length: 200 }, () => adultId());
  const starts = (i: number) => {
    const minutes = 8 * 60 + 30 + Math.floor(i / 20) * 30;
    return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  };
  const booked: Appointment[] = [];
  const book = await wall(async () => {
    for (let i = 0; i < people.length; i += 1) {
      const r = await emitAck<Appointment>(admin.socket, 'appointment:book', {
        personName: `访客${i}`,
        phone: `1380000${String(i).padStart(4, '0')}`,
        idNumber: people[i],
        serviceId: serviceA,
        day: TUESDAY,
        starts: starts(i),
      });
      if (!r.ok) throw new Error(r.error.message);
      booked.push(r.data);
    }
  });
  console.log(
    `book by phone (one at a time, each committed): ${(book.ms / people.length).toFixed(2)} ms each`,
  );
  const list = await wall(() => emitAck<Appointment[]>(admin.socket, 'appointment:list', { day: TUESDAY }));
  console.log(`a day's list of 200, masked: ${list.ms.toFixed(1)} ms`);

  clock.set(at('10:10')); // the 10:00 and 10:30 slots are open for check-in
  const due = booked.filter((_, i) => starts(i) <= '10:30' && starts(i) >= '10:00');
  const byCode = await wall(async () => {
    for (const a of due.slice(0, 20)) {
      const r = await emitAck<CheckInResult>(kiosk.socket, 'appointment:checkIn', {
        requestId: newRequestId(),
        code: a.code,
      });
      if (!r.ok || r.data.outcome !== 'issued') throw new Error('not issued');
    }
  });
  const byId = await wall(async () => {
    for (const a of due.slice(20, 40)) {
      const r = await emitAck<CheckInResult>(kiosk.socket, 'appointment:checkIn', {
        requestId: newRequestId(),
        idNumber: people[booked.indexOf(a)],
      });
      if (!r.ok || r.data.outcome !== 'issued') throw new Error('not issued');
    }
  });
  console.log(`check in by code (with 200 booked): ${(byCode.ms / 20).toFixed(2)} ms each`);
  console.log(`check in by ID number (keyed hash): ${(byId.ms / 20).toFixed(2)} ms each`);
  admin.close();
  kiosk.close();
} finally {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log(
  `${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}, load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')}`,
);
