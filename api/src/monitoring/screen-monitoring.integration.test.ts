import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { queryDatabase } from '../testing/api-process';
import { codeOf, data, type MediaJoinView } from '../testing/call-fixtures';
import { conversationApi, type Agent } from '../testing/conversation-fixtures';
import { graphql, ok, subscribe, wsClient } from '../testing/graphql-client';
import { janusAdminOf } from '../testing/janus-admin';
import { JanusSocket } from '../testing/janus-socket';
import { untilListening, waitFor } from '../testing/wait-for';

const FIELDS = 'id state endReason startedAt endedAt agent { id } supervisor { id }';
const START = `mutation($a: ID!) { startScreenMonitoring(agentId: $a) { ${FIELDS} } }`;
const STOP = `mutation($id: ID!) { stopScreenMonitoring(id: $id) { ${FIELDS} } }`;
const JOIN = 'mutation($id: ID!) { joinScreenMonitoring(id: $id) { url room token display iceServers } }';
const ACTIVE = `{ activeScreenMonitorings { ${FIELDS} } }`;
const AUDIT = '{ auditLog(first: 50) { actor { id } action subjectType subjectId changes } }';

interface Monitoring {
  id: string;
  state: 'STARTING' | 'LIVE' | 'ENDED';
  endReason: string | null;
  endedAt: string | null;
  agent: { id: string };
  supervisor: { id: string };
}

describe('screen monitoring: a supervisor watches an agent, and the audit log keeps every session', () => {
  const stack = conversationApi({}, { media: true });
  const call = <T>(token: string | undefined, query: string, variables: Record<string, unknown> = {}) => graphql<T>(stack.api.url, query, variables, { token });
  const start = async (supervisor: Agent, agent: Agent) => data(await call<{ startScreenMonitoring: Monitoring }>(supervisor.token, START, { a: agent.id })).startScreenMonitoring;
  const join = async (who: Agent, id: string) => data(await call<{ joinScreenMonitoring: MediaJoinView }>(who.token, JOIN, { id })).joinScreenMonitoring;
  const active = async (who: Agent) => data(await call<{ activeScreenMonitorings: Monitoring[] }>(who.token, ACTIVE)).activeScreenMonitorings;
  const audit = async () => (await ok<{ auditLog: { actor: { id: string } | null; action: string; subjectType: string; subjectId: string; changes: string[] }[] }>(stack.api.url, AUDIT, {}, { token: stack.fx.admin })).auditLog;
  const ended = (id: string) =>
    waitFor('the monitoring to end', async () => {
      const [row] = await queryDatabase<{ state: string; end_reason: string | null }>(stack.databaseUrl, 'select state, end_reason from screen_monitorings where id = $1', [id]);
      return row?.state === 'ENDED' ? row.end_reason : undefined;
    });

  async function signedInAgent(): Promise<Agent> {
    const agent = await stack.fx.agent([]);
    await stack.fx.setState(agent, 'AVAILABLE');
    return agent;
  }

  it('starts, tells the agent, goes live when the agent shares, and stops with both entries in the audit log', async () => {
    const [agent, supervisor, other] = [await signedInAgent(), await stack.fx.agent([], 0, 'SUPERVISOR'), await stack.fx.agent([], 0, 'SUPERVISOR')];
    const socket = wsClient(stack.api.url, agent.token);
    const updates = subscribe<{ screenMonitoringUpdated: Monitoring }>(socket, `subscription { screenMonitoringUpdated { ${FIELDS} } }`);
    await untilListening(`SCREEN_MONITORING_UPDATED:${agent.id}`);

    const monitoring = await start(supervisor, agent);
    assert.deepEqual([monitoring.state, monitoring.agent.id, monitoring.supervisor.id], ['STARTING', agent.id, supervisor.id]);
    assert.equal((await start(supervisor, agent)).id, monitoring.id, 'asking again gives the same one');
    assert.equal((await updates.next()).data?.screenMonitoringUpdated.state, 'STARTING');
    assert.deepEqual((await active(agent)).map((m) => m.id), [monitoring.id]);
    assert.deepEqual((await active(supervisor)).map((m) => m.id), [monitoring.id]);
    assert.deepEqual(await active(other), []);

    const shared = await join(agent, monitoring.id);
    const watched = await join(supervisor, monitoring.id);
    assert.equal((await updates.next()).data?.screenMonitoringUpdated.state, 'LIVE');
    assert.equal(shared.room, watched.room);
    assert.notEqual(shared.token, watched.token);
    assert.equal(codeOf(await call(other.token, JOIN, { id: monitoring.id })), 'FORBIDDEN');
    assert.equal(codeOf(await call(stack.fx.admin, JOIN, { id: monitoring.id })), 'FORBIDDEN');
    assert.equal(codeOf(await call(other.token, STOP, { id: monitoring.id })), 'FORBIDDEN');
    assert.equal(codeOf(await call((await signedInAgent()).token, JOIN, { id: monitoring.id })), 'NOT_FOUND');

    // Only the supervisor's ticket and token join as the supervisor.
    const room = await JanusSocket.open(`${stack.api.url.replace(/^http/, 'ws')}${watched.url}`);
    const { session, handle } = await room.attachVideoRoom();
    assert.equal((await room.request({ janus: 'message', session_id: session, handle_id: handle, body: { request: 'join', ptype: 'publisher', token: shared.token } })).error?.code, 433);
    const joined = await room.videoRoom(session, handle, { request: 'join', ptype: 'publisher', token: watched.token, display: watched.display });
    assert.deepEqual([joined.videoroom, joined.id], ['joined', 'supervisor']);

    const stopped = data(await call<{ stopScreenMonitoring: Monitoring }>(supervisor.token, STOP, { id: monitoring.id })).stopScreenMonitoring;
    assert.deepEqual([stopped.state, stopped.endReason], ['ENDED', 'STOPPED']);
    assert.equal((await updates.next()).data?.screenMonitoringUpdated.state, 'ENDED');
    await room.next((frame) => frame.plugindata?.data?.videoroom === 'destroyed');
    await room.close();
    assert.equal(await janusAdminOf(stack.api.dataDir as string).roomExists(watched.room), false);
    assert.equal(codeOf(await call(agent.token, JOIN, { id: monitoring.id })), 'CONFLICT');
    assert.deepEqual(await active(agent), []);

    const entries = (await audit()).filter((entry) => entry.subjectId === agent.id && entry.subjectType === 'agent');
    assert.deepEqual(
      entries.map((entry) => [entry.action, entry.actor?.id, entry.subjectType, entry.changes]),
      [
        ['SCREEN_MONITORING_ENDED', supervisor.id, 'agent', ['STOPPED']],
        ['SCREEN_MONITORING_STARTED', supervisor.id, 'agent', []],
      ],
    );
    await socket.dispose();
  });

  it('ends when the agent is logged out, signs out, goes offline, or stops sharing', async () => {
    const supervisor = await stack.fx.agent([], 0, 'SUPERVISOR');
    const loggedOut = await signedInAgent();
    const first = await start(supervisor, loggedOut);
    await ok(stack.api.url, 'mutation($a: ID!) { logoutAgent(agentId: $a) { state } }', { a: loggedOut.id }, { token: supervisor.token });
    assert.equal(await ended(first.id), 'AGENT_SIGNED_OUT');
    assert.equal(codeOf(await call(supervisor.token, START, { a: loggedOut.id })), 'CONFLICT', 'an agent who is not signed in');

    const signingOut = await signedInAgent();
    const second = await start(supervisor, signingOut);
    await ok(stack.api.url, 'mutation { logout }', {}, { token: signingOut.token });
    assert.equal(await ended(second.id), 'AGENT_SIGNED_OUT');

    const goingOffline = await signedInAgent();
    const third = await start(supervisor, goingOffline);
    await stack.fx.setState(goingOffline, 'OFFLINE');
    assert.equal(await ended(third.id), 'AGENT_OFFLINE');

    const sharing = await signedInAgent();
    const fourth = await start(supervisor, sharing);
    assert.equal(data(await call<{ stopScreenMonitoring: Monitoring }>(sharing.token, STOP, { id: fourth.id })).stopScreenMonitoring.endReason, 'AGENT_STOPPED');
    const reasons = (await audit()).filter((entry) => entry.action === 'SCREEN_MONITORING_ENDED' && [first, second, third, fourth].some((m) => m.agent.id === entry.subjectId)).map((entry) => entry.changes[0]);
    assert.deepEqual(reasons.sort(), ['AGENT_OFFLINE', 'AGENT_SIGNED_OUT', 'AGENT_SIGNED_OUT', 'AGENT_STOPPED']);
  });

  it('ends when the supervisor leaves the room for 10 seconds', async () => {
    const [agent, supervisor] = [await signedInAgent(), await stack.fx.agent([], 0, 'SUPERVISOR')];
    const monitoring = await start(supervisor, agent);
    const sockets: JanusSocket[] = [];
    for (const who of [agent, supervisor]) {
      const ticket = await join(who, monitoring.id);
      const socket = await JanusSocket.open(`${stack.api.url.replace(/^http/, 'ws')}${ticket.url}`);
      const { session, handle } = await socket.attachVideoRoom();
      assert.equal((await socket.videoRoom(session, handle, { request: 'join', ptype: 'publisher', token: ticket.token, display: ticket.display })).videoroom, 'joined');
      sockets.push(socket);
    }
    await waitFor('the sweeper to see both', async () => {
      const [row] = await queryDatabase<{ media_seen: string[] }>(stack.databaseUrl, 'select media_seen from screen_monitorings where id = $1', [monitoring.id]);
      return row?.media_seen.length === 2 ? true : undefined;
    });
    await sockets[1]?.close();
    assert.equal(await ended(monitoring.id), 'SUPERVISOR_LEFT');
    await sockets[0]?.close();
  });

  it('is for supervisors and admins to start, on agents only', async () => {
    const agent = await signedInAgent();
    const supervisor = await stack.fx.agent([], 0, 'SUPERVISOR');
    assert.equal(codeOf(await call(agent.token, START, { a: agent.id })), 'FORBIDDEN');
    assert.equal(codeOf(await call(undefined, START, { a: agent.id })), 'UNAUTHENTICATED');
    assert.equal(codeOf(await call(stack.fx.admin, START, { a: supervisor.id })), 'NOT_FOUND');
    const byAdmin = data(await call<{ startScreenMonitoring: Monitoring }>(stack.fx.admin, START, { a: agent.id })).startScreenMonitoring;
    assert.equal(byAdmin.state, 'STARTING');
    assert.equal(data(await call<{ stopScreenMonitoring: Monitoring }>(stack.fx.admin, STOP, { id: byAdmin.id })).stopScreenMonitoring.endReason, 'STOPPED');
  });
});
