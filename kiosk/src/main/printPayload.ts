// The ticket data a page may ask the main process to print, checked before it reaches the
// printer: a page is only as trustworthy as the server it came from, and ESC/POS bytes are cheap to
// abuse (endless paper, control codes). Bounds are generous for real tickets, tight for abuse.
import { z } from 'zod';
import type { TicketPrintData } from '@hall/shared/ticketPrintData';
import { QUEUE_OUTLOOKS } from '@hall/shared/contracts/entities';

// Control characters would reach the printer as ESC/POS commands. They are replaced, not refused:
// an admin may type a two-line ticket footer, and that must not stop every ticket from printing.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/g;
const text = (max: number) =>
  z
    .string()
    .max(max)
    .transform((value) => value.replace(CONTROL_CHARS, ' '));

const statusUrl = z
  .string()
  .max(500)
  .refine((value) => {
    if (value === '') return true;
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL or empty');

export const ticketPrintDataSchema = z
  .object({
    hallName: text(80),
    serviceNameZh: text(60),
    serviceNameEn: text(120),
    number: z.string().regex(/^[A-Z](-[A-Z])?\d{1,6}$/),
    priorityClass: z.string().regex(/^[a-z_]{1,32}$/),
    priorityNameZh: text(40).nullable(),
    priorityNameEn: text(60).nullable().optional(),
    proxy: z.boolean(),
    peopleAhead: z.number().int().min(0).max(100_000),
    estimatedWaitMinutes: z.number().min(0).max(100_000),
    outlook: z.enum(QUEUE_OUTLOOKS),
    issuedAt: z.number().int().min(0),
    timeZone: z.string().regex(/^[A-Za-z0-9_+\-/]{1,64}$/),
    statusUrl,
    footer: text(300),
    windowsToWatch: z.array(z.number().int().min(0).max(9999)).max(60),
    appointmentSlot: text(40).nullable().optional(),
  })
  // If shared/ticketText.ts changes a field, this stops compiling until the schema follows.
  .strict() satisfies z.ZodType<TicketPrintData>;

export type PrintPayloadCheck = { ok: true; data: TicketPrintData } | { ok: false; problem: string };

/** The payload as TicketPrintData, or its first problem as 'field: reason' for the fault message. */
export function checkPrintPayload(payload: unknown): PrintPayloadCheck {
  const result = ticketPrintDataSchema.safeParse(payload);
  if (result.success) return { ok: true, data: result.data };
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join('.') || '(payload)';
  return { ok: false, problem: `${field}: ${issue?.message ?? 'invalid'}` };
}
