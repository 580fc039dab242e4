// The start banner prints only addresses the server listens on (issue 14.7): the LAN address
// appears for a server on all interfaces, never for one bound to 127.0.0.1 or to one address.
import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { describeStart, lanAddresses } from './startBanner';

const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false) =>
  ({ address, family, internal, netmask: '', mac: '', cidr: null }) as unknown as NetworkInterfaceInfo;
const INTERFACES = {
  lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
  eth0: [nic('192.168.1.10', 'IPv4'), nic('fe80::1', 'IPv6'), nic('2001:db8::10', 'IPv6')],
};

function banner(host: string, url: string): string {
  return describeStart(
    { url, port: 8080, credentials: null, certificateSha256: null },
    { dbFile: '/data/hall.sqlite', DATA_DIR: '/data', HOST: host },
    INTERFACES,
  );
}

describe('start banner', () => {
  it('lists the LAN addresses of a server listening on all interfaces', () => {
    expect(banner('0.0.0.0', 'http://127.0.0.1:8080')).toContain('http://192.168.1.10:8080');
    expect(lanAddresses('::', INTERFACES)).toEqual(['192.168.1.10', '[2001:db8::10]']);
  });

  it('lists no LAN address for a server bound to 127.0.0.1 (it would never answer there)', () => {
    const text = banner('127.0.0.1', 'http://127.0.0.1:8080');
    expect(text).not.toContain('192.168.1.10');
    expect(text).not.toContain('LAN');
    expect(text).toContain('http://127.0.0.1:8080/console/');
  });

  it('for a server bound to one LAN address, shows that address only', () => {
    const text = banner('192.168.1.10', 'http://192.168.1.10:8080');
    expect(text).toContain('http://192.168.1.10:8080/console/');
    expect(text).not.toContain('LAN');
    expect(lanAddresses('192.168.1.10', INTERFACES)).toEqual([]);
  });
});
