/** A download refused by the API, with its code and words. */
export class DownloadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Fetches a file with the staff token in the Authorization header (never a token in a URL) and
 * hands it to the browser as a download through a blob: link.
 */
export async function downloadFile(path: string, token: string | null, fileName: string): Promise<void> {
  const response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {}, cache: 'no-store' });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
    throw new DownloadError(response.status, body.error?.message ?? response.statusText);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file by then; the address would otherwise hold it in memory.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** "parley-recordings-2026-03-10.csv": the name with today's date, so downloads do not overwrite each other. */
export const datedFileName = (base: string, at: Date = new Date()): string =>
  `${base}-${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}.csv`;
