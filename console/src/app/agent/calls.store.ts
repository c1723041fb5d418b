import { computed, effect, inject, Injectable, signal, untracked } from '@angular/core';
import { Router } from '@angular/router';
import { I18n } from '../core/i18n/i18n.service';
import type { MessageKey } from '../core/i18n/i18n';
import { joinMediaRoom, type RoomConnection } from '../shared/media-room';
import { Alerts } from './alerts';
import { ChatApi } from './chat-api';
import { ANSWER_CALL, END_CALL, JOIN_CALL, START_CALL, type AnswerCallData, type EndCallData, type JoinCallData, type StartCallData } from './call.operations';
import { callView, isCaptureRefusal, mergeCall, type CallKind, type CallSummary, type CallView, type MediaPhase } from './call-state';
import type { Conversation } from './conversation';
import { AgentDesk } from './desk.store';

/** This tab's seat in one call's media room, and what it shows. */
export interface CallSeat {
  readonly callId: string;
  readonly interactionId: string;
  readonly kind: CallKind;
  readonly phase: MediaPhase;
  readonly local: MediaStream | null;
  readonly remote: MediaStream | null;
  readonly muted: boolean;
  readonly cameraOff: boolean;
}

export interface AgentCall {
  readonly chat: Conversation;
  readonly call: CallSummary;
}

const RING_EVERY_MS = 3_000;

/**
 * The agent's calls: which chats have one (from each chat's `call`, pushed by interactionUpdated),
 * the ringing of incoming ones, and this tab's one seat in a call's room. The seat outlives the
 * conversation view, so the agent can read another chat while the call goes on; its sound plays
 * from one audio element that is not part of any view. The room code loads with the first call.
 */
@Injectable({ providedIn: 'root' })
export class AgentCalls {
  private readonly desk = inject(AgentDesk);
  private readonly api = inject(ChatApi);
  private readonly alerts = inject(Alerts);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);

  readonly seat = signal<CallSeat | null>(null);
  /** Chats whose call has a request in flight (start, answer, hang up). */
  readonly busy = signal<ReadonlySet<string>>(new Set());
  /** The last request that failed, said beside the chat's call. */
  readonly problem = signal<{ readonly interactionId: string; readonly key: MessageKey } | null>(null);

  /** The ringing and active calls of the agent's open chats. */
  readonly calls = computed<AgentCall[]>(() =>
    this.desk.inbox().flatMap((chat) => {
      const call = chat.detail().call;
      return call && call.state !== 'ENDED' ? [{ chat, call }] : [];
    }),
  );

  private connection: RoomConnection | null = null;
  /** Counts seats, so a join that finishes after the agent left (or joined again) lets go of its room. */
  private seatNumber = 0;
  private speaker: HTMLAudioElement | null = null;
  private readonly announced = new Set<string>();
  private readonly endedIds = new Set<string>();
  private known = new Set<string>();
  private ringer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    effect(() => {
      const calls = this.calls();
      untracked(() => this.follow(calls));
    });
  }

  /** What the conversation shows about calls (see call-state.ts). */
  viewOf(chat: Conversation): CallView {
    const detail = chat.detail();
    const seat = this.seat();
    const call = detail.call;
    return callView({
      chatActive: detail.state === 'ACTIVE',
      mediaEnabled: detail.campaign.mediaEnabled,
      mediaAvailable: this.desk.mediaAvailable(),
      call,
      callElsewhere: this.calls().some((entry) => entry.chat.id !== chat.id && (entry.call.state === 'ACTIVE' || entry.call.startedBy === 'AGENT')),
      media: seat && call && seat.callId === call.id ? seat.phase : 'idle',
    });
  }

  isBusy(chat: Conversation): boolean {
    return this.busy().has(chat.id);
  }

  async start(chat: Conversation, kind: CallKind): Promise<void> {
    const call = await this.request(chat, 'call.startFailed', async () => (await this.api.mutate<StartCallData>(START_CALL, { interactionId: chat.id, kind })).startCall);
    if (call) void this.join(chat, call);
  }

  async accept(chat: Conversation, call: CallSummary): Promise<void> {
    const answered = await this.request(chat, 'call.actionFailed', async () => (await this.api.mutate<AnswerCallData>(ANSWER_CALL, { callId: call.id, accept: true })).answerCall);
    if (answered?.state === 'ACTIVE') void this.join(chat, answered);
  }

  async decline(chat: Conversation, call: CallSummary): Promise<void> {
    await this.request(chat, 'call.actionFailed', async () => (await this.api.mutate<AnswerCallData>(ANSWER_CALL, { callId: call.id, accept: false })).answerCall);
  }

  async hangUp(chat: Conversation, call: CallSummary): Promise<void> {
    // The camera and microphone stop at once; the API is told after.
    if (this.seat()?.callId === call.id) await this.leave();
    await this.request(chat, 'call.actionFailed', async () => (await this.api.mutate<EndCallData>(END_CALL, { callId: call.id })).endCall);
  }

  toggleMute(): void {
    const seat = this.seat();
    if (!seat) return;
    this.connection?.setMuted(!seat.muted);
    this.seat.set({ ...seat, muted: !seat.muted });
  }

  toggleCamera(): void {
    const seat = this.seat();
    if (!seat) return;
    this.connection?.setCameraOff(!seat.cameraOff);
    this.seat.set({ ...seat, cameraOff: !seat.cameraOff });
  }

  /** Takes this tab's seat in the call's room: publishes the microphone (and camera), plays the customer. */
  async join(chat: Conversation, call: CallSummary): Promise<void> {
    await this.leave();
    const number = ++this.seatNumber;
    const holds = () => this.seatNumber === number;
    const change = (patch: Partial<CallSeat>) => {
      const seat = this.seat();
      if (holds() && seat) this.seat.set({ ...seat, ...patch });
    };
    this.seat.set({ callId: call.id, interactionId: chat.id, kind: call.kind, phase: 'joining', local: null, remote: null, muted: false, cameraOff: false });
    try {
      const { joinCall } = await this.api.mutate<JoinCallData>(JOIN_CALL, { callId: call.id });
      if (!holds()) return;
      const connection = await joinMediaRoom(joinCall, {
        send: { audio: true, video: call.kind === 'VIDEO' },
        onLocalStream: (stream) => change({ local: stream }),
        onRemoteStream: (stream) => {
          if (!holds()) return;
          change({ remote: stream });
          this.play(stream);
        },
        onClosed: () => {
          if (!holds()) return;
          this.connection = null;
          this.play(null);
          change({ phase: 'lost', local: null, remote: null });
        },
      });
      if (!holds()) {
        await connection.leave();
        return;
      }
      this.connection = connection;
      change({ phase: 'joined' });
    } catch (error) {
      change({ phase: isCaptureRefusal(error) ? 'blocked' : 'failed' });
    }
  }

  /** Leaves the room this tab sits in, if any. */
  async leave(): Promise<void> {
    this.seatNumber += 1;
    const connection = this.connection;
    this.connection = null;
    this.seat.set(null);
    this.play(null);
    await connection?.leave().catch(() => undefined);
  }

  /** Runs a request about the chat's call, one at a time per chat; the call it answers replaces the chat's. */
  private async request(chat: Conversation, failure: MessageKey, send: () => Promise<CallSummary>): Promise<CallSummary | null> {
    if (this.busy().has(chat.id)) return null;
    this.busy.update((set) => new Set([...set, chat.id]));
    this.problem.set(null);
    try {
      const call = await send();
      const detail = chat.detail();
      const merged = mergeCall(detail.call, call, this.endedIds);
      if (merged !== detail.call) chat.update({ ...detail, call: merged });
      return call;
    } catch {
      this.problem.set({ interactionId: chat.id, key: failure });
      return null;
    } finally {
      this.busy.update((set) => new Set([...set].filter((id) => id !== chat.id)));
    }
  }

  private follow(calls: readonly AgentCall[]): void {
    const now = new Set(calls.map(({ call }) => call.id));
    for (const id of this.known) if (!now.has(id)) this.endedIds.add(id);
    this.known = now;
    const incoming = calls.filter(({ call }) => call.state === 'RINGING' && call.startedBy === 'CONTACT');
    for (const entry of incoming) {
      if (this.announced.has(entry.call.id)) continue;
      this.announced.add(entry.call.id);
      this.announce(entry);
    }
    this.ringWhile(incoming.length > 0);
    const seat = this.seat();
    if (seat && !now.has(seat.callId)) void this.leave();
  }

  /** A sound and a desktop notification, as for a new chat; clicking it opens the chat. */
  private announce({ chat, call }: AgentCall): void {
    const detail = chat.detail();
    this.alerts.beep();
    const title = this.i18n.t(call.kind === 'VIDEO' ? 'call.incomingVideo' : 'call.incomingVoice', { contact: detail.contact.name });
    this.alerts.notify(title, detail.campaign.name, `call:${call.id}`, () => void this.router.navigate(['/workspace', chat.id]));
  }

  private ringWhile(ringing: boolean): void {
    if (ringing && this.ringer === undefined) this.ringer = setInterval(() => this.alerts.beep(), RING_EVERY_MS);
    if (!ringing && this.ringer !== undefined) {
      clearInterval(this.ringer);
      this.ringer = undefined;
    }
  }

  private play(stream: MediaStream | null): void {
    if (!stream && !this.speaker) return;
    this.speaker ??= new Audio();
    this.speaker.autoplay = true;
    if (this.speaker.srcObject === stream) return;
    this.speaker.srcObject = stream;
    if (stream) this.speaker.play().catch(() => undefined);
  }
}
