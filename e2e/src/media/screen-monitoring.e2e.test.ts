import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { login, ok } from '@parley/api/testing/graphql-client';
import type { Page } from 'playwright-core';
import { screenshot } from '../browser';
import { until } from '../stack';
import { waitForReceivedMedia } from './media-browser';
import { assertOnVethOnly, availableAgent, consolePage, kilobytes, noMediaLeft, startMediaStack, stillReceiving, type MediaStack } from './media-stack';

interface AuditEvent {
  action: string;
  actor: { name: string } | null;
  subjectType: string;
  subjectId: string | null;
  changes: string[];
}

/**
 * A supervisor watches an agent's screen live: the agent's console shares its (fake) screen
 * without being asked, tells the agent who is watching, and every session is in the audit log.
 */
describe('screen monitoring: a supervisor watches an agent’s fake screen', () => {
  let stack: MediaStack;
  let agentPage: Page;
  let supervisorPage: Page;

  before(async () => {
    stack = await startMediaStack();
    agentPage = await availableAgent(stack);
    supervisorPage = await consolePage(stack, 'supervisor@parley.local', 'parley-supervisor', '/dashboard');
  });

  after(async () => {
    await stack?.stop();
  });

  it('the supervisor sees the screen live, the agent sees the banner, and stopping ends both', async () => {
    await supervisorPage.getByRole('button', { name: 'Screen monitoring of Alex Agent' }).click();
    await supervisorPage.getByRole('heading', { name: 'Screen of Alex Agent' }).waitFor();
    const banner = agentPage.getByRole('status').filter({ hasText: 'Your screen is being monitored by Sam Supervisor' });
    await banner.waitFor();

    const watched = await waitForReceivedMedia(supervisorPage, { audio: false, video: true }, 30_000);
    assertOnVethOnly(stack.namespace, watched);
    const later = await stillReceiving(supervisorPage, watched, { audio: false, video: true });
    assert.equal(later.audioBytes, 0, 'a screen, no sound');
    console.log(`received by the supervisor: video ${kilobytes(later.videoBytes)} over ${later.connections} connection(s)`);
    const screen = await supervisorPage.getByLabel('Screen of Alex Agent', { exact: true }).and(supervisorPage.locator('video')).elementHandle();
    await supervisorPage.waitForFunction((video) => video instanceof HTMLVideoElement && video.videoWidth > 0 && video.currentTime > 0, screen);
    await screenshot(supervisorPage, 'media-supervisor-screen');
    await screenshot(agentPage, 'media-agent-monitored');

    await supervisorPage.getByRole('button', { name: 'Stop monitoring' }).click();
    await banner.waitFor({ state: 'detached' });
    await supervisorPage.getByRole('heading', { name: 'Screen of Alex Agent' }).waitFor({ state: 'detached' });
    await noMediaLeft(supervisorPage, "the supervisor's dashboard");
    await noMediaLeft(agentPage, "the agent's console");
  });

  it('the audit log has the session’s start and end, by the supervisor, on the agent', async () => {
    const agentToken = await login(stack.api.url, 'agent1@parley.local', 'parley-agent');
    const alexId = (await ok<{ me: { id: string } }>(stack.api.url, '{ me { id } }', {}, { token: agentToken })).me.id;
    const events = await until('the monitoring in the audit log', async () => {
      const { auditLog } = await ok<{ auditLog: AuditEvent[] }>(stack.api.url, '{ auditLog(first: 50) { action actor { name } subjectType subjectId changes } }', {}, { token: stack.admin });
      const monitoring = auditLog.filter((event) => event.action.startsWith('SCREEN_MONITORING_'));
      return monitoring.some((event) => event.action === 'SCREEN_MONITORING_ENDED') && monitoring;
    });
    const started = events.find((event) => event.action === 'SCREEN_MONITORING_STARTED');
    const ended = events.find((event) => event.action === 'SCREEN_MONITORING_ENDED');
    assert.equal(events.length, 2, JSON.stringify(events));
    for (const event of [started, ended]) {
      assert.deepEqual([event?.actor?.name, event?.subjectType, event?.subjectId], ['Sam Supervisor', 'agent', alexId]);
    }
    assert.deepEqual(ended?.changes, ['STOPPED'], 'ended because the supervisor stopped it');
  });
});
