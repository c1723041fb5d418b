import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crc32, zip } from './zip';

describe('zip', () => {
  it('computes the standard CRC-32', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
  });

  it('writes local headers, a central directory and its end record', () => {
    const archive = zip(new Map([['a/b.txt', 'hello']]), new Date('2026-11-26T10:00:00Z'));
    assert.equal(archive.readUInt32LE(0), 0x04034b50);
    assert.equal(archive.subarray(30, 37).toString(), 'a/b.txt');
    assert.equal(archive.subarray(37, 42).toString(), 'hello');
    const end = archive.length - 22;
    assert.equal(archive.readUInt32LE(end), 0x06054b50);
    assert.equal(archive.readUInt16LE(end + 10), 1);
    assert.equal(archive.readUInt32LE(archive.readUInt32LE(end + 16)), 0x02014b50);
  });
});
