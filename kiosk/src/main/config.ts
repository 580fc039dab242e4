// The kiosk's one config file, validated at start. A hall technician edits this JSON by hand, so
// every problem is reported by field name with a Chinese and an English sentence saying what a
// good value looks like; the app refuses to start rather than guess.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { printerSettingsSchema } from '@hall/shared/contracts/schemas';
import type { PrinterSettings } from '@hall/shared/contracts/entities';

export const CONFIG_ENV_VAR = 'HALL_KIOSK_CONFIG';
export const CONFIG_FILE_NAME = 'kiosk-config.json';
export const MIN_IDLE_SECONDS = 60;

const serverUrlSchema = z
  .string()
  .trim()
  .refine((text) => {
    try {
      const url = new URL(text);
      return (
        (url.protocol === 'http:' || url.protocol === 'https:') &&
        url.username === '' &&
        url.password === '' &&
        (url.pathname === '/' || url.pathname === '') &&
        url.search === '' &&
        url.hash === ''
      );
    } catch {
      return false;
    }
  })
  // Keep only the origin so `${serverUrl}/kiosk/` never doubles a slash.
  .transform((text) => new URL(text).origin);

/** evaluator: a window's rating pad (评价器) full-screen on this PC's one screen (issue 16). */
const roleSchema = z.enum(['kiosk', 'display', 'both', 'evaluator']);

/** A SHA-256 certificate fingerprint, 'AB:CD:…' or plain hex, normalised to 'AB:CD:…'. */
const fingerprintSchema = z
  .string()
  .trim()
  .transform((text) => text.replace(/[\s:]/g, '').toUpperCase())
  .refine((hex) => /^[0-9A-F]{64}$/.test(hex))
  .transform((hex) => hex.match(/../g)!.join(':'));

const kioskConfigSchema = z
  .object({
    serverUrl: serverUrlSchema,
    /**
     * The server's certificate (https:// only), as the server prints it at start: the kiosk then
     * trusts exactly that certificate, self-signed or not, and no other.
     */
    serverCertificateSha256: fingerprintSchema.optional(),
    /** Plain http:// is allowed on a hall LAN, but only when the config says so. */
    allowInsecureHttp: z.boolean().default(false),
    // Same bounds as the server's handshake check, so a bad key is caught here, not as a silent refusal.
    deviceKey: z.string().trim().min(16).max(128),
    /** Needed only for role 'both': the display window signs in as a display device. */
    displayDeviceKey: z.string().trim().min(16).max(128).optional(),
    role: roleSchema.default('kiosk'),
    displayMonitor: z.union([z.number().int().min(0).max(15), z.literal('secondary')]).default('secondary'),
    printer: printerSettingsSchema.optional(),
    language: z.enum(['zh-CN', 'en']).default('zh-CN'),
    idleSeconds: z.number().int().min(MIN_IDLE_SECONDS).max(3600).default(90),
    printTimeoutMs: z.number().int().min(1000).max(60_000).default(8000),
    /** A resident-ID card reader's helper program that prints each card's number on a line. */
    cardReader: z
      .object({
        command: z.string().trim().min(1).max(500),
        args: z.array(z.string().max(200)).max(20).default([]),
      })
      .strict()
      .optional(),
    /** Where the virtual printer writes tickets; defaults to <userData>/printed. */
    dataDir: z.string().trim().min(1).max(500).optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    // A kiosk without a printer would hand out nothing; say so instead of silently not printing.
    if ((config.role === 'kiosk' || config.role === 'both') && config.printer === undefined) {
      ctx.addIssue({ code: 'custom', path: ['printer'], message: 'required' });
    }
    if (config.role === 'both' && config.displayDeviceKey === undefined) {
      ctx.addIssue({ code: 'custom', path: ['displayDeviceKey'], message: 'required' });
    }
    const insecure = config.serverUrl.startsWith('http:');
    if (insecure && !config.allowInsecureHttp) {
      ctx.addIssue({ code: 'custom', path: ['allowInsecureHttp'], message: 'insecure' });
    }
    if (insecure && config.serverCertificateSha256 !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['serverCertificateSha256'], message: 'http' });
    }
  });

export type KioskRole = z.infer<typeof roleSchema>;

export interface KioskConfig {
  serverUrl: string;
  /** Pinned server certificate ('AB:CD:…'), or null to use the system's trusted authorities. */
  serverCertificateSha256: string | null;
  allowInsecureHttp: boolean;
  deviceKey: string;
  displayDeviceKey: string | null;
  role: KioskRole;
  displayMonitor: number | 'secondary';
  printer: PrinterSettings | null;
  language: 'zh-CN' | 'en';
  idleSeconds: number;
  printTimeoutMs: number;
  dataDir: string;
  /** The card reader's helper program, or null when the kiosk has none (keypad / wedge readers). */
  cardReader: { command: string; args: string[] } | null;
}

/** What a good value of each field looks like, in the words the error message uses. */
const FIELD_RULES: Record<string, { zh: string; en: string }> = {
  serverUrl: {
    zh: '应为服务器地址，以 http:// 或 https:// 开头，不含路径，例如 http://192.168.1.10:3000',
    en: 'must be the server address starting with http:// or https://, without a path, e.g. http://192.168.1.10:3000',
  },
  allowInsecureHttp: {
    zh: '服务器地址以 http:// 开头（不加密）：仅限大厅内网，须写明 "allowInsecureHttp": true；或改用 https:// 并填写服务器启动时显示的 serverCertificateSha256',
    en: 'the server address starts with http:// (not encrypted): allowed on a hall LAN only with "allowInsecureHttp": true; or use https:// with the serverCertificateSha256 the server prints at start',
  },
  serverCertificateSha256: {
    zh: '应为服务器启动时显示的证书指纹（SHA-256，64 位十六进制，可带冒号），且服务器地址须为 https://',
    en: 'must be the certificate fingerprint the server prints at start (SHA-256, 64 hex digits, colons allowed), with an https:// server address',
  },
  deviceKey: {
    zh: '应为管理后台为本设备生成的设备密钥（16 到 128 个字符）',
    en: 'must be the device key the admin console created for this device (16 to 128 characters)',
  },
  displayDeviceKey: {
    zh: '角色为 both 时必须填写显示屏的设备密钥（16 到 128 个字符）',
    en: "must be the display device's key (16 to 128 characters) when role is 'both'",
  },
  role: {
    zh: '应为 kiosk、display、both 或 evaluator',
    en: "must be 'kiosk', 'display', 'both' or 'evaluator'",
  },
  displayMonitor: {
    zh: '应为显示器序号（0 起）或 "secondary"',
    en: 'must be a monitor index (from 0) or "secondary"',
  },
  printer: {
    zh: '取号机必须配置打印机：{"interface": "tcp://打印机IP:9100" 或 "virtual"}',
    en: 'a kiosk needs a printer: {"interface": "tcp://printer-ip:9100" or "virtual"}',
  },
  'printer.interface': {
    zh: '应为 tcp://主机:端口、设备路径（如 /dev/usb/lp0）、printer:打印机名 或 virtual',
    en: 'must be tcp://host:port, a device path (e.g. /dev/usb/lp0), printer:Name or virtual',
  },
  'printer.widthColumns': { zh: '应为 32 到 64 之间的整数', en: 'must be a whole number from 32 to 64' },
  language: { zh: '应为 zh-CN 或 en', en: "must be 'zh-CN' or 'en'" },
  idleSeconds: {
    zh: `应为不少于 ${MIN_IDLE_SECONDS} 的整数（秒），老年人需要足够时间`,
    en: `must be a whole number of seconds, at least ${MIN_IDLE_SECONDS}, so elderly visitors have time`,
  },
  printTimeoutMs: {
    zh: '应为 1000 到 60000 之间的整数（毫秒）',
    en: 'must be a whole number from 1000 to 60000 (ms)',
  },
  dataDir: { zh: '应为一个文件夹路径', en: 'must be a folder path' },
  cardReader: {
    zh: '应为 {"command": "读卡程序路径", "args": []}：读卡程序每读到一张身份证就输出一行号码',
    en: 'must be {"command": "reader program", "args": []}: a program that prints one line per card read',
  },
};

export interface ConfigProblem {
  /** Dotted path of the bad field ('' for the file as a whole). */
  field: string;
  zh: string;
  en: string;
}

/** A config that cannot be used. `message` holds every problem, Chinese first, for the log and dialog. */
export class ConfigError extends Error {
  constructor(
    readonly configPath: string,
    readonly problems: ConfigProblem[],
  ) {
    super(formatConfigError(configPath, problems));
    this.name = 'ConfigError';
  }
}

export function formatConfigError(configPath: string, problems: ConfigProblem[]): string {
  const lines = problems.map((p) =>
    p.field ? `• ${p.field}: ${p.zh}\n  ${p.field}: ${p.en}` : `• ${p.zh}\n  ${p.en}`,
  );
  return `配置文件有误 / The configuration file is invalid:\n${configPath}\n\n${lines.join('\n')}`;
}

function describeIssue(issue: z.core.$ZodIssue): ConfigProblem {
  const field = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.join(', ');
    return {
      field: field || keys,
      zh: `未知的配置项 ${keys}（请检查拼写）`,
      en: `unknown setting ${keys} (check the spelling)`,
    };
  }
  const missing = issue.code === 'invalid_type' && issue.input === undefined;
  const rule = FIELD_RULES[field] ?? { zh: '取值无效', en: 'has an invalid value' };
  if (missing || (issue.code === 'custom' && issue.message === 'required')) {
    return { field, zh: `缺少此项；${rule.zh}`, en: `is missing; it ${rule.en}` };
  }
  return { field, zh: rule.zh, en: rule.en };
}

/** Validate parsed JSON. `defaultDataDir` is used when the file names no data folder. */
export function parseConfig(input: unknown, configPath: string, defaultDataDir: string): KioskConfig {
  const result = kioskConfigSchema.safeParse(input);
  if (!result.success) throw new ConfigError(configPath, result.error.issues.map(describeIssue));
  const c = result.data;
  return {
    serverUrl: c.serverUrl,
    serverCertificateSha256: c.serverCertificateSha256 ?? null,
    allowInsecureHttp: c.allowInsecureHttp,
    deviceKey: c.deviceKey,
    displayDeviceKey: c.displayDeviceKey ?? null,
    role: c.role,
    displayMonitor: c.displayMonitor,
    printer: c.printer ?? null,
    language: c.language,
    idleSeconds: c.idleSeconds,
    printTimeoutMs: c.printTimeoutMs,
    dataDir: c.dataDir ?? defaultDataDir,
    cardReader: c.cardReader ?? null,
  };
}

/** `--config=<path>` wins over the environment variable, which wins over `<userData>/kiosk-config.json`. */
export function resolveConfigPath(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  userDataDir: string,
): string {
  const flag = argv.find((arg) => arg.startsWith('--config='));
  const fromFlag = flag?.slice('--config='.length).trim();
  if (fromFlag) return fromFlag;
  const fromEnv = env[CONFIG_ENV_VAR]?.trim();
  if (fromEnv) return fromEnv;
  return join(userDataDir, CONFIG_FILE_NAME);
}

const EXAMPLE = JSON.stringify(
  {
    serverUrl: 'http://192.168.1.10:3000',
    allowInsecureHttp: true,
    deviceKey: '<device key>',
    role: 'kiosk',
    printer: { interface: 'tcp://192.168.1.50:9100' },
  },
  null,
  2,
);

export interface LoadConfigOptions {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  userDataDir: string;
  readFile?: (path: string) => string;
}

/** Find, read and validate the config; throws ConfigError with a message a technician can act on. */
export function loadConfig(options: LoadConfigOptions): { config: KioskConfig; path: string } {
  const path = resolveConfigPath(options.argv, options.env, options.userDataDir);
  const read = options.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  let text: string;
  try {
    text = read(path);
  } catch (cause) {
    const notFound = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ConfigError(path, [
      {
        field: '',
        zh: notFound ? `找不到配置文件。请创建它，例如：\n${EXAMPLE}` : `无法读取配置文件：${String(cause)}`,
        en: notFound
          ? 'The configuration file does not exist. Create it (example above).'
          : 'Cannot read the file.',
      },
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, '')); // Windows Notepad saves UTF-8 with a BOM.
  } catch (cause) {
    throw new ConfigError(path, [
      {
        field: '',
        zh: `不是有效的 JSON：${(cause as Error).message}`,
        en: `not valid JSON: ${(cause as Error).message}`,
      },
    ]);
  }
  return { config: parseConfig(json, path, join(options.userDataDir, 'printed')), path };
}
