// The operations simulated customers and agents send: the widget's (widget/src/operations.ts)
// and the agent console's (console/src/app/agent/agent.operations.ts), with the same selections.

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

/** One GraphQL request over HTTP with a deadline; the data, or a RequestError with the API's first error. */
export async function post(baseUrl, query, variables, { token, timeoutMs = 30_000, signal } = {}) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const signals = signal ? [AbortSignal.timeout(timeoutMs), signal] : [AbortSignal.timeout(timeoutMs)];
  const response = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }), signal: AbortSignal.any(signals) });
  const body = await response.json();
  if (body.errors?.length || !body.data) {
    const first = body.errors?.[0];
    throw new RequestError(`${first?.extensions?.code ?? response.status}: ${first?.message ?? 'no data'}`);
  }
  return body.data;
}
