import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, input, signal, untracked, viewChild, type OnDestroy } from '@angular/core';
import { I18n } from '../core/i18n/i18n.service';
import { formatDuration } from '../shared/chat-time';
import { cannedMatches, replaceRange, slashQuery, type CannedResponse } from './canned';
import type { Conversation } from './conversation';
import { AgentDesk } from './desk.store';
import { VoiceRecorder } from './voice-recorder';

const EMOJIS = ['😀', '😊', '🙂', '😉', '😅', '😂', '🙏', '👍', '👌', '👋', '🎉', '❤️', '😢', '😮', '🤔', '✅', '⭐', '🚀', '📦', '💡'];

/** The reply box: Enter sends, Shift+Enter breaks the line, `/shortcut` completes canned responses; emoji, files and voice notes. */
@Component({
  selector: 'parley-composer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './composer.html',
  styleUrl: './composer.css',
  providers: [VoiceRecorder],
})
export class Composer implements OnDestroy {
  private readonly desk = inject(AgentDesk);
  protected readonly recorder = inject(VoiceRecorder);
  protected readonly t = inject(I18n).t;
  readonly conversation = input.required<Conversation>();
  readonly campaignId = input.required<string>();

  private readonly box = viewChild.required<ElementRef<HTMLTextAreaElement>>('box');
  private readonly fileInput = viewChild.required<ElementRef<HTMLInputElement>>('file');
  protected readonly emojis = EMOJIS;
  protected readonly text = signal('');
  private readonly caret = signal(0);
  protected readonly canned = signal<CannedResponse[]>([]);
  protected readonly panel = signal<'emoji' | 'canned' | null>(null);
  protected readonly highlighted = signal(0);
  private readonly dismissedAt = signal<number | null>(null);

  private readonly slash = computed(() => slashQuery(this.text(), this.caret()));
  protected readonly suggestions = computed(() => {
    const slash = this.slash();
    if (!slash || this.dismissedAt() === slash.start) return [];
    return cannedMatches(this.canned(), slash.query).slice(0, 6);
  });
  protected readonly recordingTime = computed(() => formatDuration(this.recorder.seconds()));

  constructor() {
    effect(() => {
      const campaignId = this.campaignId();
      untracked(() => void this.desk.cannedResponses(campaignId).then((responses) => this.canned.set(responses)));
    });
    // Another chat: a fresh, empty box.
    effect(() => {
      this.conversation();
      untracked(() => {
        this.text.set('');
        this.panel.set(null);
      });
    });
  }

  ngOnDestroy(): void {
    this.recorder.cancel();
  }

  protected onInput(event: Event): void {
    const box = event.target as HTMLTextAreaElement;
    this.text.set(box.value);
    this.caret.set(box.selectionStart ?? box.value.length);
    this.highlighted.set(0);
    this.dismissedAt.set(null);
    if (box.value.trim() !== '') this.conversation().typing();
  }

  protected onCaret(): void {
    const box = this.box().nativeElement;
    this.caret.set(box.selectionStart ?? box.value.length);
  }

  protected onKeydown(event: KeyboardEvent): void {
    const suggestions = this.suggestions();
    if (suggestions.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        this.highlighted.set((this.highlighted() + step + suggestions.length) % suggestions.length);
        return;
      }
      if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
        event.preventDefault();
        this.complete(suggestions[this.highlighted()] ?? suggestions[0]!);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        this.dismissedAt.set(this.slash()?.start ?? null);
        return;
      }
    }
    if (event.key === 'Escape' && this.panel()) {
      this.panel.set(null);
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.send();
    }
  }

  /** Replaces the `/word` with the response. */
  protected complete(response: CannedResponse): void {
    const slash = this.slash();
    if (!slash) return;
    this.insertText(response.text, slash.start, this.caret());
  }

  protected pickCanned(response: CannedResponse): void {
    this.panel.set(null);
    const box = this.box().nativeElement;
    this.insertText(response.text, box.selectionStart ?? this.text().length, box.selectionEnd ?? this.text().length);
  }

  protected pickEmoji(emoji: string): void {
    const box = this.box().nativeElement;
    this.insertText(emoji, box.selectionStart ?? this.text().length, box.selectionEnd ?? this.text().length);
  }

  protected togglePanel(panel: 'emoji' | 'canned'): void {
    this.panel.set(this.panel() === panel ? null : panel);
  }

  protected send(): void {
    const text = this.text().trim();
    if (text === '') return;
    this.conversation().sendText(text);
    this.text.set('');
    this.caret.set(0);
    this.box().nativeElement.value = '';
    this.panel.set(null);
  }

  protected chooseFile(): void {
    this.fileInput().nativeElement.click();
  }

  protected onFile(event: Event): void {
    const input = event.target as HTMLInputElement;
    for (const file of Array.from(input.files ?? [])) this.conversation().sendFile(file, file.name, 'FILE');
    input.value = '';
    this.box().nativeElement.focus();
  }

  protected async toggleRecording(): Promise<void> {
    if (this.recorder.recording()) {
      const note = await this.recorder.stop();
      if (note) this.conversation().sendFile(note.blob, note.name, 'VOICE_NOTE');
      return;
    }
    await this.recorder.start();
  }

  private insertText(insert: string, start: number, end: number): void {
    const box = this.box().nativeElement;
    const next = replaceRange(this.text(), start, end, insert);
    this.text.set(next.text);
    box.value = next.text;
    box.focus();
    box.setSelectionRange(next.caret, next.caret);
    this.caret.set(next.caret);
  }
}
