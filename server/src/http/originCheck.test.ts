import { describe, expect, it } from 'vitest';
import { createOriginCheck, normalizeOrigin } from './originCheck';

const req = (origin: string | undefined, host = '192.168.1.10:8080') => ({ headers: { origin, host } });

describe('createOriginCheck', () => {
  const check = createOriginCheck(['https://hall.example.cn', 'http://10.1.1.1:8443/']);

  it("accepts the server's own pages and configured origins", () => {
    expect(check(req('http://192.168.1.10:8080'))).toBe(true);
    expect(check(req('HTTP://192.168.1.10:8080'))).toBe(true);
    expect(check(req('https://hall.example.cn'))).toBe(true);
    expect(check(req('https://hall.example.cn:443'))).toBe(true);
    expect(check(req('http://10.1.1.1:8443'))).toBe(true);
  });

  it('refuses every other site, null origins and garbage', () => {
    for (const origin of [
      'http://evil.example',
      'http://192.168.1.10:8081',
      'https://192.168.1.10:8080.evil.example',
      'null',
      'file://',
      'chrome-extension://abc',
      '',
      'http://',
    ]) {
      expect(check(req(origin)), origin).toBe(false);
    }
  });

  it('lets clients without an Origin (not a web page) on to the handshake', () => {
    expect(check(req(undefined))).toBe(true);
  });

  it('normalizes origins', () => {
    expect(normalizeOrigin('https://Hall.Example:443/path?q')).toBe('https://hall.example');
    expect(normalizeOrigin('ftp://x')).toBeNull();
  });
});
