// Builds the whole server around an http(s).Server: repositories, services, Socket.IO with
// role-based handshake auth, and the HTTP routes. Nothing here reads the environment or opens
// files on its own: main.ts (and the tests) pass everything in.
import express from 'express';
import type http from 'node:http';
import type https from 'node:https';
import { Server } from 'socket.io';
import { appError } from '@hall/shared/contracts/errors';
import { COMMAND_ROLES, type ClientEventName } from '@hall/shared/contracts/events';
import type { Db } from './core/db/database';
import { createRepositories } from './repositories';
import { createHallStates } from './core/hallState/hallStates';
import { createGroupCommit } from './core/groupCommit';
import { createHallQueries } from './hall/hallQueries';
import { createIssueService } from './tickets/issueService';
import { createCounterService } from './tickets/counter/counterService';
import { createWindowService } from './windows/windowService';
import { createAuthService } from './auth/authService';
import { createLoginLimiter } from './auth/loginLimiter';
import { sha256 } from './core/secrets';
import { createSocketAuthorizer } from './auth/socketAuthorizer';
import { registerSignInLockHandlers } from './auth/signInLockHandlers';
import { createStorageAlarm } from './core/storageAlarm';
import { createRegistrar, DEFAULT_COMMAND_BUDGET } from './core/command';
import { createPresence } from './core/presence';
import { createPrinterFaultNotifier } from './devices/printerFaults';
import { createFramePublisher, DEFAULT_FRAME_TICK_MS } from './core/frames/framePublisher';
import {
  createStatusPages,
  DEFAULT_STATUS_LIMITS,
  STATUS_REFRESH_MS,
  type StatusPageLimits,
} from './core/frames/statusPages';
import {
  adminRoom,
  consoleRoom,
  deviceRoom,
  displayRoom,
  evaluatorRoom,
  kioskRoom,
  sessionRoom,
  staffRoom,
} from './core/frames/audiences';
import { createSessionEnds } from './core/sessionEnds';
import { registerHallHandlers } from './hall/hallHandlers';
import { registerKioskHandlers } from './tickets/kioskHandlers';
import { registerDeskHandlers } from './desk/deskHandlers';
import { createDeskPrinters } from './desk/deskPrinters';
import { registerCounterHandlers } from './tickets/counterHandlers';
import { registerWindowHandlers } from './windows/windowHandlers';
import { registerHallAdminHandlers } from './hall/hallAdminHandlers';
import { registerCityMonitorHandlers } from './hall/cityMonitorHandlers';
import { createHallConfigService } from './hall/hallConfigService';
import { registerStaffAdminHandlers } from './staff/staffAdminHandlers';
import { createStaffAdminService } from './staff/staffAdminService';
import { registerDeviceAdminHandlers } from './devices/deviceAdminHandlers';
import { createDeviceAdminService } from './devices/deviceAdminService';
import { registerHomeVisitHandlers } from './homeVisits/homeVisitHandlers';
import { createHomeVisitRepository } from './homeVisits/homeVisitRepository';
import { createHomeVisitService } from './homeVisits/homeVisitService';
import { createHomeVisitPersonalData } from './homeVisits/homeVisitPersonalData';
import { createHomeVisitHttpRouter } from './homeVisits/homeVisitHttpRouter';
import type { FieldCipher } from './core/crypto/fieldCipher';
import { createAccessLogRepository } from './privacy/accessLogRepository';
import { createRetentionRepository } from './privacy/retentionRepository';
import { createPrivacyService } from './privacy/privacyService';
import { createRetentionService } from './privacy/retentionService';
import { createSubjectService } from './privacy/subjectService';
import { registerPrivacyHandlers } from './privacy/privacyHandlers';
import { createPrivacyHttpRouter } from './privacy/privacyHttpRouter';
import { registerReportHandlers } from './reports/reportHandlers';
import { createReportService } from './reports/reportService';
import { createReportPool } from './reports/reportPool';
import { createAdminHttpRouter } from './reports/reportHttpRouter';
import type { AppServer, AppSocket } from './core/socketTypes';
import { registerApiKeyHandlers } from './apiKeys/apiKeyHandlers';
import { createApiKeyRepository } from './apiKeys/apiKeyRepository';
import { createApiKeyService } from './apiKeys/apiKeyService';
import { createExternalApiRouter } from './apiKeys/externalApiRouter';
import { createApiRouter } from './http/api';
import { createAppointmentRepository } from './appointments/appointmentRepository';
import { createAppointmentConfigService } from './appointments/appointmentConfigService';
import { createBookingService } from './appointments/bookingService';
import { createCheckInService } from './appointments/checkInService';
import { createAppointmentPersonalData } from './appointments/appointmentPersonalData';
import { registerAppointmentHandlers } from './appointments/appointmentHandlers';
import { createAppointmentApiRouter } from './appointments/appointmentApiRouter';
import { createPagesRouter } from './http/pages';
import { createOriginCheck } from './http/originCheck';
import type { ServerPrinter } from './printing/serverPrinter';
import { createLogger, type Logger } from './core/logger';
import { isPostgres } from './core/db/sqlDatabase';
import type { PgDatabase } from './core/db/postgres/pgDatabase';
import { joinCluster } from './core/cluster/cluster';
import { createRatingRepository } from './ratings/ratingRepository';
import { createEvaluatorPrompts, type EvaluatorPrompts } from './ratings/evaluatorPrompts';
import { createRatingService } from './ratings/ratingService';
import { createRatingCaseService } from './ratings/ratingCaseService';
import { registerRatingHandlers } from './ratings/ratingHandlers';
import { createRatingExport } from './ratings/ratingExport';
import { addRatingApi, createRatingAdminRouter } from './ratings/ratingHttpRouter';

export interface AppDeps {
  db: Db;
  printer: ServerPrinter;
  webRoot: string;
  /** Origin printed in QR codes; null derives it from the kiosk's connection. */
  publicUrl?: string | null;
  clock?: () => number;
  version?: string;
  /** Structured log; by default warnings and errors go to stdout as JSON lines. */
  logger?: Logger;
  /** Changes committed within this many milliseconds go to each screen as one frame. */
  frameTickMs?: number;
  /** Least time between two frames to one room of a hall (ms). */
  frameIntervalMs?: number;
  /** How often idle halls are checked for a new business day (ms, default a minute); null: never. */
  dayCheckMs?: number | null;
  /** Commands one socket may have unanswered at once (more are refused with RATE_LIMITED). */
  commandBudget?: number;
  statusPageLimits?: StatusPageLimits;
  /**
   * When the report worker builds the rollups of closed days in the background (the day-close
   * job); null: only when a report needs them. Default: a minute after start, then every 30 minutes.
   */
  reportCatchUp?: { firstAfterMs: number; everyMs: number } | null;
  /** PRINTER_ALLOW_LOOPBACK: admins may point a printer at this machine's own addresses. */
  allowLoopbackPrinters?: boolean;
  /** Web origins besides the server's own whose pages may connect (ALLOWED_ORIGINS, PUBLIC_URL). */
  allowedOrigins?: readonly string[];
  /** Seals and opens personal fields (the key ring checked against this database). */
  cipher: FieldCipher;
  /** Where backups are written, so the daily purge can prune old ones; null: none to prune. */
  backupDir?: string | null;
  /**
   * Tests only: how long an evaluator pad's question stays open. The product reads the hall rule
   * evaluationTimeoutSeconds, which is never under 60 s.
   */
  evaluatorTimeoutMs?: number;
}

/** Socket.IO refuses any single message larger than this (a ticket command is a few hundred bytes). */
const MAX_MESSAGE_BYTES = 64 * 1024;

export function createApplication(httpServer: http.Server | https.Server, deps: AppDeps) {
  const clock = deps.clock ?? Date.now;
  const logger = deps.logger ?? createLogger({ level: 'warn' });
  // Express must be the http server's request handler BEFORE Socket.IO attaches: Socket.IO then
  // takes /socket.io/ requests itself and hands every other request to Express. Attached the
  // other way round, both would answer long-polling requests and crash the process.
  const app = express();
  httpServer.on('request', app);
  const originAllowed = createOriginCheck(deps.allowedOrigins ?? []);
  const io: AppServer = new Server(httpServer, {
    // Checked on every handshake request (polling and WebSocket) before anything else runs.
    allowRequest: (req, callback) => {
      if (originAllowed(req)) return callback(null, true);
      logger.warn({ origin: String(req.headers.origin).slice(0, 100) }, 'socket origin refused');
      callback('ORIGIN_NOT_ALLOWED', false);
    },
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    serveClient: false,
    connectionStateRecovery: undefined,
    cors: { origin: false },
  });
  const presence = createPresence(io);
  const repos = createRepositories(deps.db, presence.isOnline);
  const states = createHallStates(repos, clock);
  const queries = createHallQueries(repos, states, clock);
  const notifyPrinterFault = createPrinterFaultNotifier(io, repos);
  const statusPages = createStatusPages({
    io,
    logger,
    limits: deps.statusPageLimits ?? DEFAULT_STATUS_LIMITS,
    refreshMs: STATUS_REFRESH_MS,
    statusOf: (hallId, token) => queries.statusOf(hallId, token),
  });
  const frames = createFramePublisher({
    io,
    states,
    queries,
    logger,
    tickMs: deps.frameTickMs ?? DEFAULT_FRAME_TICK_MS,
    frameIntervalMs: deps.frameIntervalMs,
    dayCheckMs: deps.dayCheckMs,
    afterFlush: (hallId) => statusPages.hallChanged(hallId),
  });
  // Committed changes go to the screens' frames, then to the evaluator pads (a finished ticket asks
  // its window's pad for a rating); the pads' prompter needs the change runner, so it is bound late.
  // On PostgreSQL the other processes' committed changes reach both the same way.
  let prompts: EvaluatorPrompts | null = null;
  const sink = {
    committed: (changes: Parameters<typeof frames.committed>[0]) => {
      frames.committed(changes);
      prompts?.sink.committed(changes);
    },
    requestSnapshot: (hallId: number) => frames.requestSnapshot(hallId),
  };
  // PostgreSQL: one of several processes on the database (core/db/README.md); SQLite: alone.
  const cluster = isPostgres(deps.db)
    ? joinCluster({ io, db: deps.db as unknown as PgDatabase, repos, states, frames: sink, logger, clock })
    : null;
  const groupCommit = createGroupCommit({
    db: deps.db,
    repos,
    states,
    sink,
    clock,
    logger,
    coordinator: cluster?.coordinator,
  });
  const storageAlarm = createStorageAlarm(io, clock);
  const runChange = storageAlarm.watch(groupCommit.run);
  const auth = createAuthService(repos, createLoginLimiter(), clock);
  const issue = createIssueService(repos, runChange, queries);
  const counter = createCounterService(repos, runChange, states, queries);
  const windows = createWindowService(runChange);
  const deskPrinters = createDeskPrinters(repos);
  const authorizer = createSocketAuthorizer(repos, auth);
  const ratingRepository = createRatingRepository(deps.db);
  const evaluatorTimeoutMs = (hallId: number): number =>
    deps.evaluatorTimeoutMs ?? states.get(hallId).rules.evaluationTimeoutSeconds * 1000;
  const ratings = createRatingService({
    repos,
    ratings: ratingRepository,
    runChange,
    clock,
    prompts: () => prompts!,
    timeoutMs: evaluatorTimeoutMs,
  });
  prompts = createEvaluatorPrompts({
    io,
    repos,
    states,
    clock,
    logger,
    timeoutMs: evaluatorTimeoutMs,
    recordUnanswered: (hallId, ticketId) => ratings.recordUnanswered(hallId, ticketId),
  });
  const evaluatorPrompts = prompts;
  const ratingCases = createRatingCaseService({ repos, ratings: ratingRepository, runChange, clock });

  const sessionEnds = createSessionEnds({
    io,
    logger,
    clustered: cluster !== null,
    // A signed-out console leaves its window (if it is not serving anyone), on whichever process.
    beforeEnd: (data, code) => {
      if (code === 'SIGNED_OUT')
        void windows.releaseIfIdle({ hallId: data.hallId, staffId: data.staffId, deviceId: null });
    },
  });

  const control = {
    disconnectDevice: (deviceId: number) => sessionEnds.end(deviceRoom(deviceId), 'DEVICE_REVOKED'),
    // The device reconnects by itself (e.g. a pad moved to another window joins its new room);
    // through the adapter on every process, with no one to wait for.
    reconnectDevice: async (deviceId: number) => {
      io.in(deviceRoom(deviceId)).disconnectSockets(true);
      await Promise.resolve();
    },
    disconnectStaff: (staffId: number) => sessionEnds.end(staffRoom(staffId), 'ACCOUNT_DISABLED'),
  };
  const adminBase = { repos, runChange, clock };
  const hallConfig = createHallConfigService(adminBase);
  const staffAdmin = createStaffAdminService({ ...adminBase, disconnectStaff: control.disconnectStaff });
  const deviceAdmin = createDeviceAdminService({
    ...adminBase,
    disconnectDevice: control.disconnectDevice,
    reconnectDevice: control.reconnectDevice,
    allowLoopbackPrinters: deps.allowLoopbackPrinters ?? false,
  });
  const visitRepository = createHomeVisitRepository(deps.db, deps.cipher);
  const appointmentRepository = createAppointmentRepository(deps.db, deps.cipher);
  const accessLog = createAccessLogRepository(deps.db);
  const personalSources = [
    createHomeVisitPersonalData(repos, visitRepository),
    createAppointmentPersonalData(repos, appointmentRepository),
  ];
  const privacyBase = { ...adminBase, accessLog, sources: personalSources };
  const privacy = createPrivacyService(privacyBase);
  const retention = createRetentionService({
    ...privacyBase,
    retention: createRetentionRepository(deps.db),
    logger,
    backupDir: deps.backupDir ?? null,
  });
  const subjects = createSubjectService({ ...privacyBase, cipher: deps.cipher });
  const homeVisits = createHomeVisitService({
    ...adminBase,
    visits: visitRepository,
    logExport: privacy.logExport,
  });
  const reportPool = createReportPool({ db: deps.db, logger, clock });
  const catchUp =
    deps.reportCatchUp === undefined ? { firstAfterMs: 60_000, everyMs: 30 * 60_000 } : deps.reportCatchUp;
  if (catchUp) reportPool.scheduleCatchUp(catchUp.firstAfterMs, catchUp.everyMs);
  const reports = createReportService({
    repos,
    pool: reportPool,
    clock,
    caseCounts: (hallId, from, to, now) => ratingRepository.caseCounts(hallId, from, to, now),
  });
  const apiKeys = createApiKeyService({ ...adminBase, keys: createApiKeyRepository(deps.db) });
  const bookingBase = {
    repos,
    appointments: appointmentRepository,
    cipher: deps.cipher,
  };
  const appointments = {
    config: createAppointmentConfigService({ ...adminBase, today: (hallId) => queries.today(hallId) }),
    bookings: createBookingService({ ...bookingBase, runChange, states, clock }),
    checkIn: createCheckInService({ ...bookingBase, runChange, queries }),
  };

  // Last-seen is written at most once a minute per device: a screen reconnecting in a loop must
  // not cost a disk sync each time.
  const lastTouched = new Map<number, number>();
  const touchDevice = (deviceId: number): void => {
    const now = clock();
    if (now - (lastTouched.get(deviceId) ?? -Infinity) < 60_000) return;
    lastTouched.set(deviceId, now);
    repos.devices.touch(deviceId, now);
  };

  io.use((socket, next) =>
    authorizer.middleware(socket, (error) => {
      if (error) return next(error);
      // A status page is public: how many may watch one ticket, or open from one address, is capped.
      const refusal = socket.data.statusToken ? statusPages.admit(socket, socket.data.statusToken) : null;
      next(refusal ? new Error(refusal) : undefined);
    }),
  );
  io.on('connection', (socket: AppSocket) => {
    const data = socket.data;
    const registered = new Set<string>();
    const on = createRegistrar(
      socket,
      authorizer,
      logger,
      (event, error) => storageAlarm.faulted(data.hallId, event, error),
      deps.commandBudget ?? DEFAULT_COMMAND_BUDGET,
    );
    // Only the commands this socket's role may send get a listener; every other event is answered
    // FORBIDDEN by the one catch-all below, before its payload is looked at. (A listener per command
    // on every socket cost each of a hall's 200 displays some 80 closures.)
    const track = new Proxy(on, {
      get(target, prop: keyof typeof on) {
        return (event: ClientEventName, ...rest: unknown[]) => {
          if (!COMMAND_ROLES[event].includes(data.role)) return;
          registered.add(event);
          return (target[prop] as (...args: unknown[]) => void)(event, ...rest);
        };
      },
    });

    // The evaluator pad and the status page rate; admins follow up 差评 cases.
    registerRatingHandlers(socket, track, {
      repos,
      ratings,
      cases: ratingCases,
      prompts: evaluatorPrompts,
    });
    if (data.role === 'ticket') {
      // Handshakes that passed the cap together may have filled it meanwhile: the late one goes.
      if (!statusPages.connected(socket, data.hallId, data.statusToken!)) socket.disconnect(true);
    } else {
      // A city account belongs to no hall's live room: it reads reports across halls.
      const inHall = data.role !== 'city';
      registerHallHandlers(socket, track, queries);
      // A command of another role is answered FORBIDDEN (the catch-all below), which is clearer to
      // a misconfigured client than silence.
      registerKioskHandlers(
        socket,
        track,
        { repos, queries, issue, printer: deps.printer, notifyPrinterFault, clock },
        deps.publicUrl ?? null,
      );
      registerDeskHandlers(socket, track, {
        repos,
        queries,
        issue,
        printer: deps.printer,
        printers: deskPrinters,
        notifyPrinterFault,
        clock,
        publicUrl: deps.publicUrl ?? null,
      });
      registerWindowHandlers(socket, track, windows);
      registerCounterHandlers(socket, track, counter);
      registerHallAdminHandlers(socket, track, {
        repos,
        states,
        config: hallConfig,
        clock,
        overdueRatingCases: (hallId) => ratingCases.overdueCount(hallId),
      });
      registerStaffAdminHandlers(socket, track, staffAdmin);
      registerDeviceAdminHandlers(socket, track, deviceAdmin);
      registerHomeVisitHandlers(socket, track, homeVisits);
      registerPrivacyHandlers(socket, track, { privacy, retention, subjects });
      registerReportHandlers(socket, track, reports);
      registerCityMonitorHandlers(track, { repos, clock });
      registerSignInLockHandlers(socket, track, auth, adminBase);
      registerApiKeyHandlers(socket, track, apiKeys);
      registerAppointmentHandlers(socket, track, appointments);
      if (data.role === 'admin') {
        void socket.join(adminRoom(data.hallId));
        storageAlarm.greet(socket, data.hallId);
      }
      if (data.staffId) void socket.join(staffRoom(data.staffId));
      if (data.sessionTokenHash) void socket.join(sessionRoom(data.sessionTokenHash));
      if (data.deviceId) {
        void socket.join(deviceRoom(data.deviceId));
        presence.connected(data.hallId, data.deviceId);
        // Last-seen is a nicety: a full or read-only disk must not stop a screen from connecting.
        try {
          touchDevice(data.deviceId);
        } catch (error) {
          logger.warn({ err: error, deviceId: data.deviceId }, 'could not record device last seen');
        }
        socket.on('disconnect', () => presence.disconnected(data.hallId, data.deviceId!));
      }
      // Each audience joins its room and starts from its own snapshot; frames follow from there.
      // The front desk sees what a kiosk sees: services, rules, counts and estimates, no tickets.
      if (data.role === 'kiosk' || data.role === 'desk') {
        void socket.join(kioskRoom(data.hallId));
        socket.emit('kiosk:snapshot', queries.kioskSnapshot(data.hallId));
      } else if (data.role === 'evaluator') {
        // A pad hears only its own window: its officer, and the visitors that window finishes.
        const windowId = repos.devices.find(data.hallId, data.deviceId!)?.windowId ?? null;
        if (windowId !== null) void socket.join(evaluatorRoom(windowId));
        socket.emit('evaluator:state', evaluatorPrompts.state(data.hallId, windowId));
      } else if (inHall) {
        void socket.join(data.role === 'display' ? displayRoom(data.hallId) : consoleRoom(data.hallId));
        socket.emit('hall:snapshot', queries.snapshot(data.hallId));
      }
    }

    // Unknown events and other roles' commands still get an answer, so a confused or hostile client
    // learns nothing by silence.
    socket.onAny((event: unknown, ...args: unknown[]) => {
      if (typeof event === 'string' && registered.has(event)) return;
      const ack = args[args.length - 1];
      if (typeof ack === 'function') ack({ ok: false, error: appError('FORBIDDEN') });
    });
  });

  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use('/api/admin', createAdminHttpRouter({ auth, reports, logger }));
  app.use('/api/admin', createHomeVisitHttpRouter({ auth, visits: homeVisits, logger }));
  app.use('/api/admin', createPrivacyHttpRouter({ auth, privacy, repos, logger }));
  // External systems (booking apps, rating platforms) with an admin-issued API key.
  const externalApi = createExternalApiRouter({ repos, apiKeys });
  app.use(
    '/api/v1/appointments',
    createAppointmentApiRouter({ repos, apiKeys, bookings: appointments.bookings, logger }),
  );
  const ratingExports = createRatingExport(repos, ratingRepository);
  addRatingApi(externalApi, { apiKeys, exports: ratingExports, logger });
  app.use('/api/admin', createRatingAdminRouter({ auth, exports: ratingExports, logger }));
  app.use('/api/v1', externalApi);
  app.use(
    '/api',
    createApiRouter({
      logger,
      repos,
      auth,
      queries,
      version: deps.version ?? 'dev',
      commitStats: () => groupCommit.stats(),
      onSignedOut: (token) => void sessionEnds.end(sessionRoom(sha256(token)), 'SIGNED_OUT'),
    }),
  );
  app.use(createPagesRouter(deps.webRoot));
  // Last resort for page requests: a plain message, never Express's HTML page with a stack trace.
  app.use((error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = (error as { status?: unknown }).status;
    const clientFault = typeof status === 'number' && status >= 400 && status < 500;
    if (!clientFault) logger.error({ err: error, method: req.method }, 'http request failed');
    res
      .status(clientFault ? status : 500)
      .type('text/plain; charset=utf-8')
      .send(clientFault ? '请求无效 / Bad request' : '服务器错误 / Server error');
  });

  return {
    io,
    repos,
    states,
    queries,
    services: {
      issue,
      counter,
      windows,
      auth,
      reports,
      apiKeys,
      homeVisits,
      privacy,
      retention,
      subjects,
      appointments,
      ratings,
      ratingCases,
    },
    reportPool,
    externalApi,
    control,
    /** Group commits, frames and status pages so far (the bench and the tests read these). */
    pipelineStats: () => ({
      commits: groupCommit.stats(),
      frames: frames.stats(),
      statusPages: statusPages.stats(),
    }),
    /** Several processes on PostgreSQL: the change log and its listener (null on SQLite). */
    cluster,
    async close(): Promise<void> {
      frames.close();
      evaluatorPrompts.close();
      statusPages.close();
      await reportPool.close();
      // The adapter must hold its LISTEN connection before it is closed, or it would take one
      // afterwards and keep it (and the pool) forever.
      await cluster?.ready();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await cluster?.close();
    },
  };
}
export type Application = ReturnType<typeof createApplication>;
