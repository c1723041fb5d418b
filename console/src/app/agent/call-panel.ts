import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { I18n } from '../core/i18n/i18n.service';
import { chatSeconds, formatDuration } from '../shared/chat-time';
import { Clock } from '../shared/clock';
import { MediaStreamSource } from '../shared/media-stream';
import { CallIcon } from './call-icon';
import { mediaProblem } from './call-state';
import { AgentCalls } from './calls.store';
import type { Conversation } from './conversation';

let nextId = 0;

/**
 * The chat's call in the conversation: the customer's call ringing (accept or decline), or the call
 * the agent is in (videos, timer, microphone, camera, hang up). Loaded with the first call.
 */
@Component({
  selector: 'parley-call-panel',
  imports: [NgTemplateOutlet, CallIcon, MediaStreamSource],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './call-panel.html',
  styleUrl: './call-panel.css',
})
export class CallPanel {
  private readonly calls = inject(AgentCalls);
  private readonly clock = inject(Clock);
  protected readonly t = inject(I18n).t;
  readonly chat = input.required<Conversation>();

  protected readonly promptId = `incoming-call-${++nextId}`;
  protected readonly view = computed(() => this.calls.viewOf(this.chat()));
  protected readonly call = computed(() => this.chat().detail().call);
  protected readonly contact = computed(() => this.chat().detail().contact.name);
  protected readonly busy = computed(() => this.calls.busy().has(this.chat().id));
  /** This tab's seat, when it is in this chat's call. */
  protected readonly seat = computed(() => {
    const seat = this.calls.seat();
    return seat && seat.callId === this.call()?.id ? seat : null;
  });
  protected readonly joined = computed(() => this.seat()?.phase === 'joined');
  /** The customer's picture is drawn: their video element has frames (a track alone can stay black). */
  protected readonly remotePicture = signal(false);
  protected readonly hasRemoteVideo = computed(() => this.remotePicture() && (this.seat()?.remote?.getVideoTracks().length ?? 0) > 0);
  protected readonly hasLocalVideo = computed(() => (this.seat()?.local?.getVideoTracks().length ?? 0) > 0);
  protected readonly initial = computed(() => this.contact().trim().charAt(0).toUpperCase());
  protected readonly elapsed = computed(() => {
    const view = this.view();
    return view.stage === 'connected' ? formatDuration(chatSeconds(view.answeredAt, this.clock.now())) : '';
  });
  /** What went wrong: this chat's last failed request, else its seat's problem. */
  protected readonly problem = computed(() => {
    const failed = this.calls.problem();
    if (failed?.interactionId === this.chat().id) return this.t(failed.key);
    const view = this.view();
    const key = view.stage === 'calling' || view.stage === 'connected' ? mediaProblem(view.media) : null;
    return key ? this.t(key) : '';
  });
  /** The line under the name: calling, connecting, or not connected from this window. */
  protected readonly status = computed(() => {
    const view = this.view();
    if (view.stage === 'calling') return this.t('call.calling', { contact: this.contact() });
    if (view.stage !== 'connected') return '';
    if (view.media === 'joining') return this.t('call.connecting');
    if (view.media === 'idle') return this.t('call.notJoined');
    return '';
  });

  protected accept(): void {
    const call = this.call();
    if (call) void this.calls.accept(this.chat(), call);
  }

  protected decline(): void {
    const call = this.call();
    if (call) void this.calls.decline(this.chat(), call);
  }

  protected hangUp(): void {
    const call = this.call();
    if (call) void this.calls.hangUp(this.chat(), call);
  }

  protected join(): void {
    const call = this.call();
    if (call) void this.calls.join(this.chat(), call);
  }

  protected toggleMute(): void {
    this.calls.toggleMute();
  }

  protected toggleCamera(): void {
    this.calls.toggleCamera();
  }
}
