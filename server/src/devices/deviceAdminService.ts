// Kiosk, display and evaluator devices: create one with a fresh key (shown once, only its SHA-256 is kept),
// rename it or change its printer, and revoke it — which cuts its connection at once.
import { DomainError } from '@hall/shared/contracts/errors';
import type { Device } from '@hall/shared/contracts/entities';
import type { DeviceWithKey } from '@hall/shared/contracts/admin';
import type { deviceCreateSchema, deviceUpdateSchema } from '@hall/shared/contracts/schemas';
import type { z } from 'zod';
import { randomToken, sha256 } from '../core/secrets';
import { printerTargetProblem } from '../printing/printerPolicy';
import { configChange, type AdminActor, type AdminServiceDeps } from '../audit/configChange';
import { auditDetail, created, fieldChanges } from '../audit/auditDetail';

type DeviceCreate = z.output<typeof deviceCreateSchema>;
type DeviceUpdate = z.output<typeof deviceUpdateSchema>;

/** No screen draws devices: admins read them with admin:deviceList and the presence events. */
const NO_SCREENS = { screens: false };

export interface DeviceAdminDeps extends AdminServiceDeps {
  disconnectDevice(deviceId: number): Promise<void>;
  /** Cuts a device's sockets without ending its session: it connects again at once (a pad rebound). */
  reconnectDevice(deviceId: number): Promise<void>;
  /** PRINTER_ALLOW_LOOPBACK: a printer target on this machine's own addresses is accepted. */
  allowLoopbackPrinters: boolean;
}

export function createDeviceAdminService(deps: DeviceAdminDeps) {
  const { repos } = deps;

  function deviceOf(actor: AdminActor, id: number): Device {
    const device = repos.devices.find(actor.hallId, id);
    if (!device) throw new DomainError('NOT_FOUND', { what: 'device' });
    return device;
  }

  /** An evaluator pad is bound to one of the hall's windows; other kinds to none. */
  function checkWindow(actor: AdminActor, kind: Device['kind'], windowId: number | null | undefined): void {
    if (kind !== 'evaluator') {
      if (windowId)
        throw new DomainError('VALIDATION_FAILED', { detail: 'windowId: only an evaluator has a window' });
      return;
    }
    if (windowId === null) throw new DomainError('EVALUATOR_NOT_BOUND');
    if (windowId !== undefined && !repos.windows.list(actor.hallId).some((w) => w.id === windowId))
      throw new DomainError('WINDOW_NOT_FOUND');
  }

  function checkPrinter(printer: Device['printer'] | undefined): void {
    const problem = printer ? printerTargetProblem(printer.interface, deps.allowLoopbackPrinters) : null;
    if (problem) throw new DomainError('VALIDATION_FAILED', { detail: `printer.interface: ${problem}` });
  }

  return {
    list(actor: AdminActor): Device[] {
      return repos.devices.list(actor.hallId);
    },

    async create(actor: AdminActor, input: DeviceCreate): Promise<DeviceWithKey> {
      if (input.kind !== 'kiosk' && input.printer) {
        throw new DomainError('VALIDATION_FAILED', { detail: `printer: a ${input.kind} has no printer` });
      }
      checkPrinter(input.printer);
      checkWindow(actor, input.kind, input.windowId);
      const key = randomToken();
      const device = await configChange(
        deps,
        actor,
        'device.create',
        () => {
          const id = repos.devices.insert({
            hallId: actor.hallId,
            kind: input.kind,
            name: input.name,
            keyHash: sha256(key),
            printer: input.printer,
            windowId: input.windowId,
          });
          const device = repos.devices.find(actor.hallId, id)!;
          const fields =
            device.kind === 'evaluator'
              ? (['kind', 'name', 'windowId'] as const)
              : (['kind', 'name', 'printer'] as const);
          return {
            result: device,
            detail: auditDetail({ id, label: device.name }, created(device, [...fields])),
          };
        },
        NO_SCREENS,
      );
      return { device, key };
    },

    async update(actor: AdminActor, input: DeviceUpdate): Promise<Device> {
      let rebound = false;
      const updated = await configChange(
        deps,
        actor,
        'device.update',
        () => {
          const before = deviceOf(actor, input.id);
          if (before.kind !== 'kiosk' && input.printer) {
            throw new DomainError('VALIDATION_FAILED', {
              detail: `printer: a ${before.kind} has no printer`,
            });
          }
          checkPrinter(input.printer);
          checkWindow(actor, before.kind, input.windowId);
          const after: Device = {
            ...before,
            name: input.name ?? before.name,
            printer: input.printer === undefined ? before.printer : input.printer,
            windowId: input.windowId ?? before.windowId,
          };
          const changes = fieldChanges(before, after, ['name', 'printer', 'windowId']);
          if (changes.length > 0) repos.devices.update(after);
          rebound = after.windowId !== before.windowId;
          return { result: after, detail: auditDetail({ id: after.id, label: before.name }, changes) };
        },
        NO_SCREENS,
      );
      // A pad moved to another window reconnects and joins that window's room.
      if (rebound) await deps.reconnectDevice(updated.id);
      return updated;
    },

    async revoke(actor: AdminActor, id: number): Promise<Device> {
      const revoked = await configChange(
        deps,
        actor,
        'device.revoke',
        () => {
          const before = deviceOf(actor, id);
          if (before.revoked) throw new DomainError('DEVICE_REVOKED');
          const after: Device = { ...before, revoked: true };
          repos.devices.update(after);
          return {
            result: after,
            detail: auditDetail({ id, label: before.name }, fieldChanges(before, after, ['revoked'])),
          };
        },
        NO_SCREENS,
      );
      await deps.disconnectDevice(id);
      return { ...revoked, online: false };
    },
  };
}
export type DeviceAdminService = ReturnType<typeof createDeviceAdminService>;
