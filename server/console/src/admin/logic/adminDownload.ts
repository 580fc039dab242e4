// Downloads an admin file (CSV) that needs the session token in an Authorization header, which a
// plain link cannot send: fetch it, then save the blob under the server's file name. Refusals come
// back as the server's words (zh and en).
export type DownloadOutcome = { ok: true } | { ok: false; code: string; zh: string; en: string };

/** The file name from Content-Disposition, or the fallback. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  return /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? fallback;
}

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function downloadAdminFile(
  url: string,
  token: string,
  fallbackName: string,
): Promise<DownloadOutcome> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
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
  saveBlob(await response.blob(), fileNameFrom(response.headers.get('content-disposition'), fallbackName));
  return { ok: true };
}

/** A query string from the set values only. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
