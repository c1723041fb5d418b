import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { correspondents, mergeStaffMessages, threadWith, unreadFrom, type StaffMessage } from './staff-chat';

const sam = { id: 'sam', name: 'Sam Supervisor' };
const alex = { id: 'alex', name: 'Alex Agent' };
const ada = { id: 'ada', name: 'Ada Admin' };
const message = (id: string, from: typeof sam, to: typeof sam, at: string, text = id): StaffMessage => ({ id, clientId: `c-${id}`, text, createdAt: `2026-03-10T10:00:${at}.000Z`, from, to });

describe('staff chat', () => {
  it('keeps each message once, oldest first, whatever order they arrive in', () => {
    const first = mergeStaffMessages([], [message('2', sam, alex, '05'), message('1', alex, sam, '01')]);
    assert.deepEqual(first.map((m) => m.id), ['1', '2']);
    const again = mergeStaffMessages(first, [message('2', sam, alex, '05')]);
    assert.equal(again, first, 'nothing new: the same list');
    assert.deepEqual(mergeStaffMessages(first, [message('3', alex, sam, '03'), message('3', alex, sam, '03')]).map((m) => m.id), ['1', '3', '2']);
  });

  it('counts what the other person wrote after my last reading', () => {
    const messages = [message('1', sam, alex, '01'), message('2', alex, sam, '02'), message('3', sam, alex, '03'), message('4', ada, alex, '04')];
    assert.equal(unreadFrom(messages, 'sam', undefined), 2);
    assert.equal(unreadFrom(messages, 'sam', '2026-03-10T10:00:01.000Z'), 1);
    assert.equal(unreadFrom(messages, 'sam', '2026-03-10T10:00:03.000Z'), 0);
    assert.equal(unreadFrom(messages, 'ada', undefined), 1);
    assert.deepEqual(threadWith(messages, 'sam').map((m) => m.id), ['1', '2', '3']);
  });

  it('lists the people I talk to, the latest first', () => {
    const messages = [message('1', sam, alex, '01'), message('2', ada, alex, '02'), message('3', alex, sam, '03')];
    assert.deepEqual(correspondents(messages, 'alex').map((p) => p.name), ['Sam Supervisor', 'Ada Admin']);
  });
});
