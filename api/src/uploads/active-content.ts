import { createReadStream } from 'node:fs';
import type { Sniffed } from './sniff';

/**
 * Polyglots: a file whose first bytes are a real image, audio or PDF but
 * which also carries something another reader would run. An image or audio
 * file (served inline) must hold no HTML or SVG markup anywhere (a PNG text
 * chunk, a JPEG comment, bytes after IEND, an ID3 tag) and must not also be
 * a ZIP archive (a GIFAR, read as a JAR from its end); a PDF must name no
 * JavaScript, launch, embedded-file or rich-media action.
 *
 * Needles are long enough that compressed pixel or sound data matches them
 * by chance about once in 10^11 bytes. What hides in compressed streams
 * (a PDF object stream) is not seen here: the serving headers are the
 * second layer (sniffed type, nosniff, `sandbox`, attachment for documents).
 */
const MARKUP = /<(?:script|html|body|svg|iframe|object|embed|meta|link|form|style|math|frameset|base)[\s/>]|<!doctype|<\?xml-stylesheet|javascript:/i;
/** PDF names are case-sensitive; `#xx` escapes are decoded first (`/J#61vaScript` is `/JavaScript`). */
const PDF_ACTION = /\/(JavaScript|Launch|EmbeddedFile|RichMedia)(?![A-Za-z0-9])/;
/** Longest match a chunk border could cut, plus room for `#xx` escapes. */
const OVERLAP = 64;
/** A ZIP's end-of-central-directory record is in the last 22 bytes plus at most a 65,535-byte comment. */
const ZIP_TAIL = 22 + 65_535;

/** Why `text` (bytes as latin1, one char per byte) is refused as a polyglot of `type`, or undefined. */
export function activeContentIn(text: string, type: Sniffed): string | undefined {
  if (type.family === 'image' || type.family === 'audio') {
    const markup = MARKUP.exec(text);
    if (markup) return `file: this ${type.family} also carries markup (${markup[0].trim()}), which is refused`;
  }
  if (type.mimeType === 'application/pdf') {
    const action = PDF_ACTION.exec(text.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
    if (action) return `file: this PDF carries an active ${action[1]} entry, which is refused`;
  }
  return undefined;
}

/**
 * True when `tail`, a file's last bytes, ends with a ZIP end-of-central-directory
 * record whose comment length reaches exactly to the end: what a ZIP or JAR
 * reader looks for. Four random bytes alone would match too often to refuse on.
 */
export function endsAsZip(tail: Buffer): boolean {
  for (let at = tail.length - 22; at >= 0; at -= 1) {
    if (tail[at] === 0x50 && tail[at + 1] === 0x4b && tail[at + 2] === 0x05 && tail[at + 3] === 0x06 && tail.readUInt16LE(at + 20) === tail.length - at - 22) return true;
  }
  return false;
}

/** Scans the stored file at `file` in chunks (it may be up to UPLOAD_MAX_BYTES), stopping at the first finding. */
export async function activeContentInFile(file: string, type: Sniffed): Promise<string | undefined> {
  if (type.family === 'document' && type.mimeType !== 'application/pdf') return undefined;
  let carry = '';
  let tail = Buffer.alloc(0);
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    const window = carry + (chunk as Buffer).toString('latin1');
    const found = activeContentIn(window, type);
    if (found) return found;
    carry = window.slice(-OVERLAP);
    tail = Buffer.concat([tail, chunk as Buffer]);
    tail = tail.subarray(Math.max(0, tail.length - ZIP_TAIL));
  }
  if (type.family !== 'document' && endsAsZip(tail)) return `file: this ${type.family} is also a ZIP archive, which is refused`;
  return undefined;
}
