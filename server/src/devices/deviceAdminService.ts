// Kiosk and display devices: create one with a fresh key (shown once, only its SHA-256 is kept),
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

export interface DeviceAdminDeps extends AdminServiceDeps {
  disconnectDevice(deviceId: number): Promise<void>;
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

  function checkPrinter(printer: Device['printer'] | undefined): void {
    const problem = printer ? printerTargetProblem(printer.interface, deps.allowLoopbackPrinters) : null;
    if (problem) throw new DomainError('VALIDATION_FAILED', { detail: `printer.interface: ${problem}` });
  }

  return {
    list(actor: AdminActor): Device[] {
      return repos.devices.list(actor.hallId);
    },

    create(actor: AdminActor, input: DeviceCreate): DeviceWithKey {
      if (input.kind === 'display' && input.printer) {
        throw new DomainError('VALIDATION_FAILED', { detail: 'printer: a display has no printer' });
      }
      checkPrinter(input.printer);
      const key = randomToken();
      const device = configChange(deps, actor, 'device.create', () => {
        const id = repos.devices.insert({
          hallId: actor.hallId,
          kind: input.kind,
          name: input.name,
          keyHash: sha256(key),
          printer: input.printer,
        });
        const device = repos.devices.find(actor.hallId, id)!;
        return {
          result: device,
          detail: auditDetail({ id, label: device.name }, created(device, ['kind', 'name', 'printer'])),
        };
      });
      return { device, key };
    },

    update(actor: AdminActor, input: DeviceUpdate): Device {
      return configChange(deps, actor, 'device.update', () => {
        const before = deviceOf(actor, input.id);
        if (before.kind === 'display' && input.printer) {
          throw new DomainError('VALIDATION_FAILED', { detail: 'printer: a display has no printer' });
        }
        checkPrinter(input.printer);
        const after: Device = {
          ...before,
          name: input.name ?? before.name,
          printer: input.printer === undefined ? before.printer : input.printer,
        };
        const changes = fieldChanges(before, after, ['name', 'printer']);
        if (changes.length > 0) repos.devices.update(after);
        return { result: after, detail: auditDetail({ id: after.id, label: before.name }, changes) };
      });
    },

    async revoke(actor: AdminActor, id: number): Promise<Device> {
      const revoked = configChange(deps, actor, 'device.revoke', () => {
        const before = deviceOf(actor, id);
        if (before.revoked) throw new DomainError('DEVICE_REVOKED');
        const after: Device = { ...before, revoked: true };
        repos.devices.update(after);
        return {
          result: after,
          detail: auditDetail({ id, label: before.name }, fieldChanges(before, after, ['revoked'])),
        };
      });
      await deps.disconnectDevice(id);
      return { ...revoked, online: false };
    },
  };
}
export type DeviceAdminService = ReturnType<typeof createDeviceAdminService>;
