import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from '../browser';
import type { NetworkNamespace } from './network-namespace';

export interface MediaBrowserOptions {
  /**
   * Origins (`http://host:port`) to treat as secure contexts: they are reached over plain HTTP on the
   * veth address, and camera, microphone and screen capture need a secure context.
   */
  secureOrigins: string[];
  /** More Chromium flags, e.g. a fake screen's kind. */
  flags?: string[];
}

/**
 * Headless Chromium inside the namespace, with a fake camera, microphone and screen and no permission
 * prompts. Its only network besides loopback is the namespace's veth, and its ICE candidates carry real
 * addresses (no mDNS names, which Janus would not resolve), so media flows only between the veth ends.
 * Every page records the RTCPeerConnections it creates (see `receivedMedia`).
 */
export async function launchMediaChromium(namespace: NetworkNamespace, options: MediaBrowserOptions): Promise<Browser> {
  const folder = mkdtempSync(path.join(tmpdir(), 'parley-media-browser-'));
  const executable = path.join(folder, 'chromium-in-namespace');
  // `ip netns exec` execs in place, so Playwright's process is Chromium's and closing the browser ends it.
  writeFileSync(executable, `#!/bin/sh\nexec ${namespace.ip} netns exec ${namespace.name} ${CHROMIUM} "$@"\n`);
  chmodSync(executable, 0o755);
  try {
    const browser = await chromium.launch({
      executablePath: executable,
      headless: true,
      args: [
        ...CHROMIUM_FLAGS,
        '--disable-features=WebRtcHideLocalIpsWithMdns',
        `--unsafely-treat-insecure-origin-as-secure=${options.secureOrigins.join(',')}`,
        ...(options.flags ?? []),
      ],
    });
    browser.once('disconnected', () => rmSync(folder, { recursive: true, force: true }));
    await recordPeerConnections(browser);
    return browser;
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

/** What one page's peer connections received, summed over its live connections in every frame. */
export interface ReceivedMedia {
  connections: number;
  /** inbound-rtp bytesReceived per kind. */
  audioBytes: number;
  videoBytes: number;
  /** The addresses of the candidate pair each connected connection uses. */
  routes: { local: string; remote: string }[];
}

const RECORDED = '__recordedPeerConnections';

/** Makes every page in `target` (a browser's future contexts, a context or a page) record its peer connections. */
export async function recordPeerConnections(target: Browser | BrowserContext | Page): Promise<void> {
  if ('newContext' in target) {
    // Contexts made later: wrap newContext so each gets the init script before its first page.
    const newContext = target.newContext.bind(target);
    target.newContext = async (...args) => {
      const context = await newContext(...args);
      await recordPeerConnections(context);
      return context;
    };
    return;
  }
  await target.addInitScript((key: string) => {
    const scope = window as unknown as Record<string, unknown> & { RTCPeerConnection?: typeof RTCPeerConnection };
    const Native = scope.RTCPeerConnection;
    if (!Native || scope[key]) return;
    const connections: RTCPeerConnection[] = [];
    Object.defineProperty(scope, key, { value: connections });
    // A Proxy keeps the constructor's name, prototype and statics, so page code (adapter.js, janus.js) sees no difference.
    scope.RTCPeerConnection = new Proxy(Native, {
      construct(target, args, newTarget) {
        const connection = Reflect.construct(target, args, newTarget) as RTCPeerConnection;
        connections.push(connection);
        return connection;
      },
    });
  }, RECORDED);
}

/** Reads `getStats()` of every peer connection the page (including its frames) created and has not closed. */
export async function receivedMedia(page: Page): Promise<ReceivedMedia> {
  const total: ReceivedMedia = { connections: 0, audioBytes: 0, videoBytes: 0, routes: [] };
  for (const frame of page.frames()) {
    const media = await frame.evaluate(readStats, RECORDED).catch(() => undefined);
    if (!media) continue;
    total.connections += media.connections;
    total.audioBytes += media.audioBytes;
    total.videoBytes += media.videoBytes;
    total.routes.push(...media.routes);
  }
  return total;
}

/** Waits until the page has received audio and/or video bytes over its peer connections; answers the stats then. */
export async function waitForReceivedMedia(page: Page, kinds: { audio: boolean; video: boolean }, timeoutMs = 20_000): Promise<ReceivedMedia> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const media = await receivedMedia(page);
    if ((!kinds.audio || media.audioBytes > 0) && (!kinds.video || media.videoBytes > 0)) return media;
    if (Date.now() > deadline) throw new Error(`timed out waiting for received ${kinds.audio ? 'audio ' : ''}${kinds.video ? 'video ' : ''}bytes; last stats ${JSON.stringify(media)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Runs in the page. */
async function readStats(key: string): Promise<ReceivedMedia> {
  const connections = ((window as unknown as Record<string, unknown>)[key] as RTCPeerConnection[] | undefined) ?? [];
  const media: ReceivedMedia = { connections: 0, audioBytes: 0, videoBytes: 0, routes: [] };
  for (const connection of connections) {
    if (connection.connectionState === 'closed') continue;
    media.connections++;
    const reports = new Map<string, Record<string, unknown>>();
    (await connection.getStats()).forEach((report: Record<string, unknown>) => reports.set(report.id as string, report));
    for (const report of reports.values()) {
      if (report.type === 'inbound-rtp' && report.kind === 'audio') media.audioBytes += Number(report.bytesReceived ?? 0);
      if (report.type === 'inbound-rtp' && report.kind === 'video') media.videoBytes += Number(report.bytesReceived ?? 0);
      if (report.type === 'transport' && typeof report.selectedCandidatePairId === 'string') {
        const pair = reports.get(report.selectedCandidatePairId);
        const local = reports.get(String(pair?.localCandidateId));
        const remote = reports.get(String(pair?.remoteCandidateId));
        if (local && remote) media.routes.push({ local: String(local.address ?? local.ip), remote: String(remote.address ?? remote.ip) });
      }
    }
  }
  return media;
}
