import { describe, expect, it } from 'vitest';
import { isTrustedUrl, pageRoleOf, serverOriginOf } from './urlTrust';

const SERVER = 'http://hall.local:3000';

describe('isTrustedUrl', () => {
  const allowed = [
    'http://hall.local:3000/kiosk/',
    'http://hall.local:3000/display/window/3',
    'http://hall.local:3000/kiosk/?lang=en#result',
    'HTTP://HALL.LOCAL:3000/kiosk/',
    'http://hall.local:3000',
    'http://hall.local:3000/kiosk/../display/',
  ];
  it.each(allowed)('allows %s', (url) => {
    expect(isTrustedUrl(url, SERVER)).toBe(true);
  });

  const refused = [
    ['another host', 'http://evil.example:3000/kiosk/'],
    ['a different port', 'http://hall.local:3001/kiosk/'],
    ['the default port', 'http://hall.local/kiosk/'],
    ['https instead of http', 'https://hall.local:3000/kiosk/'],
    ['user info pointing elsewhere', 'http://hall.local:3000@evil.example/kiosk/'],
    ['user info on the right host', 'http://user:pass@hall.local:3000/kiosk/'],
    ['a bare user name', 'http://hall.local@hall.local:3000/'],
    ['a host that only starts like ours', 'http://hall.local.evil.example:3000/'],
    ['a host that only ends like ours', 'http://evilhall.local:3000/'],
    ['our URL inside a query', 'http://evil.example/?next=http://hall.local:3000/'],
    ['a file URL', 'file:///etc/passwd'],
    ['a javascript URL', 'javascript:alert(1)'],
    ['a javascript URL in mixed case', 'JaVaScRiPt:alert(1)'],
    ['a data URL', 'data:text/html,<h1>hi</h1>'],
    ['a blob URL of our origin', 'blob:http://hall.local:3000/8c6f-1'],
    ['about:blank', 'about:blank'],
    ['a chrome page', 'chrome://settings'],
    ['devtools', 'devtools://devtools/bundled/inspector.html'],
    ['a view-source URL', 'view-source:http://hall.local:3000/'],
    ['a websocket URL', 'ws://hall.local:3000/socket.io/'],
    ['a protocol-relative string', '//hall.local:3000/kiosk/'],
    ['a relative path', '/kiosk/'],
    ['an empty string', ''],
    ['garbage', 'not a url'],
    ['a backslash trick to another host', 'http://evil.example\\@hall.local:3000/'],
  ] as const;
  it.each(refused)('refuses %s', (_why, url) => {
    expect(isTrustedUrl(url, SERVER)).toBe(false);
  });

  it('treats the scheme default port as the same origin', () => {
    expect(isTrustedUrl('https://hall.example/kiosk/', 'https://hall.example:443')).toBe(true);
    expect(isTrustedUrl('https://hall.example:443/kiosk/', 'https://hall.example')).toBe(true);
  });

  it('trusts nothing when the server URL itself is not http(s)', () => {
    expect(isTrustedUrl('file:///x', 'file:///x')).toBe(false);
    expect(isTrustedUrl('http://hall.local:3000/', 'nonsense')).toBe(false);
  });

  it('compares IDN hosts after punycode conversion, so a look-alike host is refused', () => {
    // Cyrillic "а" in place of Latin "a".
    expect(isTrustedUrl('http://h\u0430ll.local:3000/', SERVER)).toBe(false);
  });
});

describe('serverOriginOf', () => {
  it('gives the origin without path or default port', () => {
    expect(serverOriginOf('https://hall.example:443/some/path')).toBe('https://hall.example');
    expect(serverOriginOf('ftp://hall.example')).toBeNull();
  });
});

describe('pageRoleOf', () => {
  it('names our pages by path and refuses other paths and origins', () => {
    expect(pageRoleOf('http://hall.local:3000/kiosk/', SERVER)).toBe('kiosk');
    expect(pageRoleOf('http://hall.local:3000/display/window/2', SERVER)).toBe('display');
    expect(pageRoleOf('http://hall.local:3000/console/', SERVER)).toBeNull();
    expect(pageRoleOf('http://hall.local:3000/kiosk-evil/', SERVER)).toBeNull();
    expect(pageRoleOf('http://evil.example:3000/kiosk/', SERVER)).toBeNull();
  });
});
