// One request id per visitor action: the server returns the same ticket for a repeated id, so a
// retry after a lost acknowledgement can never issue a second ticket.

export function newRequestId(): string {
  const cryptoApi = globalThis.crypto;
  if (cryptoApi && typeof cryptoApi.randomUUID === 'function')
    return cryptoApi.randomUUID().replace(/-/g, '');
  // randomUUID needs a secure context; a kiosk opened over plain http on the hall LAN is not one.
  const bytes = new Uint8Array(16);
  cryptoApi.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
