// Admin commands (configuration, monitor, reports, home visits). Being written by the admin work;
// the dependencies below are what the application hands it.
import type { Repositories } from '../repositories';
import type { HallQueries } from '../services/hallQueries';
import type { RunChange } from '../services/changes';
import type { CommandRegistrar } from '../sockets/command';
import type { AppSocket } from '../sockets/types';

export interface AdminControl {
  /** Cuts every socket of a revoked device at once. */
  disconnectDevice(deviceId: number): Promise<void>;
  /** Cuts every socket of a disabled staff account. */
  disconnectStaff(staffId: number): Promise<void>;
  /** Sends a fresh snapshot (new version) to every screen of the hall. */
  publishSnapshot(hallId: number): void;
}

export interface AdminDeps {
  repos: Repositories;
  queries: HallQueries;
  runChange: RunChange;
  control: AdminControl;
  clock: () => number;
}

export function registerAdminHandlers(_socket: AppSocket, _on: CommandRegistrar, _deps: AdminDeps): void {}
