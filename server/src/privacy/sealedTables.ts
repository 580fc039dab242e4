// Every table that holds sealed personal fields.
import { APPOINTMENT_SEALED } from '../appointments/appointmentRepository';
import { HOME_VISIT_SEALED } from '../homeVisits/homeVisitRepository';
import type { SealedTable } from './sealedTable';

export const SEALED_TABLES: readonly SealedTable[] = [HOME_VISIT_SEALED, APPOINTMENT_SEALED];
