// What `npm start` prints: the page addresses (on this machine and, when the server listens on all
// interfaces, on the LAN) and, on first start only, the generated device keys and passwords —
// shown once, stored only as hashes. Only addresses the server really listens on are printed: with
// HOST=127.0.0.1 a LAN address would send people to a page that never answers.
import type { NetworkInterfaceInfo } from 'node:os';
import type { ServerConfig } from './config';
import type { RunningServer } from './server';

/** The LAN addresses a server bound to `host` answers on, besides the one in its URL. */
export function lanAddresses(host: string, interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string[] {
  // A single address (loopback or one LAN card) is the server's URL already; only a wildcard
  // listens on every interface.
  const ipv6 = host === '::';
  if (host !== '0.0.0.0' && !ipv6) return [];
  return Object.values(interfaces)
    .flat()
    .filter((i): i is NetworkInterfaceInfo => !!i && !i.internal)
    .filter((i) => i.family === 'IPv4' || (ipv6 && !i.address.toLowerCase().startsWith('fe80')))
    .map((i) => (i.family === 'IPv6' ? `[${i.address}]` : i.address));
}

/** A connection URL as it may be shown: never its password. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

export function describeStart(
  server: Pick<RunningServer, 'url' | 'port' | 'credentials' | 'certificateSha256'> &
    Partial<Pick<RunningServer, 'keyFile'>>,
  config: Pick<ServerConfig, 'dbFile' | 'DATA_DIR' | 'HOST'> & Partial<Pick<ServerConfig, 'DATABASE_URL'>>,
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>,
): string {
  const base = server.url;
  const kiosk = server.credentials?.devices.find((d) => d.kind === 'kiosk');
  const display = server.credentials?.devices.find((d) => d.kind === 'display');
  const evaluator = server.credentials?.devices.find((d) => d.kind === 'evaluator');
  const lines = [
    '',
    '大厅取号叫号系统已启动 / Hall queue server is running',
    `  数据 Data:        ${config.DATABASE_URL ? withoutPassword(config.DATABASE_URL) : config.dbFile}`,
    ...(server.keyFile ? [`  密钥 Key file:    ${server.keyFile.path}`] : []),
    `  虚拟打印机 Virtual printer: ${config.DATA_DIR}/printer/`,
    '',
    '页面 Pages:',
    `  取号机 Kiosk:      ${base}/kiosk/${kiosk ? `?key=${kiosk.key}` : '   (add ?key=<kiosk device key>)'}`,
    `  显示屏 Display:    ${base}/display/${display ? `?key=${display.key}` : '   (add ?key=<display device key>)'}`,
    `  窗口屏 Window:     ${base}/display/window/1${display ? `?key=${display.key}` : ''}`,
    `  评价器 Evaluator:  ${base}/display/evaluator${evaluator ? `?key=${evaluator.key}` : '   (add ?key=<evaluator device key>)'}`,
    `  工作台 Staff/Admin: ${base}/console/`,
    `  导办台 Front desk: ${base}/console/desk`,
  ];
  const lan = lanAddresses(config.HOST, interfaces);
  if (lan.length > 0)
    lines.push(
      `  局域网 LAN:        ${lan.map((a) => `${new URL(base).protocol}//${a}:${server.port}`).join('  ')}`,
    );
  if (server.certificateSha256) {
    lines.push(`  证书指纹 Certificate SHA-256 (kiosk "serverCertificateSha256"):`);
    lines.push(`    ${server.certificateSha256}`);
  }
  if (server.keyFile?.created) {
    lines.push(
      '',
      '已生成个人信息加密密钥文件。请把它另行备份（不要和数据备份放在一起）：丢失它，已登记的姓名、电话、地址将无法读取。',
      'A new key file for personal data was created. Back it up separately from the data backups:',
      'without it the registered names, phones and addresses cannot be read (README › Privacy).',
    );
  }
  if (server.credentials) {
    lines.push('', '首次启动生成的账号与设备密钥（只显示这一次，请妥善保存）:');
    lines.push('First start: accounts and device keys (shown only this once — keep them safe):');
    for (const s of server.credentials.staff)
      lines.push(`  ${s.role.padEnd(5)}  ${s.username} / ${s.password}`);
    for (const d of server.credentials.devices) lines.push(`  ${d.kind.padEnd(7)} ${d.name}: ${d.key}`);
  } else {
    lines.push('', '账号与设备密钥已在首次启动时显示；可在管理页面新建设备密钥或重设密码。');
    lines.push(
      'Accounts and keys were shown at first start; create new device keys or reset passwords in the admin console.',
    );
  }
  return lines.join('\n');
}
