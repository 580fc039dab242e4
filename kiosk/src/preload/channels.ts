// IPC channel names, shared by the preload and the main process so they cannot drift apart.
export const IPC_CHANNELS = {
  getConfig: 'kiosk:getConfig',
  print: 'kiosk:print',
  idNumberRead: 'kiosk:idNumberRead',
  checkInReading: 'kiosk:checkInReading',
} as const;
