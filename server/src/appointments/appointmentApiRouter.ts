// The appointments API for external booking systems (a provincial app, a WeChat mini-program),
// under /api/v1/appointments with an API key of scope `appointments` (its hall only):
//
//   GET    /services                         services that take appointments
//   GET    /slots?service=A&day=YYYY-MM-DD   the day's slots not yet over, with their places left
//   POST   /                                 book: { personName, phone, idNumber, service, day, starts, externalRef? }
//   GET    /?day=YYYY-MM-DD                  the day's bookings (masked)
//   GET    /:id                              one booking (masked), e.g. to see it was checked in
//   DELETE /:id                              cancel
//
// Every answer is a Result ({ ok, data } or { ok: false, error: { code, zh, en } }); a booking is
// answered masked, with its booking code. A refused request changes nothing.
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import {
  DomainError,
  fail,
  ok,
  type AppError,
  type ErrorCode,
  type Result,
} from '@hall/shared/contracts/errors';
import { appointmentListSchema, bookSchema } from '@hall/shared/contracts/appointments';
import type { Repositories } from '../repositories';
import type { ApiKeyService } from '../apiKeys/apiKeyService';
import { apiKeyOf, requireApiKey } from '../apiKeys/requireApiKey';
import { toAppError, validationError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { BookingActor } from './bookingRules';
import type { BookingService } from './bookingService';

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  PAYLOAD_TOO_LARGE: 413,
  ID_NUMBER_INVALID: 400,
  NOT_FOUND: 404,
  SERVICE_NOT_FOUND: 404,
  APPOINTMENT_NO_SUCH_SLOT: 422,
  APPOINTMENT_DAY_OFF: 422,
  APPOINTMENT_SLOT_PAST: 422,
  STORAGE_FAILURE: 503,
  INTERNAL: 500,
};

const serviceCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]$/);
const bookBodySchema = bookSchema.omit({ serviceId: true }).extend({ service: serviceCode }).strict();
const slotQuerySchema = z.object({ service: serviceCode, day: appointmentListSchema.shape.day }).strict();
const dayQuerySchema = z.object({ day: appointmentListSchema.shape.day }).strict();
const idParam = z.coerce.number().int().positive().max(2_147_483_647);

/** A request that does not match its schema: answered VALIDATION_FAILED with the field. */
class InvalidRequest extends Error {
  constructor(readonly appError: AppError) {
    super(appError.message);
  }
}

export interface AppointmentApiDeps {
  repos: Repositories;
  apiKeys: ApiKeyService;
  bookings: BookingService;
  logger: Logger;
}

export function createAppointmentApiRouter(deps: AppointmentApiDeps): express.Router {
  const router = express.Router();
  router.use(requireApiKey(deps.apiKeys, 'appointments'));
  router.use(express.json({ limit: '16kb' }));

  const send = <T>(res: Response, result: Result<T>, created = false): void => {
    res.status(result.ok ? (created ? 201 : 200) : (STATUS_BY_CODE[result.error.code] ?? 409)).json(result);
  };
  const actorOf = (res: Response): BookingActor => {
    const key = apiKeyOf(res);
    return { hallId: key.hallId, staffId: null, apiKeyId: key.id, source: 'api' };
  };
  const serviceId = (res: Response, code: string): number => {
    const found = deps.repos.services.list(apiKeyOf(res).hallId).find((s) => s.code === code);
    if (!found) throw new DomainError('SERVICE_NOT_FOUND');
    return found.id;
  };
  /** Runs a handler; a refusal becomes its Result, anything else INTERNAL (logged). */
  const handle =
    (work: (req: Request, res: Response) => unknown, created = false) =>
    async (req: Request, res: Response): Promise<void> => {
      try {
        send(res, ok(await work(req, res)), created);
      } catch (error) {
        if (error instanceof InvalidRequest) return send(res, { ok: false, error: error.appError });
        if (!(error instanceof DomainError)) deps.logger.error({ err: error }, 'appointments api failed');
        send(res, { ok: false, error: toAppError(error) });
      }
    };
  const parse = <S extends z.ZodType>(schema: S, value: unknown): z.output<S> => {
    const parsed = schema.safeParse(value ?? {});
    if (!parsed.success) throw new InvalidRequest(validationError(parsed.error));
    return parsed.data;
  };

  router.get(
    '/services',
    handle((_req, res) => {
      const hallId = apiKeyOf(res).hallId;
      const offered = new Set(
        deps.repos.appointmentConfig
          .schedules(hallId)
          .filter((s) => s.enabled)
          .map((s) => s.serviceId),
      );
      return deps.repos.services
        .list(hallId)
        .filter((s) => s.enabled && offered.has(s.id))
        .map((s) => ({ code: s.code, nameZh: s.nameZh, nameEn: s.nameEn }));
    }),
  );

  router.get(
    '/slots',
    handle((req, res) => {
      const query = parse(slotQuerySchema, req.query);
      return deps.bookings
        .bookableSlots(apiKeyOf(res).hallId, serviceId(res, query.service), query.day)
        .map((s) => ({ ...s, left: Math.max(0, s.capacity - s.booked) }));
    }),
  );

  router.post(
    '/',
    handle((req, res) => {
      const { service, ...body } = parse(bookBodySchema, req.body);
      return deps.bookings.book(actorOf(res), { ...body, serviceId: serviceId(res, service) });
    }, true),
  );

  router.get(
    '/',
    handle((req, res) => {
      const { day } = parse(dayQuerySchema, req.query);
      return deps.bookings.list(apiKeyOf(res).hallId, { day, serviceId: null, status: null });
    }),
  );

  router.get(
    '/:id',
    handle((req, res) => deps.bookings.get(apiKeyOf(res).hallId, parse(idParam, req.params.id))),
  );

  router.delete(
    '/:id',
    handle((req, res) => deps.bookings.cancel(actorOf(res), parse(idParam, req.params.id))),
  );

  // A body that is not JSON, or too large: refused in the same shape.
  router.use((error: unknown, _req: Request, res: Response, next: express.NextFunction) => {
    const status = (error as { status?: unknown }).status;
    if (typeof status !== 'number' || status >= 500) return next(error);
    send(
      res,
      fail(status === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED', { detail: 'body is not JSON' }),
    );
  });
  return router;
}
