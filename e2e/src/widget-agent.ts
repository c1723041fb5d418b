import { randomUUID } from 'node:crypto';
import { login, ok, subscribe, wsClient, type SubscriptionReader } from '@parley/api/testing/graphql-client';
import type { Client } from 'graphql-ws';

export interface AgentMessage {
  seq: number;
  text: string | null;
  clientId: string | null;
  sender: { kind: string; name: string | null };
  attachment: { name: string; mimeType: string; kind: string } | null;
}

/** Polls until `read` answers something: journeys wait for conditions, never for fixed times. */
export async function eventually<T>(what: string, read: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** An agent at work, driven through the API as the console would: GraphQL over HTTP, and a socket for typing signals. */
export class AgentDriver {
  private typingReaders = new Map<string, SubscriptionReader<{ typing: { typing: boolean; sender: { kind: string } } }>>();

  private constructor(
    private readonly url: string,
    readonly token: string,
    readonly id: string,
    private readonly socket: Client,
  ) {}

  static async signIn(url: string, email = 'agent1@parley.local', password = 'parley-agent'): Promise<AgentDriver> {
    const token = await login(url, email, password);
    const { me } = await ok<{ me: { id: string } }>(url, '{ me { id } }', {}, { token });
    const agent = new AgentDriver(url, token, me.id, wsClient(url, token));
    // A live socket, as the console keeps: the agent counts as connected.
    subscribe(agent.socket, 'subscription { myInteractions { kind } }');
    return agent;
  }

  async setState(state: 'AVAILABLE' | 'PAUSED' | 'OFFLINE'): Promise<void> {
    await ok(this.url, 'mutation($s: AgentState!) { setAgentState(state: $s, pauseReason: null) { state } }', { s: state }, { token: this.token });
  }

  /** Waits until the chat is assigned to this agent. */
  async answer(interactionId: string): Promise<void> {
    await eventually(`chat ${interactionId} assigned`, async () => {
      const { interaction } = await ok<{ interaction: { state: string; agent: { id: string } | null } | null }>(this.url, 'query($id: ID!) { interaction(id: $id) { state agent { id } } }', { id: interactionId }, { token: this.token }).catch(() => ({ interaction: null }));
      return interaction?.state === 'ACTIVE' && interaction.agent?.id === this.id;
    });
  }

  async send(interactionId: string, text: string, attachmentId?: string): Promise<AgentMessage> {
    const { sendMessage } = await ok<{ sendMessage: AgentMessage }>(
      this.url,
      'mutation($i: ID!, $c: ID!, $t: String, $a: ID) { sendMessage(interactionId: $i, clientId: $c, text: $t, attachmentId: $a) { seq text clientId sender { kind name } attachment { name mimeType kind } } }',
      { i: interactionId, c: randomUUID(), t: text || null, a: attachmentId ?? null },
      { token: this.token },
    );
    return sendMessage;
  }

  /** Uploads a file to the chat and sends it. */
  async sendFile(interactionId: string, bytes: Buffer, name: string, mimeType: string, kind: 'FILE' | 'VOICE_NOTE' = 'FILE'): Promise<AgentMessage> {
    const form = new FormData();
    form.append('interactionId', interactionId);
    form.append('kind', kind);
    form.append('file', new Blob([new Uint8Array(bytes)], { type: mimeType }), name);
    const response = await fetch(`${this.url}/uploads`, { method: 'POST', headers: { authorization: `Bearer ${this.token}` }, body: form });
    const upload = (await response.json()) as { id: string };
    if (!response.ok) throw new Error(`upload failed: ${JSON.stringify(upload)}`);
    return this.send(interactionId, '', upload.id);
  }

  async messages(interactionId: string): Promise<AgentMessage[]> {
    const { interaction } = await ok<{ interaction: { messages: AgentMessage[] } }>(
      this.url,
      'query($id: ID!) { interaction(id: $id) { messages { seq text clientId sender { kind name } attachment { name mimeType kind } } } }',
      { id: interactionId },
      { token: this.token },
    );
    return interaction.messages;
  }

  async typing(interactionId: string, typing: boolean): Promise<void> {
    await ok(this.url, 'mutation($i: ID!, $t: Boolean!) { setTyping(interactionId: $i, typing: $t) }', { i: interactionId, t: typing }, { token: this.token });
  }

  /** Follows the customer's typing signals on a chat. */
  watchTyping(interactionId: string): SubscriptionReader<{ typing: { typing: boolean; sender: { kind: string } } }> {
    const reader = subscribe<{ typing: { typing: boolean; sender: { kind: string } } }>(this.socket, 'subscription($i: ID!) { typing(interactionId: $i) { typing sender { kind } } }', { i: interactionId });
    this.typingReaders.set(interactionId, reader);
    return reader;
  }

  async markRead(interactionId: string, seq: number): Promise<void> {
    await ok(this.url, 'mutation($i: ID!, $s: Int!) { markRead(interactionId: $i, seq: $s) { id } }', { i: interactionId, s: seq }, { token: this.token });
  }

  async contactReadSeq(interactionId: string): Promise<number> {
    const { interaction } = await ok<{ interaction: { contactReadSeq: number } }>(this.url, 'query($id: ID!) { interaction(id: $id) { contactReadSeq } }', { id: interactionId }, { token: this.token });
    return interaction.contactReadSeq;
  }

  /** Closes the chat with the campaign's quality form filled in. */
  async close(interactionId: string): Promise<void> {
    const { interaction } = await ok<{ interaction: { campaign: { qualityModelId: string | null } } }>(this.url, 'query($id: ID!) { interaction(id: $id) { campaign { qualityModelId } } }', { id: interactionId }, { token: this.token });
    let quality: { questionId: string; value: string }[] | null = null;
    if (interaction.campaign.qualityModelId) {
      const { qualityModels } = await ok<{ qualityModels: { id: string; questions: { id: string; kind: string }[] }[] }>(this.url, '{ qualityModels { id questions { id kind } } }', {}, { token: this.token });
      const model = qualityModels.find((candidate) => candidate.id === interaction.campaign.qualityModelId);
      quality = (model?.questions ?? []).map((question) => ({ questionId: question.id, value: question.kind === 'SCORE' ? '5' : question.kind === 'YES_NO' ? 'yes' : 'Fine' }));
    }
    await ok(this.url, 'mutation($id: ID!, $q: [QualityAnswerInput!]) { closeInteraction(id: $id, quality: $q) { id } }', { id: interactionId, q: quality }, { token: this.token });
  }

  stop(): void {
    this.typingReaders.forEach((reader) => reader.close());
    void this.socket.dispose();
  }
}
