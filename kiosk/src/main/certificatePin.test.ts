import { describe, expect, it, vi } from 'vitest';
import { makeSelfSignedCert } from '../../../test/support/selfSignedCert';
import { CHROMIUM_DECIDES, createCertificateVerifier, REFUSE, TRUST } from './certificatePin';

const hall = makeSelfSignedCert('192.168.1.10');
const impostor = makeSelfSignedCert('192.168.1.10');

describe('createCertificateVerifier', () => {
  it("trusts exactly the pinned certificate for the server's host, self-signed as it is", () => {
    const log = vi.fn();
    const verify = createCertificateVerifier('https://192.168.1.10:8443', hall.sha256, log);
    expect(verify({ hostname: '192.168.1.10', certificate: { data: hall.cert } })).toBe(TRUST);
    expect(verify({ hostname: '192.168.1.10', certificate: { data: impostor.cert } })).toBe(REFUSE);
    expect(verify({ hostname: '192.168.1.10', certificate: { data: 'not a certificate' } })).toBe(REFUSE);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('server certificate refused'));
  });

  it('leaves other hosts, and a server without a pin, to Chromium', () => {
    const pinned = createCertificateVerifier('https://192.168.1.10:8443', hall.sha256, vi.fn());
    expect(pinned({ hostname: 'example.org', certificate: { data: impostor.cert } })).toBe(CHROMIUM_DECIDES);
    const unpinned = createCertificateVerifier('https://hall.example.cn', null, vi.fn());
    expect(unpinned({ hostname: 'hall.example.cn', certificate: { data: hall.cert } })).toBe(
      CHROMIUM_DECIDES,
    );
  });
});
