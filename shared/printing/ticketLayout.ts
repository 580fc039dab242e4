// What a printed ticket says, as a list of already laid-out blocks. Pure: the ESC/POS encoder
// (escpos.ts) turns the blocks into bytes, the screen preview may render
// them as text. Mandarin first, English second; the number by far the largest thing on the paper
// (4–6× the text, twice any banner: ESC/POS allows up to 8× with GS !); the facts an elderly
// visitor needs (people ahead, wait, windows to watch) in tall type.
import { dateTime, isValidTimeZone } from '@hall/shared/hallTime';
import { ELDERLY_CLASS, NORMAL_CLASS, type QueueOutlook } from '@hall/shared/contracts/entities';
import type { TicketPrintData } from '@hall/shared/ticketPrintData';
import { displayWidth, wrapText } from './textLayout';

/** Character magnification on paper (ESC/POS GS !: 1–8 each way). */
export interface TicketTextSize {
  width: number;
  height: number;
}

/** normal = 1×1, tall = double height (same columns), double = double width and height. */
export const TEXT_SIZES = {
  normal: { width: 1, height: 1 },
  tall: { width: 1, height: 2 },
  double: { width: 2, height: 2 },
} as const satisfies Record<string, TicketTextSize>;

/** The number's magnification: 6× if it fits the paper, never under 4× (3× text is the floor). */
const NUMBER_SCALE_MAX = 6;
const NUMBER_SCALE_MIN = 4;

/** The largest square magnification at which `number` fits `columns`, within 4–6×. */
export function numberSize(number: string, columns: number): TicketTextSize {
  const fits = Math.floor(columns / Math.max(1, displayWidth(number)));
  const scale = Math.max(NUMBER_SCALE_MIN, Math.min(NUMBER_SCALE_MAX, fits));
  return { width: scale, height: scale };
}

export interface TicketTextLine {
  kind: 'text';
  /** Leading spaces at normal size (paper columns), so magnified text centres to the column. */
  indent: number;
  text: string;
  size: TicketTextSize;
  bold: boolean;
  /** White on black — the priority mark must be visible without relying on colour. */
  inverse: boolean;
}

export type TicketBlock = TicketTextLine | { kind: 'qr'; data: string } | { kind: 'feed'; lines: number };

interface LineStyle {
  size?: TicketTextSize;
  bold?: boolean;
  inverse?: boolean;
}

/** Wrap `text` to the columns available at its size, each line centred. */
function centred(text: string, columns: number, style: LineStyle = {}): TicketTextLine[] {
  const size = style.size ?? TEXT_SIZES.normal;
  const available = Math.floor(columns / size.width);
  return wrapText(text, available).map((line) => ({
    kind: 'text',
    indent: Math.max(0, Math.floor((columns - displayWidth(line) * size.width) / 2)),
    text: line,
    size,
    bold: style.bold ?? false,
    inverse: style.inverse ?? false,
  }));
}

function rule(columns: number): TicketTextLine {
  return {
    kind: 'text',
    indent: 0,
    text: '-'.repeat(columns),
    size: TEXT_SIZES.normal,
    bold: false,
    inverse: false,
  };
}

/** The priority mark in both languages, or null for a normal ticket. */
export function priorityMark(data: TicketPrintData): { zh: string; en: string } | null {
  if (data.priorityClass === NORMAL_CLASS) return null;
  if (data.priorityClass === ELDERLY_CLASS) return { zh: '老年人优先', en: 'Senior priority' };
  const nameZh = data.priorityNameZh?.trim() || '';
  const zh = nameZh === '' ? '优先' : nameZh.endsWith('优先') ? nameZh : `${nameZh}优先`;
  const nameEn = data.priorityNameEn?.trim();
  return { zh, en: nameEn ? `${nameEn} priority` : 'Priority' };
}

/** 'YYYY-MM-DD HH:mm' in the hall's time zone (falls back to UTC, marked, if the zone is unknown). */
export function formatIssueTime(epochMs: number, timeZone: string): string {
  return isValidTimeZone(timeZone) ? dateTime(epochMs, timeZone) : `${dateTime(epochMs, 'UTC')} UTC`;
}

function duration(total: number): { zh: string; en: string } {
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return { zh: `${total} 分钟`, en: `${total} min` };
  return {
    zh: rest === 0 ? `${hours} 小时` : `${hours} 小时 ${rest} 分钟`,
    en: rest === 0 ? `${hours} h` : `${hours} h ${rest} min`,
  };
}

/**
 * The wait, in words that are true (DESIGN §5): "soon" only when a window that serves the ticket
 * is open; when none is, that the windows are not open yet (and the wait once they open), or that
 * none will serve it today.
 */
function waitText(minutes: number, outlook: QueueOutlook): { zh: string; en: string } {
  const total = Math.max(0, Math.round(minutes));
  if (outlook === 'none')
    return {
      zh: '今天没有窗口办理此业务，请到服务台咨询',
      en: 'No window serves this today - please ask at the front desk',
    };
  if (outlook === 'later') {
    if (total === 0)
      return {
        zh: '窗口暂未开放，开放后按顺序叫号',
        en: 'Windows not open yet - you will be called in turn',
      };
    const d = duration(total);
    return {
      zh: `窗口暂未开放，开放后约 ${d.zh}`,
      en: `Windows not open yet - about ${d.en} after they open`,
    };
  }
  if (total === 0) return { zh: '预计很快叫到您', en: 'You will be called soon' };
  const d = duration(total);
  return { zh: `预计等候约 ${d.zh}`, en: `Estimated wait: about ${d.en}` };
}

function aheadText(peopleAhead: number, outlook: QueueOutlook): { zh: string; en: string } {
  const n = Math.max(0, Math.round(peopleAhead));
  if (n === 0 && outlook === 'open')
    return { zh: '前面没有人，请留意叫号', en: 'You are next - please listen for your number' };
  if (n === 0) return { zh: '前面没有人', en: 'Nobody is ahead of you' };
  return { zh: `前面还有 ${n} 人`, en: n === 1 ? '1 person ahead of you' : `${n} people ahead of you` };
}

/** QR payloads must be plain ASCII (printers and node-thermal-printer's length count assume it). */
export function qrPayload(statusUrl: string): string {
  try {
    return new URL(statusUrl).href;
  } catch {
    return encodeURI(statusUrl);
  }
}

/** The whole ticket laid out for `columns` columns (48 on an 80 mm roll). */
export function buildTicketContent(data: TicketPrintData, columns = 48): TicketBlock[] {
  const blocks: TicketBlock[] = [];
  blocks.push(...centred(data.hallName, columns, { bold: true }));
  blocks.push(rule(columns));
  blocks.push(...centred(data.serviceNameZh, columns, { size: TEXT_SIZES.tall, bold: true }));
  if (data.serviceNameEn.trim()) blocks.push(...centred(data.serviceNameEn, columns));
  blocks.push({ kind: 'feed', lines: 1 });
  blocks.push(...centred(data.number, columns, { size: numberSize(data.number, columns), bold: true }));
  blocks.push({ kind: 'feed', lines: 1 });
  const mark = priorityMark(data);
  if (mark) {
    blocks.push(...centred(` ${mark.zh} `, columns, { size: TEXT_SIZES.double, bold: true, inverse: true }));
    blocks.push(...centred(mark.en, columns, { bold: true }));
  }
  if (data.proxy) blocks.push(...centred('【代办】亲友代办  Proxy visit', columns, { bold: true }));
  if (data.appointmentSlot) {
    // Booked visitors are called first at their slot time (queue rule 7): the slot is on the paper.
    blocks.push(...centred(`预约 ${data.appointmentSlot}`, columns, { size: TEXT_SIZES.tall, bold: true }));
    blocks.push(...centred(`Appointment ${data.appointmentSlot}`, columns));
  }
  blocks.push(rule(columns));
  const ahead = aheadText(data.peopleAhead, data.outlook);
  blocks.push(
    ...centred(ahead.zh, columns, { size: TEXT_SIZES.tall, bold: true }),
    ...centred(ahead.en, columns),
  );
  const wait = waitText(data.estimatedWaitMinutes, data.outlook);
  blocks.push(
    ...centred(wait.zh, columns, { size: TEXT_SIZES.tall, bold: true }),
    ...centred(wait.en, columns),
  );
  if (data.windowsToWatch.length > 0) {
    const list = data.windowsToWatch.join('、');
    blocks.push(...centred(`请留意 ${list} 号窗口`, columns, { size: TEXT_SIZES.tall, bold: true }));
    const plural = data.windowsToWatch.length > 1 ? 'windows' : 'window';
    blocks.push(...centred(`Please watch ${plural} ${data.windowsToWatch.join(', ')}`, columns));
  }
  blocks.push(rule(columns));
  blocks.push(...centred(`取号时间 Issued  ${formatIssueTime(data.issuedAt, data.timeZone)}`, columns));
  if (data.statusUrl.trim()) {
    blocks.push({ kind: 'feed', lines: 1 });
    blocks.push({ kind: 'qr', data: qrPayload(data.statusUrl.trim()) });
    blocks.push(
      ...centred('扫码查看排队进度', columns),
      ...centred('Scan to follow your place in the queue', columns),
    );
  }
  if (data.footer.trim()) {
    blocks.push({ kind: 'feed', lines: 1 });
    blocks.push(...centred(data.footer.trim(), columns));
  }
  return blocks;
}
