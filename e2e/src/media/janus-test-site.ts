import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { Page } from 'playwright-core';

/**
 * A page that loads janus.js the way the apps do (the package's ES module with webrtc-adapter),
 * served over HTTP on an address the namespaced browser reaches; `window.Janus` is ready once
 * `window.janusLoaded` is true.
 */
export interface JanusTestSite {
  readonly url: string;
  stop(): Promise<void>;
}

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Janus test page</title></head>
<body>
<main><h1>Janus test page</h1><video id="remote" autoplay playsinline muted aria-label="Echo"></video></main>
<script src="/adapter.js"></script>
<script type="module">
  import Janus from '/janus.js';
  window.Janus = Janus;
  window.janusLoaded = true;
</script>
</body>
</html>
`;

export async function startJanusTestSite(address: string): Promise<JanusTestSite> {
  const files: Record<string, { type: string; body: string | Buffer }> = {
    '/': { type: 'text/html; charset=utf-8', body: PAGE },
    // The UMD build defines window.adapter; janus.js takes it through its dependencies.
    '/adapter.js': { type: 'text/javascript', body: readFileSync(require.resolve('webrtc-adapter/out/adapter.js')) },
    '/janus.js': { type: 'text/javascript', body: readFileSync(require.resolve('janus-gateway/npm/dist/janus.es.js')) },
  };
  const server: Server = createServer((request, response) => {
    const file = files[new URL(request.url ?? '/', 'http://site').pathname];
    if (!file) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  const bound = server.address();
  const port = typeof bound === 'object' && bound ? bound.port : 0;
  return {
    url: `http://${address}:${port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Where the echoed video comes from: the fake camera, or a fake screen through getDisplayMedia. */
export type EchoSource = 'camera' | 'screen';

/**
 * Starts an EchoTest call in the page (janus.js against `server`, sending the fake microphone and
 * `source`, receiving both back) and resolves once the peer connection is up; the echoed stream
 * plays in the page's video element. Rejects with Janus' or the browser's error.
 */
export async function startEchoCall(page: Page, server: string, source: EchoSource, timeoutMs = 20_000): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { janusLoaded?: boolean }).janusLoaded === true, undefined, { timeout: timeoutMs });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the EchoTest call was not up within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([page.evaluate(echoCall, { server, source }), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs in the page: only what janus.js offers, typed as far as this call uses it. */
async function echoCall({ server, source }: { server: string; source: EchoSource }): Promise<void> {
  interface Jsep {
    type: string;
    sdp: string;
  }
  interface Handle {
    createOffer(options: { tracks: object[]; success(jsep: Jsep): void; error(error: unknown): void }): void;
    send(request: { message: object; jsep?: Jsep }): void;
    handleRemoteJsep(options: { jsep: Jsep }): void;
  }
  interface JanusClass {
    new (options: { server: string; success(): void; error(error: unknown): void }): { attach(options: object): void };
    init(options: { debug: boolean; dependencies: unknown; callback(): void }): void;
    useDefaultDependencies(dependencies: { adapter: unknown }): unknown;
  }
  const scope = window as unknown as { Janus: JanusClass; adapter: unknown };
  const Janus = scope.Janus;
  await new Promise<void>((resolve) => Janus.init({ debug: false, dependencies: Janus.useDefaultDependencies({ adapter: scope.adapter }), callback: resolve }));
  const video = document.querySelector('video') as HTMLVideoElement;
  const remote = new MediaStream();
  video.srcObject = remote;
  await new Promise<void>((resolve, reject) => {
    let handle: Handle | undefined;
    const rejectWith = (what: string) => (error: unknown) => reject(new Error(`${what}: ${typeof error === 'string' ? error : JSON.stringify(error)}`));
    const janus = new Janus({
      server,
      error: rejectWith('Janus session'),
      success: () =>
        janus.attach({
          plugin: 'janus.plugin.echotest',
          error: rejectWith('attach to the EchoTest'),
          success: (attached: Handle) => {
            handle = attached;
            attached.createOffer({
              tracks: [
                { type: 'audio', capture: true, recv: true },
                { type: source === 'screen' ? 'screen' : 'video', capture: true, recv: true },
              ],
              success: (jsep) => attached.send({ message: { audio: true, video: true }, jsep }),
              error: rejectWith('offer'),
            });
          },
          onmessage: (message: { error?: string }, jsep?: Jsep) => {
            if (message.error) rejectWith('EchoTest')(message.error);
            if (jsep) handle?.handleRemoteJsep({ jsep });
          },
          onremotetrack: (track: MediaStreamTrack, _mid: string, on: boolean) => {
            if (on) remote.addTrack(track);
            else remote.removeTrack(track);
          },
          webrtcState: (up: boolean, reason?: string) => (up ? resolve() : rejectWith('peer connection down')(reason)),
        }),
    });
  });
}
