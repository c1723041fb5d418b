import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChatTimeStatus } from './agent-activity.types';
import { chatTimeStatus } from './chat-time';

describe('chat time', () => {
  it('turns WARNING at the first limit and OVER_LIMIT at the second, each inclusive', () => {
    const limits = { chatTimeWarnSeconds: 300, chatTimeLimitSeconds: 600 };
    assert.deepEqual([0, 299, 300, 599, 600, 5000].map((s) => chatTimeStatus(s, limits)), [
      ChatTimeStatus.NORMAL,
      ChatTimeStatus.NORMAL,
      ChatTimeStatus.WARNING,
      ChatTimeStatus.WARNING,
      ChatTimeStatus.OVER_LIMIT,
      ChatTimeStatus.OVER_LIMIT,
    ]);
  });
});
