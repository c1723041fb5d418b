import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { queryDatabase } from '../testing/api-process';
import { activeCall, data, servedChat, type CallView, type MediaJoinView } from '../testing/call-fixtures';
import { conversationApi } from '../testing/conversation-fixtures';
import { janusAdminOf, janusEndpointOf } from '../testing/janus-admin';
import { JanusSocket } from '../testing/janus-socket';
import { waitFor } from '../testing/wait-for';
import { MediaKeys } from './media-keys';

describe('media rooms: Janus enforces access too, and the sweeper cleans up after crashes and departures', () => {
  const stack = conversationApi({}, { media: true });
  let admin: ReturnType<typeof janusAdminOf> | undefined;
  const janus = () => (admin ??= janusAdminOf(stack.api.dataDir as string));
  const keys = () => new MediaKeys(janusEndpointOf(stack.api.dataDir as string).apiSecret);
  const gone = (room: string) => waitFor(`room ${room} destroyed`, async () => ((await janus().roomExists(room)) ? undefined : true));
  const callState = async (chat: Awaited<ReturnType<typeof servedChat>>) => (await chat.staff.chat(chat.interactionId)).calls[0] as CallView;

  /** Joins a call's room through the API's /janus socket, as a publisher (what every participant does first). */
  async function joinRoom(join: MediaJoinView): Promise<JanusSocket> {
    const socket = await JanusSocket.open(`${stack.api.url.replace(/^http/, 'ws')}${join.url}`);
    const { session, handle } = await socket.attachVideoRoom();
    assert.equal((await socket.videoRoom(session, handle, { request: 'join', ptype: 'publisher', room: join.room, token: join.token, display: join.display })).videoroom, 'joined');
    return socket;
  }

  it('refuses, in Janus itself, a join without a token or with a wrong one, and a subscriber without a private_id of the room', async () => {
    const endpoint = janusEndpointOf(stack.api.dataDir as string);
    const chat = await servedChat(stack.fx);
    const { room } = data(await chat.customer.join((await activeCall(chat)).id)).joinCall;
    // Straight to Janus with the API's secret, past the proxy: the room the API made holds on its own.
    const direct = await JanusSocket.open(endpoint.wsUrl);
    const request = (frame: Record<string, unknown>) => direct.request({ ...frame, apisecret: endpoint.apiSecret });
    const session = (await request({ janus: 'create' })).data?.id as number;
    const handle = (await request({ janus: 'attach', session_id: session, plugin: 'janus.plugin.videoroom' })).data?.id as number;
    const join = async (body: Record<string, unknown>) => (await request({ janus: 'message', session_id: session, handle_id: handle, body })).plugindata?.data;
    assert.equal((await join({ request: 'join', ptype: 'publisher', room }))?.error_code, 433);
    assert.equal((await join({ request: 'join', ptype: 'publisher', room, token: 'guessed' }))?.error_code, 433);
    // A room with a publisher that sends (Janus' dummy one), made the way the API makes rooms: no private_id, no subscription.
    const probe = `call-${randomUUID()}`;
    const created = await join({ request: 'create', room: probe, admin_key: endpoint.adminKey, secret: keys().roomSecret(probe), allowed: ['t'], is_private: true, require_pvtid: true, dummy_publisher: true });
    assert.equal(created?.videoroom, 'created');
    const feed = ((await join({ request: 'listparticipants', room: probe }))?.participants as { id: string }[])[0]?.id;
    assert.equal((await join({ request: 'join', ptype: 'subscriber', room: probe, streams: [{ feed }] }))?.error_code, 433);
    assert.equal((await join({ request: 'join', ptype: 'subscriber', room: probe, private_id: 12345, streams: [{ feed }] }))?.error_code, 433);
    await janus().destroyRoom(probe, keys().roomSecret(probe));
    await direct.close();
  });

  it('destroys a parley room that no call or monitoring owns, and leaves rooms of others alone', async () => {
    const orphan = `call-${randomUUID()}`;
    const foreign = `other-${randomUUID()}`;
    await janus().createRoom({ room: orphan, description: `parley:call:${orphan.slice(5)}`, secret: keys().roomSecret(orphan), allowed: ['t'], publishers: 2 });
    await janus().createRoom({ room: foreign, description: 'somebody else', secret: 'their-secret', allowed: ['t'], publishers: 2 });
    await gone(orphan);
    assert.equal(await janus().roomExists(foreign), true);
    await janus().destroyRoom(foreign, 'their-secret');
  });

  it('ends an active call when a side has been gone from its room for 10 seconds', async () => {
    const chat = await servedChat(stack.fx);
    const call = await activeCall(chat);
    const customer = await joinRoom(data(await chat.customer.join(call.id)).joinCall);
    const agent = await joinRoom(data(await chat.staff.join(call.id)).joinCall);
    await waitFor('the sweeper to see both sides', async () => {
      const [row] = await queryDatabase<{ media_seen: string[] }>(stack.databaseUrl, 'select media_seen from calls where id = $1', [call.id]);
      return row?.media_seen.length === 2 ? true : undefined;
    });
    await agent.close();
    const ended = await waitFor('the call to end', async () => ((await callState(chat)).state === 'ENDED' ? callState(chat) : undefined));
    assert.equal(ended.endReason, 'DISCONNECTED');
    assert.match((await chat.customer.chat(chat.interactionId)).messages.at(-1)?.text ?? '', /^Video call ended \(0:[1-5]\d\)$/);
    await customer.next((frame) => frame.plugindata?.data?.videoroom === 'destroyed');
    await customer.close();
  });

  it('ends a call whose room is gone (the media server restarted)', async () => {
    const chat = await servedChat(stack.fx);
    const call = await activeCall(chat);
    const { room } = data(await chat.customer.join(call.id)).joinCall;
    await janus().destroyRoom(room, keys().roomSecret(room));
    const ended = await waitFor('the call to end', async () => ((await callState(chat)).state === 'ENDED' ? callState(chat) : undefined));
    assert.equal(ended.endReason, 'DISCONNECTED');
    admin?.close();
  });
});
