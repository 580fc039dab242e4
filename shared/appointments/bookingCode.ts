// Plain constants of appointments that pages use, kept apart from the zod schemas (a page that
// imports zod pays for it in size, and zod probes `Function` at load, which a strict CSP reports).

/** Booking codes: six digits, typed on the kiosk's large keys. */
export const BOOKING_CODE = /^\d{6}$/;

/** The letter an appointment ticket's number carries, as a priority class's would: A-Y023 (预约). */
export const APPOINTMENT_MARKER = 'Y';
