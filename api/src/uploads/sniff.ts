/**
 * What a file really is, read from its first bytes, never from its name or
 * the declared Content-Type. Only the allow-listed kinds are recognised.
 */
export interface Sniffed {
  mimeType: string;
  extension: string;
  family: 'image' | 'audio' | 'document';
}

const ascii = (bytes: Uint8Array, at: number, text: string) => text.split('').every((c, i) => bytes[at + i] === c.charCodeAt(0));
const OFFICE_ZIP: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
};
const OFFICE_OLE: Record<string, string> = { doc: 'application/msword', xls: 'application/vnd.ms-excel', ppt: 'application/vnd.ms-powerpoint' };

/** `head` is the file's first bytes (at least 16 when the file is that long); `name` only chooses among office formats sharing a container. */
export function sniff(head: Uint8Array, name: string): Sniffed | undefined {
  const extension = name.toLowerCase().split('.').pop() ?? '';
  if (head[0] === 0x89 && ascii(head, 1, 'PNG')) return { mimeType: 'image/png', extension: 'png', family: 'image' };
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return { mimeType: 'image/jpeg', extension: 'jpg', family: 'image' };
  if (ascii(head, 0, 'GIF87a') || ascii(head, 0, 'GIF89a')) return { mimeType: 'image/gif', extension: 'gif', family: 'image' };
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP')) return { mimeType: 'image/webp', extension: 'webp', family: 'image' };
  if (ascii(head, 0, '%PDF-')) return { mimeType: 'application/pdf', extension: 'pdf', family: 'document' };
  if (ascii(head, 0, 'OggS')) return { mimeType: 'audio/ogg', extension: 'ogg', family: 'audio' };
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return { mimeType: 'audio/webm', extension: 'webm', family: 'audio' };
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WAVE')) return { mimeType: 'audio/wav', extension: 'wav', family: 'audio' };
  if (ascii(head, 0, 'ID3') || (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0)) return { mimeType: 'audio/mpeg', extension: 'mp3', family: 'audio' };
  if (ascii(head, 4, 'ftypM4A') || ascii(head, 4, 'ftypmp42') || ascii(head, 4, 'ftypisom')) return { mimeType: 'audio/mp4', extension: 'm4a', family: 'audio' };
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04 && OFFICE_ZIP[extension]) {
    return { mimeType: OFFICE_ZIP[extension] as string, extension, family: 'document' };
  }
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0 && OFFICE_OLE[extension]) {
    return { mimeType: OFFICE_OLE[extension] as string, extension, family: 'document' };
  }
  return undefined;
}

/** A display name safe in headers and file systems: no paths, no control characters, bounded. */
export function safeFileName(raw: string, extension: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|:*?]+/g, '').trim().slice(0, 120);
  const stem = cleaned.replace(/\.[^.]*$/, '') || 'file';
  return `${stem}.${extension}`;
}
