import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cannedMatches, replaceRange, slashQuery } from './canned';

const responses = [
  { id: '1', shortcut: 'hello', text: 'Hello! How can I help?' },
  { id: '2', shortcut: 'bye', text: 'Thanks, bye!' },
  { id: '3', shortcut: 'shell', text: 'Shell text' },
];

describe('canned responses', () => {
  it('finds the /word being typed at the caret', () => {
    assert.deepEqual(slashQuery('/he', 3), { start: 0, query: 'he' });
    assert.deepEqual(slashQuery('Hi /BY', 6), { start: 3, query: 'by' });
    assert.deepEqual(slashQuery('/', 1), { start: 0, query: '' });
    assert.equal(slashQuery('and/or', 6), null);
    assert.equal(slashQuery('/hello there', 12), null);
  });

  it('lists shortcuts that start with the query before those that contain it', () => {
    assert.deepEqual(cannedMatches(responses, 'he').map((r) => r.shortcut), ['hello', 'shell']);
    assert.deepEqual(cannedMatches(responses, '').map((r) => r.shortcut), ['hello', 'bye', 'shell']);
    assert.deepEqual(cannedMatches(responses, 'zz'), []);
  });

  it('replaces the /word with the response text and puts the caret after it', () => {
    assert.deepEqual(replaceRange('Hi /he', 3, 6, 'Hello!'), { text: 'Hi Hello!', caret: 9 });
  });
});
