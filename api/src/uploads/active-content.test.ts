import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { activeContentIn, activeContentInFile, endsAsZip } from './active-content';
import type { Sniffed } from './sniff';

const PNG: Sniffed = { mimeType: 'image/png', extension: 'png', family: 'image' };
const OGG: Sniffed = { mimeType: 'audio/ogg', extension: 'ogg', family: 'audio' };
const PDF: Sniffed = { mimeType: 'application/pdf', extension: 'pdf', family: 'document' };
const DOCX: Sniffed = { mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx', family: 'document' };
const ZIP_END = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(16).fill(0), 0, 0]);

describe('polyglot content', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'parley-polyglot-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('finds markup anywhere in an image or audio file, in any case', () => {
    for (const markup of ['<script>alert(1)</script>', '<SVG onload=alert(1)>', '<html>', '<!DOCTYPE html>', '<iframe src=x>', '<a href="javascript:alert(1)">', '<body/onload=x>']) {
      assert.match(activeContentIn(`\x89PNG....tEXt${markup}IEND`, PNG) ?? '', /^file: this image also carries markup/, markup);
    }
    assert.match(activeContentIn('OggS..ARTIST=<script>', OGG) ?? '', /^file: this audio/);
  });

  it('lets plain images, XMP metadata and near misses through', () => {
    assert.equal(activeContentIn('\x89PNG\r\n<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>', PNG), undefined);
    assert.equal(activeContentIn('\x89PNG <svgx <scripture a<b', PNG), undefined);
    // Markup in an office document or a PDF's text is not served inline and not looked for.
    assert.equal(activeContentIn('PK <script>', DOCX), undefined);
    assert.equal(activeContentIn('%PDF-1.4 (<script>)', PDF), undefined);
  });

  it('finds JavaScript, launch and embedded-file actions in a PDF, escaped names too', () => {
    for (const action of ['/S /JavaScript /JS (app.alert(1))', '/OpenAction << /S /J#61vaScript >>', '/S /Launch /F (cmd.exe)', '/Type /EmbeddedFile', '/RichMedia']) {
      assert.match(activeContentIn(`%PDF-1.4\n1 0 obj << ${action} >>`, PDF) ?? '', /^file: this PDF carries an active/, action);
    }
    assert.equal(activeContentIn('%PDF-1.4\n<< /Type /Catalog /Pages 2 0 R >> (JavaScript is a language) /JavaScriptish', PDF), undefined);
  });

  it('recognises a file that ends as a ZIP archive only by a whole end record', () => {
    assert.equal(endsAsZip(Buffer.concat([Buffer.from('GIF89a....'), ZIP_END])), true);
    const comment = Buffer.from('a comment');
    const withComment = Buffer.from(ZIP_END);
    withComment.writeUInt16LE(comment.length, 20);
    assert.equal(endsAsZip(Buffer.concat([Buffer.from('GIF89a'), withComment, comment])), true);
    assert.equal(endsAsZip(Buffer.concat([Buffer.from('GIF89a'), ZIP_END, Buffer.from('more')])), false);
    assert.equal(endsAsZip(Buffer.from('GIF89a PK\x05\x06 only the signature')), false);
  });

  it('scans a stored file in chunks without missing markup cut by a chunk border, and a ZIP at its end', async () => {
    const big = path.join(dir, 'big.png');
    const border = 1024 * 1024;
    const bytes = Buffer.alloc(border + 4096, 0x41);
    bytes.write('<script>', border - 4, 'latin1');
    writeFileSync(big, bytes);
    assert.match((await activeContentInFile(big, PNG)) ?? '', /markup \(<script>\)/);

    const gifar = path.join(dir, 'gifar.gif');
    writeFileSync(gifar, Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(border + 10, 1), ZIP_END]));
    assert.match((await activeContentInFile(gifar, { mimeType: 'image/gif', extension: 'gif', family: 'image' })) ?? '', /ZIP archive/);
    const plain = path.join(dir, 'plain.png');
    writeFileSync(plain, Buffer.alloc(border * 2, 0x42));
    assert.equal(await activeContentInFile(plain, PNG), undefined);
    // An office document is itself a ZIP: not refused for it.
    assert.equal(await activeContentInFile(gifar, DOCX), undefined);
  });
});
