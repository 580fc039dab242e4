// Downloads the report CSV: the endpoint needs the session token in an Authorization header, which
// a plain link cannot send, so fetch it and save the blob under the server's file name.
export interface CsvQuery {
  from: string;
  to: string;
  hallId: number | null;
}

export function csvUrl(query: CsvQuery): string {
  const params = new URLSearchParams({ from: query.from, to: query.to });
  if (query.hallId !== null) params.set('hallId', String(query.hallId));
  return `/api/admin/report.csv?${params.toString()}`;
}

/** The file name from Content-Disposition, or a sensible default. */
export function fileNameFrom(disposition: string | null, query: CsvQuery): string {
  const match = /filename="([^"]+)"/.exec(disposition ?? '');
  return match?.[1] ?? `report-${query.from}-${query.to}.csv`;
}

export type CsvOutcome = { ok: true } | { ok: false; code: string; zh: string; en: string };

export async function downloadCsv(query: CsvQuery, token: string): Promise<CsvOutcome> {
  let response: Response;
  try {
    response = await fetch(csvUrl(query), { headers: { Authorization: `Bearer ${token}` } });
  } catch {
    return {
      ok: false,
      code: 'NETWORK',
      zh: '无法连接服务器，请检查网络',
      en: 'Cannot reach the server; check the network',
    };
  }
  if (!response.ok) {
    try {
      const body = (await response.json()) as { error?: { code: string; zh: string; en: string } };
      if (body.error) return { ok: false, ...body.error };
    } catch {
      // fall through to the generic words
    }
    return { ok: false, code: 'INTERNAL', zh: '下载失败', en: 'Download failed' };
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameFrom(response.headers.get('content-disposition'), query);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { ok: true };
}
