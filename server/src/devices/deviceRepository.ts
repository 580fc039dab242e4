// Kiosk, display and evaluator devices (an evaluator is bound to one window); only the SHA-256 of
// each key is stored.
import type { Device, DeviceKind, PrinterFault, PrinterSettings } from '@hall/shared/contracts/entities';
import type { Db } from '../core/db/database';

interface DeviceRow {
  id: number;
  hall_id: number;
  kind: DeviceKind;
  name: string;
  key_hash: string;
  revoked: number;
  last_seen_at: number | null;
  printer_json: string | null;
  printer_fault_json: string | null;
  window_id: number | null;
}

const toDevice = (r: DeviceRow, online: boolean): Device => ({
  id: r.id,
  hallId: r.hall_id,
  kind: r.kind,
  name: r.name,
  revoked: r.revoked === 1,
  lastSeenAt: r.last_seen_at,
  online,
  printer: r.printer_json ? (JSON.parse(r.printer_json) as PrinterSettings) : null,
  printerFault: r.printer_fault_json ? (JSON.parse(r.printer_fault_json) as PrinterFault) : null,
  windowId: r.window_id ?? null,
});

export function createDeviceRepository(db: Db, isOnline: (deviceId: number) => boolean = () => false) {
  const byHash = db.prepare<[string], DeviceRow>('SELECT * FROM devices WHERE key_hash = ?');
  const byId = db.prepare<[number, number], DeviceRow>('SELECT * FROM devices WHERE id = ? AND hall_id = ?');
  return {
    findByKeyHash(keyHash: string): Device | null {
      const r = byHash.get(keyHash);
      return r ? toDevice(r, isOnline(r.id)) : null;
    },
    find(hallId: number, id: number): Device | null {
      const r = byId.get(id, hallId);
      return r ? toDevice(r, isOnline(r.id)) : null;
    },
    list(hallId: number): Device[] {
      return (
        db.prepare('SELECT * FROM devices WHERE hall_id = ? ORDER BY id').all(hallId) as DeviceRow[]
      ).map((r) => toDevice(r, isOnline(r.id)));
    },
    insert(d: {
      hallId: number;
      kind: DeviceKind;
      name: string;
      keyHash: string;
      printer: PrinterSettings | null;
      windowId?: number | null;
    }): number {
      return Number(
        db
          .prepare(
            'INSERT INTO devices (hall_id, kind, name, key_hash, printer_json, window_id) VALUES (?,?,?,?,?,?)',
          )
          .run(
            d.hallId,
            d.kind,
            d.name,
            d.keyHash,
            d.printer ? JSON.stringify(d.printer) : null,
            d.windowId ?? null,
          ).lastInsertRowid,
      );
    },
    /** `windowId` null or absent keeps the binding: an evaluator is always bound to some window. */
    update(d: Pick<Device, 'id' | 'name' | 'printer' | 'revoked'> & { windowId?: number | null }): void {
      db.prepare(
        'UPDATE devices SET name = ?, printer_json = ?, revoked = ?, window_id = COALESCE(?, window_id) WHERE id = ?',
      ).run(
        d.name,
        d.printer ? JSON.stringify(d.printer) : null,
        d.revoked ? 1 : 0,
        d.windowId ?? null,
        d.id,
      );
    },
    /** The live evaluator pads bound to a window (one is expected; the admin console says so). */
    evaluatorsOf(hallId: number, windowId: number): Device[] {
      return (
        db
          .prepare(
            "SELECT * FROM devices WHERE hall_id = ? AND window_id = ? AND kind = 'evaluator' AND revoked = 0",
          )
          .all(hallId, windowId) as DeviceRow[]
      ).map((r) => toDevice(r, isOnline(r.id)));
    },
    touch(id: number, now: number): void {
      db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?').run(now, id);
    },
    setPrinterFault(id: number, fault: PrinterFault | null): void {
      db.prepare('UPDATE devices SET printer_fault_json = ? WHERE id = ?').run(
        fault ? JSON.stringify(fault) : null,
        id,
      );
    },
  };
}
export type DeviceRepository = ReturnType<typeof createDeviceRepository>;
