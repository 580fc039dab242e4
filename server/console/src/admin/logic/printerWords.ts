// A kiosk's printer for people: "虚拟打印机（每行 48 字符）" rather than "virtual（48）", the
// address as typed for a network or device printer.
export interface PrinterLike {
  interface: string;
  widthColumns?: number;
}

export function printerWords(
  printer: PrinterLike,
  t: (key: string, params?: Record<string, unknown>) => string,
): string {
  const name = printer.interface === 'virtual' ? t('admin.devices.virtualPrinter') : printer.interface;
  return printer.widthColumns
    ? t('admin.devices.printerWithColumns', { name, columns: printer.widthColumns })
    : name;
}
