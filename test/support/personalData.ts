// Personal data for privacy tests: sample people (with valid resident ID numbers), a helper that
// registers them as home visits through the real server, and a byte scan of files (database, WAL,
// backups, logs) for any of their details in the clear.
import fs from 'node:fs';
import { checkCharacter } from '@hall/shared/idNumber';
import type { HomeVisit } from '@hall/shared/contracts/admin';
import type { Result } from '@hall/shared/contracts/errors';
import { connectClient, emitAck, login, type ConnectedClient } from './clients';
import type { TestServer } from './testServer';

const withCheck = (first17: string) => first17 + checkCharacter(first17);

export interface Person {
  name: string;
  phone: string;
  address: string;
  idNumber: string;
  notes: string;
}

/** Unusual enough that finding one in a file can only mean it leaked there. */
export const PEOPLE: Person[] = [
  {
    name: '杨秀英',
    phone: '13812345671',
    address: '广东省茂名市茂南区油城五路88号3栋502',
    idNumber: withCheck('44090219480315241'),
    notes: '卧床，需轮椅；女儿杨丽陪同',
  },
  {
    name: '谭国华',
    phone: '13987654329',
    address: '茂名市电白区水东镇海滨二路17号',
    idNumber: withCheck('44090419500722361'),
    notes: '听力不好，请先打电话给儿子',
  },
  {
    name: '陈桂兰',
    phone: '0668-2765431',
    address: '高州市石仔岭街道文明路9号',
    idNumber: withCheck('44098119420101152'),
    notes: '独居老人',
  },
];

/** Every detail of a person that must never appear in the clear (with the phone's digits alone). */
export function secretsOf(p: Person): string[] {
  return [
    p.name,
    p.phone,
    p.phone.replace(/\D/g, ''),
    p.address,
    p.idNumber,
    p.notes,
    p.idNumber.slice(0, 14),
  ];
}

export function data<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

export async function connectAdmin(server: Pick<TestServer, 'url' | 'credentials'>): Promise<{
  client: ConnectedClient;
  token: string;
}> {
  const session = await login(server.url, 'admin', server.credentials.admin.password);
  const client = await connectClient(server.url, { role: 'admin', sessionToken: session.token });
  return { client, token: session.token };
}

export function registerVisit(
  admin: ConnectedClient,
  person: Person,
  extra: { serviceId?: number; requestedDate?: string } = {},
): Promise<HomeVisit> {
  return emitAck<HomeVisit>(admin.socket, 'homeVisit:create', {
    personName: person.name,
    idNumber: person.idNumber,
    phone: person.phone,
    address: person.address,
    serviceId: extra.serviceId ?? admin.snapshot.services[0]!.id,
    reason: 'bedridden',
    requestedDate: extra.requestedDate ?? '2026-05-06',
    notes: person.notes,
  }).then(data);
}

/** Which of `needles` occur (as UTF-8 bytes) in which of `files`; missing files are skipped. */
export function findInFiles(files: string[], needles: string[]): { file: string; needle: string }[] {
  const found: { file: string; needle: string }[] = [];
  for (const file of files) {
    if (!fs.existsSync(file)) continue;
    const bytes = fs.readFileSync(file);
    for (const needle of needles) {
      if (bytes.includes(Buffer.from(needle, 'utf8'))) found.push({ file, needle });
    }
  }
  return found;
}

export const databaseFiles = (dbFile: string): string[] => [dbFile, `${dbFile}-wal`, `${dbFile}-shm`];
