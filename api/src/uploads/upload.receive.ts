import { createWriteStream, type WriteStream } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import Busboy from 'busboy';

/** Names of files still being received; anything else in the uploads folder is a stored upload. */
export const TEMP_PREFIX = 'incoming-';

export interface ReceivedFile {
  /** The temporary file: the caller moves or removes it. */
  readonly temp: string;
  readonly name: string;
  size: number;
  tooLarge: boolean;
}

export interface ReceivedUpload {
  readonly fields: Record<string, string>;
  readonly file?: ReceivedFile;
}

/**
 * Streams a multipart body's one file to a temporary file under `dir`,
 * counting bytes and stopping past `maxBytes`. On an aborted request, a
 * malformed body or a failed write it rejects only after removing every
 * temporary file it made; once it resolves, `file.temp` is the caller's.
 */
export function receiveUpload(req: IncomingMessage, dir: string, maxBytes: number): Promise<ReceivedUpload> {
  return new Promise((resolve, reject) => {
    let busboy: Busboy.Busboy;
    try {
      busboy = Busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { files: 1, fields: 5, fieldSize: 200, fileSize: maxBytes } });
    } catch {
      reject(new Error('send multipart/form-data'));
      return;
    }
    const fields: Record<string, string> = {};
    const temps: { temp: string; out: WriteStream }[] = [];
    let file: ReceivedFile | undefined;
    let writing: Promise<void> = Promise.resolve();
    let failed = false;
    let received = false;

    const fail = (error: unknown) => {
      if (failed || received) return;
      failed = true;
      req.unpipe(busboy);
      busboy.destroy();
      void Promise.all(temps.map(removeTemp)).finally(() => reject(error instanceof Error ? error : new Error('malformed multipart body')));
    };

    busboy.on('field', (name, value) => (fields[name] = value));
    busboy.on('file', (_name, stream, info) => {
      if (failed) return void stream.resume();
      const temp = path.join(dir, `${TEMP_PREFIX}${randomBytes(12).toString('hex')}`);
      const out = createWriteStream(temp, { flags: 'wx' });
      temps.push({ temp, out });
      const current: ReceivedFile = { temp, name: info.filename ?? 'file', size: 0, tooLarge: false };
      file = current;
      stream.on('data', (chunk: Buffer) => (current.size += chunk.length));
      stream.on('limit', () => (current.tooLarge = true));
      // pipeline listens for errors on both sides: a file cut off by a malformed body must not crash the process.
      writing = pipeline(stream, out);
      writing.catch(fail);
    });
    busboy.on('error', fail);
    busboy.on('close', () => {
      if (failed) return;
      writing.then(() => {
        if (failed) return;
        received = true;
        resolve({ fields, file });
      }, fail);
    });
    req.on('error', fail);
    req.on('close', () => {
      if (!req.complete) fail(new Error('the upload was interrupted'));
    });
    req.pipe(busboy);
  });
}

/** Closes a temporary file's stream (waiting for its descriptor, so the file cannot reappear) and removes it. */
async function removeTemp({ temp, out }: { temp: string; out: WriteStream }): Promise<void> {
  if (!out.closed) {
    const closed = new Promise<void>((done) => out.once('close', () => done()));
    out.destroy();
    await closed;
  }
  await rm(temp, { force: true });
}

/**
 * Removes temporary files older than `olderThanMs`, left by a process that
 * died mid-upload. Younger ones may belong to another instance sharing DATA_DIR.
 */
export async function sweepStaleTemps(dir: string, now: Date, olderThanMs: number): Promise<number> {
  let removed = 0;
  for (const name of await readdir(dir)) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const full = path.join(dir, name);
    const info = await stat(full).catch(() => undefined);
    if (info && now.getTime() - info.mtimeMs > olderThanMs) {
      await rm(full, { force: true });
      removed += 1;
    }
  }
  return removed;
}
