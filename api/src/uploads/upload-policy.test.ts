import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { uploadRefusal } from './upload-policy';

describe('upload policy', () => {
  it('refuses customers’ files and voice notes when the campaign has media off, naming the setting', () => {
    assert.match(uploadRefusal('visitor', { mediaEnabled: false }) ?? '', /mediaEnabled/);
    assert.equal(uploadRefusal('visitor', { mediaEnabled: true }), undefined);
  });

  it('lets agents send files whatever the setting', () => {
    assert.equal(uploadRefusal('staff', { mediaEnabled: false }), undefined);
    assert.equal(uploadRefusal('staff', { mediaEnabled: true }), undefined);
  });
});
