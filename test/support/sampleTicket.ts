// Sample ticket data shared by the printing tests (and anyone who needs a realistic ticket).
import type { TicketPrintData } from '@hall/shared/ticketPrintData';

export function sampleTicket(overrides: Partial<TicketPrintData> = {}): TicketPrintData {
  return {
    hallName: '滨江区政务服务中心',
    serviceNameZh: '出入境',
    serviceNameEn: 'Exit & Entry',
    number: 'A-L023',
    priorityClass: 'elderly',
    priorityNameZh: '老年人',
    proxy: false,
    peopleAhead: 3,
    estimatedWaitMinutes: 15,
    outlook: 'open',
    issuedAt: Date.UTC(2026, 10, 28, 1, 5),
    timeZone: 'Asia/Shanghai',
    statusUrl: 'http://127.0.0.1:8080/t/abc123XYZ',
    footer: '请保管好此票，过号请到服务台重新排队。',
    windowsToWatch: [1, 2],
    ...overrides,
  };
}
