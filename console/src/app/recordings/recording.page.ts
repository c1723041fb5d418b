import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { AttachmentView } from '../agent/attachment-view';
import { ChatApi } from '../agent/chat-api';
import { linkify } from '../agent/linkify';
import type { ChatMessage } from '../agent/message-log';
import { describeError } from '../core/errors';
import { I18n } from '../core/i18n/i18n.service';
import type { MessageKey } from '../core/i18n/i18n';
import { formatDuration } from '../shared/chat-time';
import { qualityLines, type QualityLine } from './quality-lines';
import { RECORDING, type RecordingData, type RecordingDetail } from './recordings.operations';
import { candidatePhrase, decisionPhrase } from './routing-reasons';

/** One recorded conversation: the transcript with its files and voice notes, the customer's feedback, the quality review and why the router chose whom it chose. */
@Component({
  selector: 'parley-recording',
  imports: [RouterLink, AttachmentView],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './recording.page.html',
  styleUrl: './recording.page.css',
})
export class RecordingPage {
  /** Route parameter. */
  readonly id = input.required<string>();
  private readonly api = inject(ChatApi);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly linkify = linkify;
  /** The list's filter, to go back to the same page of results. */
  protected readonly listParams = toSignal(inject(ActivatedRoute).queryParams, { initialValue: {} });

  protected readonly data = signal<RecordingData | null>(null);
  protected readonly missing = signal(false);
  protected readonly error = signal('');
  protected readonly recording = computed(() => this.data()?.interaction ?? null);
  private readonly agentNames = computed(() => new Map((this.data()?.users ?? []).map((user) => [user.id, user.name])));

  protected readonly qualityModel = computed(() => {
    const recording = this.recording();
    return this.data()?.qualityModels.find((model) => model.id === recording?.campaign.qualityModelId) ?? null;
  });
  /** Each answer with its question's words and weight as they were when the chat was closed. */
  protected readonly quality = computed<QualityLine[]>(() =>
    qualityLines(this.recording()?.quality ?? [], (this.data()?.qualityModels ?? []).flatMap((model) => model.questions), this.t('recording.removedQuestion')),
  );

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
  }

  protected answer(line: QualityLine): string {
    if (line.kind === 'YES_NO') return line.value === 'yes' ? this.t('close.yes') : line.value === 'no' ? this.t('close.no') : line.value;
    if (line.kind === 'SCORE') return this.t('recording.scoreOf', { score: line.value });
    return line.value;
  }

  /** A weight, when it counts towards the score (text answers are not scored). */
  protected weight(line: QualityLine): string | null {
    if (line.weight === null || line.kind === 'TEXT') return null;
    return this.t('recording.weight', { weight: new Intl.NumberFormat(this.i18n.locale(), { maximumFractionDigits: 2 }).format(line.weight) });
  }

  protected duration(seconds: number | null): string {
    return seconds === null ? '—' : formatDuration(seconds);
  }

  protected talkTime(recording: RecordingDetail): string {
    if (!recording.answeredAt || !recording.closedAt) return '—';
    return formatDuration((Date.parse(recording.closedAt) - Date.parse(recording.answeredAt)) / 1000);
  }

  protected stateText(recording: RecordingDetail): string {
    const state = this.t(`state.${recording.state}` as MessageKey);
    return recording.closeReason ? `${state} · ${this.t(`reason.${recording.closeReason}` as MessageKey)}` : state;
  }

  protected senderName(message: ChatMessage, recording: RecordingDetail): string {
    if (message.sender.kind === 'CONTACT') return message.sender.name ?? recording.contact.name;
    return message.sender.name ?? this.t('message.agent');
  }

  protected agentName(agentId: string): string {
    return this.agentNames().get(agentId) ?? this.t('recording.unknownAgent');
  }

  protected candidateReason(reason: string): string {
    const phrase = candidatePhrase(reason);
    return phrase ? this.t(phrase.key, phrase.params) : reason;
  }

  protected decisionReason(reason: string): string {
    const phrase = decisionPhrase(reason);
    return phrase ? this.t(phrase.key, phrase.params) : reason;
  }

  protected distribution(strategy: string): string {
    return this.t(`distribution.${strategy}` as MessageKey) ?? strategy;
  }

  protected availability(rule: string): string {
    return this.t(`availability.${rule}` as MessageKey) ?? rule;
  }

  protected percent(score: number): string {
    return new Intl.NumberFormat(this.i18n.locale(), { style: 'percent', maximumFractionDigits: 0 }).format(score);
  }

  private async load(id: string): Promise<void> {
    this.data.set(null);
    this.missing.set(false);
    this.error.set('');
    try {
      const data = await this.api.query<RecordingData>(RECORDING, { id });
      if (this.id() !== id) return;
      this.data.set(data);
      this.missing.set(!data.interaction);
    } catch (error) {
      if (this.id() === id) this.error.set(describeError(error, this.t));
    }
  }
}
