import { afterNextRender, ChangeDetectionStrategy, Component, computed, ElementRef, inject, input, output, signal, viewChild, type OnInit } from '@angular/core';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { I18n } from '../core/i18n/i18n.service';
import { CLOSE, type InteractionSummary } from './agent.operations';
import { ChatApi } from './chat-api';
import type { Conversation } from './conversation';
import { AgentDesk } from './desk.store';
import { isRequired, missingAnswers, qualityInput, questionOfField, type QualityModel } from './quality-form';

/** Closes a chat with the campaign's quality form: required answers first, then the API's own checks, each at its question. */
@Component({
  selector: 'parley-close-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './close-dialog.html',
  styleUrl: './close-dialog.css',
})
export class CloseDialog implements OnInit {
  private readonly api = inject(ChatApi);
  private readonly desk = inject(AgentDesk);
  protected readonly t = inject(I18n).t;
  readonly conversation = input.required<Conversation>();
  readonly done = output<void>();

  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly model = signal<QualityModel | null>(null);
  protected readonly loading = signal(true);
  protected readonly answers = signal<Record<string, string>>({});
  protected readonly problems = signal<Record<string, string>>({});
  protected readonly error = signal('');
  protected readonly busy = signal(false);
  protected readonly isRequired = isRequired;
  protected readonly scores = ['1', '2', '3', '4', '5'];
  protected readonly contactName = computed(() => this.conversation().detail().contact.name);

  constructor() {
    afterNextRender(() => this.dialog().nativeElement.showModal());
  }

  async ngOnInit(): Promise<void> {
    const modelId = this.conversation().detail().campaign.qualityModelId;
    try {
      const models = modelId ? await this.desk.loadQualityModels() : [];
      this.model.set(models.find((model) => model.id === modelId) ?? null);
    } catch {
      this.error.set(this.t('close.loadFailed'));
    } finally {
      this.loading.set(false);
    }
  }

  protected answer(questionId: string, value: string): void {
    this.answers.update((answers) => ({ ...answers, [questionId]: value }));
    if (this.problems()[questionId]) this.problems.update(({ [questionId]: _dropped, ...rest }) => rest);
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    this.error.set('');
    const questions = this.model()?.questions ?? [];
    const missing = missingAnswers(questions, this.answers());
    if (missing.length > 0) {
      this.problems.set(Object.fromEntries(missing.map((id) => [id, this.t('close.required')])));
      this.focusQuestion(missing[0]!);
      return;
    }
    this.busy.set(true);
    try {
      const { closeInteraction } = await this.api.mutate<{ closeInteraction: InteractionSummary }>(CLOSE, {
        id: this.conversation().id,
        quality: this.model() ? qualityInput(questions, this.answers()) : null,
      });
      this.desk.closed(closeInteraction);
      this.cancel();
    } catch (error) {
      const refused = CombinedGraphQLErrors.is(error) ? error.errors[0] : undefined;
      const field = refused?.extensions?.['field'];
      const questionId = typeof field === 'string' ? questionOfField(field, questions) : null;
      const message = refused?.message.replace(/^[\w.[\]]+: /, '') ?? '';
      if (questionId) {
        this.problems.set({ [questionId]: message });
        this.focusQuestion(questionId);
      } else if (refused?.extensions?.['code'] === 'CONFLICT') {
        this.error.set(this.t('close.alreadyEnded'));
      } else {
        this.error.set(message || this.t('close.failed'));
      }
    } finally {
      this.busy.set(false);
    }
  }

  protected cancel(): void {
    this.dialog().nativeElement.close();
  }

  private focusQuestion(id: string): void {
    setTimeout(() => this.host.nativeElement.querySelector<HTMLElement>(`[data-question="${CSS.escape(id)}"] input, [data-question="${CSS.escape(id)}"] textarea`)?.focus());
  }
}
