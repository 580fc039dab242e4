// A throw-away self-signed certificate for 127.0.0.1, made with the machine's openssl, as a hall
// would make one for its server PC. Also returns openssl's own SHA-256 fingerprint of it, so tests
// compare the server's and the kiosk's idea of the fingerprint with an independent one.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface SelfSignedCert {
  cert: string;
  key: string;
  /** 'AB:CD:…' as `openssl x509 -fingerprint -sha256` prints it. */
  sha256: string;
}

export function makeSelfSignedCert(commonName = '127.0.0.1'): SelfSignedCert {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-cert-'));
  try {
    const certFile = path.join(dir, 'cert.pem');
    const keyFile = path.join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-days',
        '2',
        '-subj',
        `/CN=${commonName}`,
        '-addext',
        `subjectAltName=IP:${commonName}`,
      ],
      { stdio: 'pipe' },
    );
    const printed = execFileSync('openssl', ['x509', '-in', certFile, '-noout', '-fingerprint', '-sha256'], {
      encoding: 'utf8',
    });
    const sha256 = printed.trim().split('=')[1]!.toUpperCase();
    return { cert: fs.readFileSync(certFile, 'utf8'), key: fs.readFileSync(keyFile, 'utf8'), sha256 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
