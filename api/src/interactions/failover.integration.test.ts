import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { Client } from 'graphql-ws';
import { createTestDatabase, startApi, TEST_REDIS_URL, type ApiProcess, type TestDatabase } from '../testing/api-process';
import { ADMIN_ENV, ConversationFixture } from '../testing/conversation-fixtures';
import { graphql, subscribe, wsClient, type SubscriptionReader } from '../testing/graphql-client';
import { waitFor } from '../testing/wait-for';

type Added = { messageAdded: { seq: number; text: string; sender: { kind: string } } };
const MESSAGES = 'subscription($i: ID!, $a: Int) { messageAdded(interactionId: $i, afterSeq: $a) { seq text sender { kind } } }';
const SEND = 'mutation($i: ID!, $c: ID!, $t: String) { sendMessage(interactionId: $i, clientId: $c, text: $t) { seq } }';

/**
 * One side of a chat as the widget and the console behave: a socket to one
 * instance, and when it drops, a socket to any other instance that resumes
 * after the last seq seen. Sends are retried with the same clientId until
 * an instance answers.
 */
class Participant {
  private client!: Client;
  private reader!: SubscriptionReader<Added>;
  readonly seen: { seq: number; text: string; kind: string }[] = [];
  private reading: Promise<void> = Promise.resolve();

  constructor(
    private readonly interactionId: string,
    private readonly token: string,
    private url: string,
  ) {
    this.connect();
  }

  private connect(): void {
    this.client = wsClient(this.url, this.token);
    this.reader = subscribe<Added>(this.client, MESSAGES, { i: this.interactionId, a: this.seen.at(-1)?.seq ?? 0 });
    const reader = this.reader;
    this.reading = (async () => {
      for (;;) {
        const next = await Promise.race([reader.next(60_000), reader.ended.then(() => undefined)]).catch(() => undefined);
        const message = next?.data?.messageAdded;
        if (!message) return;
        this.seen.push({ seq: message.seq, text: message.text, kind: message.sender.kind });
      }
    })();
  }

  /** The instance at `url` went away: carry on at `url`. */
  async moveTo(url: string): Promise<void> {
    this.url = url;
    this.reader.close();
    await this.client.dispose();
    await this.reading;
    this.connect();
  }

  async send(text: string, urls: () => string[]): Promise<void> {
    const clientId = `${this.token.slice(-8)}-${text}`;
    await waitFor(`"${text}" accepted`, async () => {
      for (const url of urls()) {
        const result = await graphql(url, SEND, { i: this.interactionId, c: clientId, t: text }, { token: this.token }).catch(() => undefined);
        if (result?.data) return true;
      }
      return undefined;
    });
  }

  async close(): Promise<void> {
    this.reader.close();
    await this.client.dispose();
  }
}

describe('two instances without sticky sessions', () => {
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('serves a chat at either instance, and when one stops its clients carry on at the other with nothing lost or doubled', async () => {
    const db: TestDatabase = await createTestDatabase();
    cleanups.push(() => db.drop());
    const apis: ApiProcess[] = await Promise.all([0, 1].map(() => startApi({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, env: ADMIN_ENV })));
    cleanups.push(async () => void (await Promise.all(apis.map((api) => api.stop()))));
    const [a, b] = apis as [ApiProcess, ApiProcess];
    const fx = await ConversationFixture.connect(a.url);
    const campaign = await fx.campaign({ automaticAgentMessage: null });
    const agent = await fx.agent([campaign.id]);
    await fx.setState(agent, 'AVAILABLE');
    const chat = await fx.started(campaign.key, 'Noor');
    assert.equal(chat.interaction.state, 'ACTIVE');

    // The customer is on A, the agent on B; each writes through the other instance too.
    const customer = new Participant(chat.interaction.id, chat.token, a.url);
    const staff = new Participant(chat.interaction.id, agent.token, b.url);
    let alive = [a.url, b.url];
    const everywhere = () => alive;
    for (let i = 0; i < 10; i += 1) {
      await customer.send(`customer ${i}`, () => (i % 2 ? [b.url, a.url] : [a.url, b.url]));
      await staff.send(`agent ${i}`, () => (i % 2 ? [a.url, b.url] : [b.url, a.url]));
    }
    await waitFor('twenty messages on both sides', () => (customer.seen.length >= 20 && staff.seen.length >= 20) || undefined);

    // A stops while both keep writing; the customer's socket moves to B.
    const writing = (async () => {
      for (let i = 10; i < 30; i += 1) {
        await customer.send(`customer ${i}`, everywhere);
        await staff.send(`agent ${i}`, everywhere);
      }
    })();
    await a.stop();
    alive = [b.url];
    await customer.moveTo(b.url);
    await writing;

    const expected = Array.from({ length: 60 }, (_, n) => (n % 2 ? `agent ${(n - 1) / 2}` : `customer ${n / 2}`));
    for (const side of [customer, staff]) {
      await waitFor('every message on both sides', () => (side.seen.length >= 60 ? true : undefined));
      assert.deepEqual(
        side.seen.map((m) => m.seq),
        expected.map((_, n) => n + 1),
        'in seq order, each once',
      );
      assert.deepEqual(side.seen.map((m) => m.text), expected);
    }
    const stored = await fx.interaction(chat.interaction.id).catch(() => undefined);
    assert.equal(stored, undefined, 'A is gone');
    const atB = await new ConversationFixture(b.url, fx.admin).interaction(chat.interaction.id);
    assert.equal(atB?.state, 'ACTIVE', 'the agent moved with the chat, which stayed theirs');
    assert.equal(atB?.messages.length, 60);
    await Promise.all([customer.close(), staff.close()]);
  });
});
