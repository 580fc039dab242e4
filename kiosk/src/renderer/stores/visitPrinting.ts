// Printing the visitor's ticket, and printing it again after a fault. A print problem never issues
// a new ticket: the number stays valid and is shown on screen whatever happens on paper.
import { ref, type ShallowRef } from 'vue';
import type { HallSnapshot, IssuedTicket } from '@hall/shared/contracts/entities';
import type { PrintFaultKind, PrintResult, TicketPrinter } from '../printing/ticketPrinter';

export type PrintState = 'none' | 'printing' | 'printed' | 'failed';

export function useTicketPrinting(
  issued: ShallowRef<IssuedTicket | null>,
  snapshot: () => HallSnapshot | null,
) {
  let printer: TicketPrinter | null = null;
  const printState = ref<PrintState>('none');
  const printFault = ref<PrintFaultKind | null>(null);
  const printsLocally = ref(false);

  function usePrinter(next: TicketPrinter): void {
    printer = next;
    printsLocally.value = next.local;
  }

  async function print(): Promise<void> {
    const ticket = issued.value;
    if (!ticket || !printer || printState.value === 'printing') return;
    printState.value = 'printing';
    printFault.value = null;
    let result: PrintResult;
    try {
      result = await printer.print(ticket, snapshot());
    } catch {
      result = { ok: false, kind: 'error' };
    }
    if (issued.value !== ticket) return; // the visitor has gone; the next one's screen is not ours
    if (result.ok) {
      printState.value = 'printed';
    } else {
      printState.value = 'failed';
      printFault.value = result.kind;
    }
  }

  function reset(): void {
    printState.value = 'none';
    printFault.value = null;
  }

  return { printState, printFault, printsLocally, usePrinter, print, reset };
}
