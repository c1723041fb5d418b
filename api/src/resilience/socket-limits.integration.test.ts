import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { conversationApi } from '../testing/conversation-fixtures';
import { waitFor } from '../testing/wait-for';

/** What a raw graphql-ws socket saw: the first frame type the server sent, and the close code once closed. */
interface Seen {
  firstFrame?: string;
  closeCode?: number;
}

/** Opens `/graphql` by hand (the library client would never send what is tested here) and sends `frames` once it is open. */
function rawSocket(url: string, frames: string[]): { seen: Seen; socket: WebSocket } {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  const seen: Seen = {};
  socket.on('message', (data) => {
    seen.firstFrame ??= (JSON.parse(String(data)) as { type: string }).type;
  });
  socket.on('error', () => undefined);
  socket.once('close', (code) => {
    seen.closeCode = code;
  });
  socket.once('open', () => frames.forEach((frame) => socket.send(frame)));
  return { seen, socket };
}

const init = (padding: number) => JSON.stringify({ type: 'connection_init', payload: { padding: 'x'.repeat(padding) } });

/**
 * The graphql-ws socket's own limits: a frame larger than 256 KiB closes it
 * (1009, "message too big") before it is parsed, and a socket that never
 * says connection_init is closed (4408) instead of being held open.
 */
describe('graphql-ws socket limits', () => {
  const stack = conversationApi();

  it('closes a socket that sends a frame over 256 KiB, and takes one under it', async () => {
    const under = rawSocket(stack.api.url, [init(200 * 1024)]);
    assert.equal(await waitFor('the smaller frame to be answered', () => under.seen.firstFrame, 15_000), 'connection_ack');
    under.socket.close();
    const over = rawSocket(stack.api.url, [init(300 * 1024)]);
    assert.equal(await waitFor('the socket sending too big a frame to be closed', () => over.seen.closeCode, 15_000), 1009);
    assert.equal(over.seen.firstFrame, undefined, 'nothing answered to the oversized frame');
  });

  it('closes a socket that never sends connection_init', async () => {
    const idle = rawSocket(stack.api.url, []);
    assert.equal(await waitFor('the idle socket to be closed', () => idle.seen.closeCode, 15_000), 4408);
    assert.equal(idle.seen.firstFrame, undefined);
  });
});
