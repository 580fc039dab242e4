// Appointment commands: configuration, slots, bookings by phone and by CSV (admin), and the kiosk's
// check-in. Every answer carries masked bookings only.
import {
  appointmentImportSchema,
  appointmentListSchema,
  appointmentRefSchema,
  appointmentSettingsSchema,
  bookSchema,
  checkInSchema,
  dayOffSetSchema,
  scheduleUpsertSchema,
  slotQuerySchema,
} from '@hall/shared/contracts/appointments';
import type { CommandRegistrar } from '../core/command';
import type { AppSocket } from '../core/socketTypes';
import { adminActor } from '../audit/configChange';
import type { AppointmentConfigService } from './appointmentConfigService';
import type { BookingActor } from './bookingRules';
import type { BookingService } from './bookingService';
import type { CheckInService } from './checkInService';

export interface AppointmentServices {
  config: AppointmentConfigService;
  bookings: BookingService;
  checkIn: CheckInService;
}

export function registerAppointmentHandlers(
  socket: AppSocket,
  on: CommandRegistrar,
  services: AppointmentServices,
): void {
  const admin = () => adminActor(socket);
  const staffBooking = (source: 'console' | 'csv'): BookingActor => ({
    hallId: socket.data.hallId,
    staffId: socket.data.staffId,
    apiKeyId: null,
    source,
  });
  const { config, bookings, checkIn } = services;

  on.query('appointment:config', () => config.get(admin()));
  on.command('appointment:scheduleUpsert', scheduleUpsertSchema, (input) =>
    config.upsertSchedule(admin(), input),
  );
  on.command('appointment:scheduleDelete', appointmentRefSchema, ({ id }) =>
    config.deleteSchedule(admin(), id),
  );
  on.command('appointment:dayOffSet', dayOffSetSchema, (input) => config.setDayOff(admin(), input));
  on.command('appointment:settingsUpdate', appointmentSettingsSchema, (input) =>
    config.updateSettings(admin(), input),
  );
  on.command('appointment:slots', slotQuerySchema, ({ serviceId, day }) =>
    bookings.slots(socket.data.hallId, serviceId, day),
  );
  on.command('appointment:book', bookSchema, (input) => bookings.book(staffBooking('console'), input));
  on.command('appointment:cancel', appointmentRefSchema, ({ id }) =>
    bookings.cancel(staffBooking('console'), id),
  );
  on.command('appointment:list', appointmentListSchema, (filter) =>
    bookings.list(socket.data.hallId, filter),
  );
  on.command('appointment:import', appointmentImportSchema, (input) =>
    bookings.import(staffBooking('csv'), input),
  );
  on.command('appointment:checkIn', checkInSchema, (cmd) =>
    checkIn.checkIn({ hallId: socket.data.hallId, staffId: null, deviceId: socket.data.deviceId }, cmd),
  );
}
