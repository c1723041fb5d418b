// The operations simulated customers and agents send: the widget's (widget/src/operations.ts)
// and the agent console's (console/src/app/agent/agent.operations.ts), with the same selections.
import http from 'node:http';
import https from 'node:https';

const MESSAGE = 'id seq clientId text createdAt sender { kind name } attachment { id kind name mimeType size url }';
const INTERACTION = `id state closeReason agentReadSeq contactReadSeq agent { name } feedback { rating }
  contact { name email customFieldValue } queue { position estimatedWaitSeconds }`;
const SUMMARY = `id state queuedAt answeredAt closedAt closeReason holdSeconds origin contactReadSeq agentReadSeq agent { id }
  contact { id name email customFieldValue }
  campaign { id name colour distribution qualityModelId offerTimeoutSeconds customField { label visible } thresholds { chatTimeWarnSeconds chatTimeLimitSeconds } }`;

export const START_CHAT = `mutation StartChat($input: StartChatInput!) {
  startChat(input: $input) { token interaction { ${INTERACTION} messages { ${MESSAGE} } } }
}`;

export const SEND_MESSAGE = `mutation Send($interactionId: ID!, $clientId: ID!, $text: String, $attachmentId: ID) {
  sendMessage(interactionId: $interactionId, clientId: $clientId, text: $text, attachmentId: $attachmentId) { ${MESSAGE} }
}`;

export const MESSAGE_ADDED = `subscription Messages($interactionId: ID!, $afterSeq: Int) {
  messageAdded(interactionId: $interactionId, afterSeq: $afterSeq) { ${MESSAGE} }
}`;

export const MY_INTERACTIONS = `subscription MyInteractions { myInteractions { kind interaction { ${SUMMARY} } } }`;

/** A customer message of the usual length (64 characters). */
export const messageText = (label) => `${label} `.padEnd(64, 'lorem ipsum dolor sit amet ');

export class RequestError extends Error {}

// Kept-alive connections, as a browser keeps them: the load generator's own cost per request stays small.
// An idle one is closed after 4 s, before the API's 5 s keep-alive timeout closes it under a request.
const KEPT_ALIVE = { keepAlive: true, maxSockets: 512, timeout: 4000 };
const agents = { 'http:': new http.Agent(KEPT_ALIVE), 'https:': new https.Agent(KEPT_ALIVE) };

/** Closes the idle kept-alive connections: the requests that follow open their own, as new customers' browsers do. */
export function closeIdleConnections() {
  for (const agent of Object.values(agents)) for (const sockets of Object.values(agent.freeSockets)) for (const socket of sockets) socket.destroy();
}

/** One GraphQL request over HTTP with a deadline; the data, or a RequestError with the API's first error. */
export async function post(baseUrl, query, variables, { token, timeoutMs = 30_000, signal } = {}) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const url = new URL('/graphql', baseUrl);
  const payload = JSON.stringify({ query, variables });
  // A kept-alive connection the server closed as the request left: sent again on a new one, as browsers do.
  const { status, body } = await request(url, headers, payload, timeoutMs, signal).catch((error) =>
    error.reusedSocket && error.code === 'ECONNRESET' ? request(url, headers, payload, timeoutMs, signal) : Promise.reject(error),
  );
  if (body.errors?.length || !body.data) {
    const first = body.errors?.[0];
    throw new RequestError(`${first?.extensions?.code ?? status}: ${first?.message ?? 'no data'}`);
  }
  return body.data;
}

/** A POST with a JSON answer, abandoned after `timeoutMs` or when `signal` aborts. */
function request(url, headers, payload, timeoutMs, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted'));
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(url, { method: 'POST', agent: agents[url.protocol], headers: { ...headers, 'content-length': Buffer.byteLength(payload) } }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        finish();
        try {
          resolve({ status: res.statusCode, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        } catch (error) {
          reject(error);
        }
      });
      res.on('error', fail);
    });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    const abort = () => req.destroy(new Error('aborted'));
    signal?.addEventListener('abort', abort, { once: true });
    function finish() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
    }
    function fail(error) {
      finish();
      error.reusedSocket = req.reusedSocket;
      reject(error);
    }
    req.on('error', fail);
    req.end(payload);
  });
}
