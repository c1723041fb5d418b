import { readFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { JanusClient } from '../media/janus-client';
import type { JanusEndpoint } from '../media/janus-process';

const setting = (text: string, name: string): string => {
  const match = new RegExp(`\\b${name} = "?([^"\\n]+)"?`).exec(text);
  if (!match?.[1]) throw new Error(`${name} not found in the Janus configuration`);
  return match[1];
};

/** The embedded Janus of an API, as its operator sees it: from the configuration it generated under DATA_DIR/janus. */
export function janusEndpointOf(dataDir: string): JanusEndpoint {
  const read = (name: string) => readFileSync(path.join(dataDir, 'janus', name), 'utf8');
  const http = read('janus.transport.http.jcfg');
  const ws = read('janus.transport.websockets.jcfg');
  return {
    url: `http://127.0.0.1:${setting(http, 'port')}/janus`,
    wsUrl: `ws://127.0.0.1:${setting(ws, 'ws_port')}`,
    apiSecret: setting(read('janus.jcfg'), 'api_secret'),
    adminKey: setting(read('janus.plugin.videoroom.jcfg'), 'admin_key'),
  };
}

/** A client of that Janus with its secrets: for tests that look at its rooms, or make one behind the API's back. */
export function janusAdminOf(dataDir: string): JanusClient {
  return new JanusClient(janusEndpointOf(dataDir), pino({ level: 'silent' }));
}
