import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { safeFileName, sniff } from './sniff';

const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('file type sniffing', () => {
  it('recognises allowed kinds by their bytes', () => {
    assert.equal(sniff(bytes([0x89], 'PNG\r\n'), 'x.bin')?.mimeType, 'image/png');
    assert.equal(sniff(bytes([0xff, 0xd8, 0xff, 0xe0]), 'a')?.mimeType, 'image/jpeg');
    assert.equal(sniff(bytes('%PDF-1.7'), 'report.txt')?.mimeType, 'application/pdf');
    assert.equal(sniff(bytes('OggS', [0, 2]), 'note')?.family, 'audio');
    assert.equal(sniff(bytes([0x1a, 0x45, 0xdf, 0xa3]), 'note.webm')?.mimeType, 'audio/webm');
    assert.equal(sniff(bytes('RIFF', [0, 0, 0, 0], 'WAVE'), 'a')?.mimeType, 'audio/wav');
    assert.equal(sniff(bytes('PK', [3, 4]), 'offer.docx')?.extension, 'docx');
  });

  it('refuses what is not on the list, whatever its name says', () => {
    assert.equal(sniff(bytes('<html><script>'), 'cat.png'), undefined);
    assert.equal(sniff(bytes('MZ', [0x90, 0]), 'invoice.pdf'), undefined);
    assert.equal(sniff(bytes('PK', [3, 4]), 'archive.zip'), undefined);
    assert.equal(sniff(bytes('<svg xmlns="http://www.w3.org/2000/svg">'), 'logo.svg'), undefined);
  });

  it('makes display names safe and gives them the real extension', () => {
    assert.equal(safeFileName('../../etc/passwd', 'pdf'), 'passwd.pdf');
    assert.equal(safeFileName('C:\\Users\\me\\photo.exe', 'png'), 'photo.png');
    assert.equal(safeFileName('a"b\r\nc.pdf', 'pdf'), 'abc.pdf');
    assert.equal(safeFileName('', 'ogg'), 'file.ogg');
  });
});
