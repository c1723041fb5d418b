import { computed, signal } from '@preact/signals';
import { Conversation, type ConversationHost } from './conversation';
import { Emitter } from './events';
import { ApiError, graphql, isTransient } from './http';
import { T, translator, type Language } from './i18n';
import { upload } from './media';
import { type Attachment, type Interaction, type Message, type WidgetConfig } from './model';
import { beep, titleBadge } from './notify';
import { LEAVE_FEEDBACK, OFFLINE_MESSAGE, READ_INTERACTION, SEND_MESSAGE, START_CHAT, WIDGET_CONFIG } from './operations';
import { newClientId, Outbox, type Outgoing } from './outbox';
import { SessionStore } from './session';
import { Socket } from './socket';
import { themeFor } from './theme';
import { checkDetails, describeError, fieldErrorFrom, type Details, type FieldErrors } from './validation';

/** What the panel shows. The conversation screen covers waiting, chatting and a chat's end. */
export type Screen = 'loading' | 'unavailable' | 'prechat' | 'offline' | 'offline-sent' | 'conversation';

/** A form's answer: nothing when it went through, else problems by field and/or one for the whole form. */
export type FormResult = { fields?: FieldErrors; form?: string } | undefined;

type ChatWithMessages = Interaction & { messages: Message[] };
const EMPTY: Details = { name: '', email: '', customFieldValue: '', text: '' };

/**
 * The widget's state and everything a customer can do, independent of how it
 * is drawn: the campaign, the screen, the current chat, the outbox.
 */
export class Widget implements ConversationHost {
  readonly language = signal<Language>('en');
  readonly t = computed(() => translator(this.language.value));
  readonly config = signal<WidgetConfig | null>(null);
  /** Why the widget cannot be used (an API code), when the campaign could not be loaded. */
  readonly problem = signal<string | null>(null);
  readonly screen = signal<Screen>('loading');
  readonly open = signal(false);
  readonly conversation = signal<Conversation | null>(null);
  readonly prefill = signal<Details>(EMPTY);
  readonly offlineSent = signal<{ name: string; email: string } | null>(null);
  /** Messages from the other side not seen yet (panel closed or page hidden). */
  readonly unread = signal(0);
  /** Read out by screen readers (an aria-live region). */
  readonly announcement = signal('');
  /** What the browser says about the network; messages wait in the outbox while false. */
  readonly online = signal(navigator.onLine);
  readonly theme;
  readonly events = new Emitter();
  readonly socket: Socket;
  readonly outbox: Outbox;
  private readonly session: SessionStore;
  private visitorToken: string | null = null;

  constructor(
    readonly apiBase: string,
    readonly campaignKey: string,
    language: Language,
  ) {
    this.language.value = language;
    this.session = new SessionStore(campaignKey);
    const cachedColour = this.session.colour;
    this.theme = computed(() => themeFor(this.config.value?.colour ?? cachedColour));
    this.socket = new Socket(apiBase, () => this.visitorToken, () => void this.conversation.peek()?.catchUp());
    this.outbox = new Outbox(`parley:${campaignKey}:outbox`, (entry, setAttachment) => this.deliver(entry, setAttachment));
    document.addEventListener('visibilitychange', () => this.seen());
    addEventListener('online', () => (this.online.value = true));
    addEventListener('offline', () => (this.online.value = false));
  }

  token(): string | null {
    return this.visitorToken;
  }

  /** A query or mutation as this visitor: over HTTP, or over the socket when `overSocket` and it is up (the API then has no HTTP request to handle). */
  graphql<T>(query: string, variables: Record<string, unknown>, overSocket?: boolean): Promise<T> {
    return overSocket && this.socket.ready ? this.socket.request<T>(query, variables) : graphql<T>(this.apiBase, query, variables, this.visitorToken);
  }

  /** Loads the campaign and resumes the visitor's chat, if any. */
  async boot(): Promise<void> {
    this.screen.value = 'loading';
    this.open.value ||= this.session.panelOpen;
    const stored = this.session.load();
    this.visitorToken = stored?.token ?? null;
    const [config, resumed] = await Promise.allSettled([
      this.loadConfig(),
      stored?.interactionId
        ? graphql<{ interaction: ChatWithMessages | null }>(this.apiBase, READ_INTERACTION, { id: stored.interactionId }, stored.token)
        : Promise.resolve({ interaction: null }),
    ]);
    if (config.status === 'rejected') return this.unavailable(config.reason);
    if (resumed.status === 'rejected') {
      if (isTransient(resumed.reason)) return this.unavailable(resumed.reason);
      // The token expired or was revoked: a new visitor.
      this.session.clear();
      this.visitorToken = null;
    }
    const chat = resumed.status === 'fulfilled' ? resumed.value.interaction : null;
    if (chat) this.prefill.value = { ...EMPTY, name: chat.contact.name, email: chat.contact.email ?? '', customFieldValue: chat.contact.customFieldValue ?? '' };
    if (chat && chat.state !== 'REJECTED' && chat.state !== 'OFFLINE_MESSAGE') {
      const { messages, ...interaction } = chat;
      this.show(interaction, messages);
      // What came while the customer was away shows on the launcher.
      if (!this.open.peek()) this.unread.value = messages.filter((message) => message.sender.kind !== 'CONTACT' && message.seq > interaction.contactReadSeq).length;
    } else {
      this.screen.value = config.value.openNow ? 'prechat' : 'offline';
    }
    void this.outbox.flush();
  }

  async setLanguage(language: Language): Promise<void> {
    if (language === this.language.peek()) return;
    this.language.value = language;
    // The campaign's texts come from the API in each language.
    await this.loadConfig().catch((error: unknown) => this.screen.peek() === 'loading' && this.unavailable(error));
  }

  setOpen(open: boolean): void {
    if (this.open.peek() === open) return;
    this.open.value = open;
    this.session.panelOpen = open;
    this.seen();
    this.events.emit(open ? 'open' : 'close', undefined);
  }

  async startChat(details: Details): Promise<FormResult> {
    const config = this.config.peek();
    if (!config) return { form: this.t.peek()(T.Generic) };
    const problems = checkDetails(['name', 'email', 'customFieldValue'], details, config, this.t.peek(), config.emailRequired);
    if (Object.keys(problems).length) return { fields: problems };
    const input = {
      campaignKey: this.campaignKey,
      name: details.name.trim(),
      email: details.email.trim() || null,
      customFieldValue: config.customField.visible ? details.customFieldValue.trim() || null : null,
      language: this.language.peek().toUpperCase(),
    };
    try {
      const { startChat } = await this.graphql<{ startChat: { token: string; interaction: ChatWithMessages } }>(START_CHAT, { input });
      const { messages, ...interaction } = startChat.interaction;
      this.visitorToken = startChat.token;
      this.prefill.value = { ...details, text: '' };
      const refused = interaction.state === 'REJECTED';
      this.session.save({ token: startChat.token, interactionId: refused ? null : interaction.id });
      if (refused && interaction.closeReason === 'OUT_OF_TIME') return void this.closedHours();
      this.show(interaction, messages);
      if (!refused) {
        this.events.emit('chatStarted', { interactionId: interaction.id });
        // New to the customer, unlike a resumed chat's history: the campaign's greeting, a quick answer.
        this.added(messages);
      }
      return undefined;
    } catch (error) {
      return this.refusal(error, details, config, config.emailRequired);
    }
  }

  async sendOfflineMessage(details: Details): Promise<FormResult> {
    const config = this.config.peek();
    if (!config) return { form: this.t.peek()(T.Generic) };
    const problems = checkDetails(['name', 'email', 'customFieldValue', 'text'], details, config, this.t.peek(), true);
    if (Object.keys(problems).length) return { fields: problems };
    const input = {
      campaignKey: this.campaignKey,
      name: details.name.trim(),
      email: details.email.trim(),
      text: (details.text ?? '').trim(),
      customFieldValue: config.customField.visible ? details.customFieldValue.trim() || null : null,
    };
    try {
      await graphql(this.apiBase, OFFLINE_MESSAGE, { input });
      this.offlineSent.value = { name: input.name, email: input.email };
      this.prefill.value = { ...details, text: '' };
      this.screen.value = 'offline-sent';
      return undefined;
    } catch (error) {
      return this.refusal(error, details, config, true);
    }
  }

  send(text: string): void {
    const conversation = this.conversation.peek();
    const body = text.trim();
    if (!conversation || body === '') return;
    conversation.stopTyping();
    this.outbox.add({ clientId: newClientId(), interactionId: conversation.id, text: body, createdAt: new Date().toISOString(), attachment: null, state: 'queued' });
  }

  sendFile(blob: Blob, name: string, kind: Attachment['kind']): void {
    const conversation = this.conversation.peek();
    if (!conversation) return;
    this.outbox.add({ clientId: newClientId(), interactionId: conversation.id, text: null, createdAt: new Date().toISOString(), attachment: null, file: { blob, name, kind }, state: 'queued' });
  }

  async leaveFeedback(rating: number, note: string): Promise<string | undefined> {
    const conversation = this.conversation.peek();
    if (!conversation) return undefined;
    try {
      const data = await this.graphql<{ leaveFeedback: Interaction }>(LEAVE_FEEDBACK, { id: conversation.id, rating, note: note.trim() || null });
      conversation.update(data.leaveFeedback);
      return undefined;
    } catch (error) {
      return describeError(error, this.t.peek());
    }
  }

  /** After an ended chat (or a refusal): the pre-chat form again, as the same visitor. */
  async newChat(): Promise<void> {
    this.conversation.peek()?.stop();
    this.conversation.value = null;
    if (this.visitorToken) this.session.save({ token: this.visitorToken, interactionId: null });
    this.screen.value = 'loading';
    try {
      const config = await this.loadConfig();
      this.screen.value = config.openNow ? 'prechat' : 'offline';
    } catch (error) {
      this.unavailable(error);
    }
  }

  // ConversationHost

  added(messages: readonly Message[]): void {
    const conversation = this.conversation.peek();
    if (!conversation) return;
    const t = this.t.peek();
    let incoming = 0;
    for (const message of messages) {
      const { seq, sender, text, attachment, createdAt } = message;
      this.events.emit('message', { interactionId: conversation.id, seq, sender: sender.kind, text, attachment: attachment && { name: attachment.name, kind: attachment.kind }, createdAt });
      if (sender.kind === 'CONTACT') continue;
      incoming += 1;
      const name = sender.kind === 'SYSTEM' ? this.config.peek()?.name ?? '' : sender.name ?? t(T.AgentFallback);
      this.announcement.value = text ? `${name}: ${text}` : t(T.AttachmentFrom, name);
    }
    if (incoming === 0) return;
    if (!this.open.peek() || document.hidden) {
      this.unread.value += incoming;
      beep();
    }
    this.seen();
  }

  ended(interaction: Interaction): void {
    this.events.emit('chatEnded', { interactionId: interaction.id, state: interaction.state, closeReason: interaction.closeReason });
    // The schedule closed while the customer waited.
    if (interaction.state === 'REJECTED' && interaction.closeReason === 'OUT_OF_TIME') this.closedHours();
  }

  gone(): void {
    this.session.clear();
    this.visitorToken = null;
    void this.newChat();
  }

  /** Closed after all: the out-of-time message and the offline form, once, rather than a refused chat. */
  private closedHours(): void {
    const config = this.config.peek();
    this.conversation.peek()?.stop();
    this.conversation.value = null;
    if (config) this.config.value = { ...config, openNow: false };
    this.screen.value = 'offline';
  }

  /** A form's refusal: at its field when the API names one, else for the whole form; in the customer's language. */
  private refusal(error: unknown, details: Details, config: WidgetConfig, emailRequired: boolean): FormResult {
    const fields = fieldErrorFrom(error, details, config, this.t.peek(), emailRequired);
    return fields ? { fields } : { form: describeError(error, this.t.peek()) };
  }

  private async loadConfig(): Promise<WidgetConfig> {
    const { widgetConfig } = await graphql<{ widgetConfig: WidgetConfig }>(this.apiBase, WIDGET_CONFIG, { campaignKey: this.campaignKey, language: this.language.peek().toUpperCase() });
    this.config.value = widgetConfig;
    this.problem.value = null;
    this.session.colour = widgetConfig.colour;
    return widgetConfig;
  }

  private unavailable(error: unknown): void {
    this.problem.value = error instanceof ApiError ? error.code : 'NETWORK';
    this.screen.value = 'unavailable';
    if (this.problem.value === 'NETWORK') addEventListener('online', () => void this.boot(), { once: true });
    else console.warn(`[parley] the chat is not available here (${this.problem.value}): ${(error as Error).message}`);
  }

  private show(interaction: Interaction, messages: readonly Message[]): void {
    this.conversation.peek()?.stop();
    const conversation = new Conversation(this, interaction, messages);
    this.outbox.keepOnly(interaction.id);
    this.conversation.value = conversation;
    this.screen.value = 'conversation';
    conversation.follow();
    void this.outbox.flush();
  }

  private async deliver(entry: Outgoing, setAttachment: (attachment: Attachment) => void): Promise<void> {
    const token = this.visitorToken;
    if (!token) throw new ApiError('UNAUTHENTICATED', 'No chat');
    let attachment = entry.attachment;
    if (!attachment && entry.file) {
      attachment = await upload(this.apiBase, token, entry.interactionId, entry.file.kind, entry.file.blob, entry.file.name);
      setAttachment(attachment);
    }
    const { sendMessage } = await this.graphql<{ sendMessage: Message }>(
      SEND_MESSAGE,
      { interactionId: entry.interactionId, clientId: entry.clientId, text: entry.text, attachmentId: attachment?.id ?? null },
      true,
    );
    const conversation = this.conversation.peek();
    if (conversation?.id === entry.interactionId) conversation.receive([sendMessage]);
  }

  /** The customer can see the chat: nothing is unread any more. */
  private seen(): void {
    const visible = this.open.peek() && !document.hidden;
    if (visible) this.unread.value = 0;
    titleBadge(document.hidden ? this.unread.peek() : 0);
  }
}

