// The server's printer for browser kiosks: the same ticket layout and ESC/POS code as the Electron
// kiosk, sent to the device's configured printer or to the virtual printer under the data folder.
import type { PrinterSettings } from '@shared/contracts/entities';
import type { TicketPrintData } from '@shared/ticketText';
import { DEFAULT_RULES } from '@shared/defaults';
import { printTicket } from '../../../kiosk/src/main/printing/printTicket';
import type { ServerPrinter } from './serverPrinter';

export function createServerPrinter(dataDir: string, fallback: PrinterSettings, timeoutMs = 8000): ServerPrinter {
  return (settings, issued, statusUrl, timeZone) => {
    const priority = DEFAULT_RULES.priorityClasses.find((c) => c.id === issued.ticket.priorityClass) ?? null;
    const data: TicketPrintData = {
      hallName: issued.hallName,
      serviceNameZh: issued.serviceNameZh,
      serviceNameEn: issued.serviceNameEn,
      number: issued.ticket.number,
      priorityClass: issued.ticket.priorityClass,
      priorityNameZh: priority?.nameZh ?? null,
      priorityNameEn: priority?.nameEn ?? null,
      proxy: issued.ticket.proxy,
      peopleAhead: issued.peopleAhead,
      estimatedWaitMinutes: issued.estimatedWaitMinutes,
      issuedAt: issued.ticket.issuedAt,
      timeZone,
      statusUrl,
      footer: issued.footer,
      windowsToWatch: issued.windowsToWatch,
    };
    return printTicket(settings ?? fallback, data, { dataDir, timeoutMs });
  };
}
