// The closed list of error codes every acknowledgement may carry, with the words a person reads.
// Chinese first (the hall's language), English second. `{name}` placeholders are filled from params.

export const ERROR_MESSAGES = {
  VALIDATION_FAILED: { zh: '输入内容有误：{detail}', en: 'Invalid input: {detail}' },
  PAYLOAD_TOO_LARGE: { zh: '提交的内容过大', en: 'The request is too large' },
  UNAUTHENTICATED: { zh: '未登录或凭据无效', en: 'Not signed in or invalid credentials' },
  FORBIDDEN: { zh: '当前身份无权执行此操作', en: 'Your role may not do this' },
  BAD_CREDENTIALS: { zh: '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_DISABLED: { zh: '该账号已停用', en: 'This account is disabled' },
  SESSION_EXPIRED: { zh: '登录已超时，请重新登录', en: 'Your session has expired; please sign in again' },
  RATE_LIMITED: {
    zh: '尝试过于频繁，请 {seconds} 秒后再试',
    en: 'Too many attempts; try again in {seconds} s',
  },
  DEVICE_REVOKED: { zh: '该设备已被停用', en: 'This device has been revoked' },
  API_KEY_INVALID: { zh: '接口密钥无效或已停用', en: 'The API key is invalid or revoked' },
  API_KEY_SCOPE: {
    zh: '该接口密钥无权访问：{scope}',
    en: 'This API key may not use: {scope}',
  },
  NOT_FOUND: { zh: '未找到：{what}', en: 'Not found: {what}' },
  HALL_NOT_FOUND: { zh: '未找到该大厅', en: 'Hall not found' },
  SERVICE_NOT_FOUND: { zh: '未找到该业务', en: 'Service not found' },
  SERVICE_DISABLED: { zh: '该业务暂停取号', en: 'This service is not issuing tickets now' },
  HALL_CLOSED: {
    zh: '现在不是取号时间。下次取号：{nextZh}',
    en: 'Tickets are not issued now. Next: {nextEn}',
  },
  PRIORITY_CLASS_UNKNOWN: {
    zh: '未知的优先类别：{priorityClass}',
    en: 'Unknown priority class: {priorityClass}',
  },
  WINDOW_NOT_FOUND: { zh: '未找到该窗口', en: 'Window not found' },
  WINDOW_NOT_HELD: { zh: '您尚未选择窗口', en: 'You do not hold a window' },
  WINDOW_TAKEN: { zh: '{window} 号窗口已由 {staff} 使用', en: 'Window {window} is held by {staff}' },
  WINDOW_HELD_ELSEWHERE: {
    zh: '此账号正在使用 {window} 号窗口（可能是另一位同事在用）。请先在该窗口离开，或确认改用本窗口',
    en: 'This account is working window {window} (perhaps a colleague is using it). Leave that window first, or confirm to switch',
  },
  WINDOW_CLOSED: { zh: '窗口未开启', en: 'The window is closed' },
  WINDOW_PAUSED: { zh: '窗口已暂停', en: 'The window is paused' },
  WINDOW_BUSY: { zh: '当前还有未办结的号 {number}', en: 'Ticket {number} is still open at this window' },
  SERVICE_NOT_SERVED_BY_WINDOW: {
    zh: '本窗口不办理该业务',
    en: 'This window does not serve that service',
  },
  QUEUE_EMPTY: { zh: '当前没有等候的号', en: 'Nobody is waiting' },
  TICKET_NOT_FOUND: { zh: '未找到该号', en: 'Ticket not found' },
  TICKET_NOT_WAITING: { zh: '该号不在等候中', en: 'The ticket is not waiting' },
  TICKET_CALLED_ELSEWHERE: {
    zh: '该号已被 {window} 号窗口呼叫',
    en: 'The ticket was called by window {window}',
  },
  TICKET_NOT_CALLED: { zh: '该号尚未被呼叫', en: 'The ticket has not been called' },
  TICKET_ALREADY_SERVING: { zh: '该号正在办理中', en: 'The ticket is already being served' },
  TICKET_MISSED: { zh: '该号已过号，请先过号重排', en: 'The ticket was missed; requeue it first' },
  TICKET_NOT_SERVING: { zh: '该号尚未开始办理', en: 'The ticket is not being served' },
  TICKET_NOT_NO_SHOW: { zh: '只有过号的号才能重排', en: 'Only a no-show ticket can be requeued' },
  TICKET_ALREADY_DONE: { zh: '该号已办结', en: 'The ticket is already finished' },
  TICKET_CLOSED: { zh: '该号已结束（{state}）', en: 'The ticket is closed ({state})' },
  TICKET_NOT_AT_WINDOW: { zh: '该号不在本窗口', en: 'The ticket is not at this window' },
  TRANSFER_SAME_SERVICE: { zh: '不能转移到同一业务', en: 'Cannot transfer to the same service' },
  TICKET_OF_OTHER_SERVICE: {
    zh: '该号的业务不由本窗口办理，请由管理员处理',
    en: "This window does not serve that ticket's service; ask an admin",
  },
  NO_SHOW_OF_OTHER_WINDOW: {
    zh: '只能重排本窗口的过号，其他窗口的过号请由管理员处理',
    en: "Only this window's own no-shows can be requeued here; ask an admin",
  },
  RATING_ALREADY_GIVEN: {
    zh: '这张号票已经评价过了，每张号票只能评价一次。谢谢您！',
    en: 'This ticket has already been rated; each ticket can be rated once. Thank you!',
  },
  RATING_NOT_FINISHED: {
    zh: '业务办结后才能评价',
    en: 'A ticket can be rated once its service is finished',
  },
  RATING_EXPIRED: {
    zh: '评价期限已过（办结后 {days} 天内可评价）',
    en: 'The time to rate has passed (within {days} days of finishing)',
  },
  RATING_PROMPT_CLOSED: {
    zh: '本次评价已经结束',
    en: 'This rating question has ended',
  },
  EVALUATOR_NOT_BOUND: {
    zh: '评价器尚未绑定窗口，请管理员在设备管理中绑定',
    en: 'This evaluator is not bound to a window; an admin binds it under Devices',
  },
  RATING_CASE_STEP_ORDER: {
    zh: '请按 核实 → 整改 → 反馈 的顺序办理（当前：{status}）',
    en: 'Record the steps in order: verify → rectify → feedback (now: {status})',
  },
  ID_NUMBER_INVALID: { zh: '身份证号码无效', en: 'Invalid resident ID number' },
  APPOINTMENT_NO_SUCH_SLOT: {
    zh: '没有这个预约时段：{day} {time}',
    en: 'There is no appointment slot at {day} {time}',
  },
  APPOINTMENT_DAY_OFF: { zh: '{day} 不办理预约', en: 'No appointments on {day}' },
  APPOINTMENT_SLOT_PAST: { zh: '该时段已过，不能预约', en: 'That slot is over and cannot be booked' },
  APPOINTMENT_SLOT_FULL: { zh: '该时段已约满：{day} {time}', en: 'That slot is full: {day} {time}' },
  APPOINTMENT_DUPLICATE: {
    zh: '此人当天已预约该业务，不能重复预约',
    en: 'This person already has a booking for this service that day',
  },
  APPOINTMENT_NOT_FOUND: {
    zh: '未找到预约，请核对预约码或身份证',
    en: 'No booking found; check the booking code or ID card',
  },
  APPOINTMENT_CHECKED_IN: {
    zh: '该预约已签到，号码 {number}',
    en: 'This booking has already been checked in: ticket {number}',
  },
  APPOINTMENT_NOT_OPEN: {
    zh: '该预约已签到、取消或过期，不能再更改',
    en: 'This booking was checked in, cancelled or missed and cannot change',
  },
  CONFLICT: { zh: '数据冲突：{detail}', en: 'Conflict: {detail}' },
  STORAGE_FAILURE: { zh: '数据保存失败，请联系管理员', en: 'Could not save; please tell the administrator' },
  PRINTER_FAULT: { zh: '打印机故障：{detail}', en: 'Printer fault: {detail}' },
  PRINTER_NOT_FOUND: { zh: '没有这台打印机', en: 'No such printer' },
  TOO_MANY_CONNECTIONS: {
    zh: '打开的页面过多，请关闭一些后再试',
    en: 'Too many pages are open; close some and try again',
  },
  PERSONAL_DATA_CLEARED: {
    zh: '该记录的个人信息已清除（保存期限已到或本人要求删除）',
    en: 'The personal details of this record were cleared (retention period over, or erased on request)',
  },
  INTERNAL: { zh: '系统内部错误', en: 'Internal error' },
  // Given by the client library, never by the server: the command could not be sent, or was sent
  // and no answer came in time (it may still have taken effect: re-read before acting again).
  OFFLINE: { zh: '未连接到服务器，请稍候重试', en: 'Not connected to the server; please retry shortly' },
  NO_RESPONSE: {
    zh: '服务器未及时响应，请稍候重试',
    en: 'The server did not answer in time; please retry shortly',
  },
} as const satisfies Record<string, { zh: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;
export const ERROR_CODES = Object.keys(ERROR_MESSAGES) as ErrorCode[];

export interface AppError {
  code: ErrorCode;
  /** English text, for logs and for code that wants one string. */
  message: string;
  zh: string;
  en: string;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppError };
export type Ack<T> = (result: Result<T>) => void;

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

export function appError(code: ErrorCode, params: Record<string, string | number> = {}): AppError {
  const words = ERROR_MESSAGES[code];
  const en = fill(words.en, params);
  return { code, message: en, zh: fill(words.zh, params), en };
}

export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

export function fail<T = never>(code: ErrorCode, params: Record<string, string | number> = {}): Result<T> {
  return { ok: false, error: appError(code, params) };
}

/** Thrown inside services to abort a transaction with a specific, user-facing code. */
export class DomainError extends Error {
  readonly appError: AppError;
  constructor(code: ErrorCode, params: Record<string, string | number> = {}) {
    const error = appError(code, params);
    super(error.message);
    this.name = 'DomainError';
    this.appError = error;
  }
  get code(): ErrorCode {
    return this.appError.code;
  }
}
