import { ChangeDetectionStrategy, Component, inject, input, signal, type OnDestroy, type OnInit } from '@angular/core';
import { I18n } from '../core/i18n/i18n.service';
import { ChatApi } from './chat-api';
import type { Attachment } from './message-log';

/**
 * A file in a message: images inline, voice notes as a player, anything else as a download.
 * The bytes are fetched with the Authorization header and shown through a blob: URL, revoked
 * when the message leaves the screen.
 */
@Component({
  selector: 'parley-attachment',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let a = attachment();
    @if (url(); as src) {
      @if (isImage()) {
        <a [href]="src" target="_blank" rel="noopener noreferrer" class="image"><img [src]="src" [alt]="a.name" loading="lazy" /></a>
      } @else if (isAudio()) {
        <audio controls preload="metadata" [src]="src" [attr.aria-label]="t('message.voiceNoteFrom', { name: a.name })" data-testid="voice-note"></audio>
      } @else {
        <a class="file" [href]="src" [attr.download]="a.name" data-testid="file-link"><svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"><path d="M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8z"/><path d="M14 2v6h6"/></svg> {{ a.name }} <small>{{ size() }}</small></a>
      }
    } @else if (failed()) {
      <span class="file broken">{{ t('message.attachmentFailed', { name: a.name }) }}</span>
    } @else {
      <span class="file loading">{{ a.name }} …</span>
    }
  `,
  styles: `
    :host { display: block; }
    .image img { display: block; max-width: 280px; max-height: 220px; border-radius: 8px; border: 1px solid var(--border); }
    audio { display: block; width: 260px; height: 36px; }
    .file { display: inline-flex; align-items: center; gap: 6px; color: #1d4ed8; font-weight: 500; }
    .file small { color: #64748b; font-weight: 400; }
    .broken { color: var(--danger); }
    .loading { color: #64748b; }
  `,
})
export class AttachmentView implements OnInit, OnDestroy {
  private readonly api = inject(ChatApi);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  readonly attachment = input.required<Attachment>();
  protected readonly url = signal<string | null>(null);
  protected readonly failed = signal(false);
  private destroyed = false;

  protected isImage = () => this.attachment().mimeType.startsWith('image/');
  protected isAudio = () => this.attachment().mimeType.startsWith('audio/') || this.attachment().kind === 'VOICE_NOTE';
  protected size = () => {
    const bytes = this.attachment().size;
    return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`;
  };

  ngOnInit(): void {
    this.api
      .attachment(this.attachment().url)
      .then((blob) => {
        if (this.destroyed) return;
        this.url.set(URL.createObjectURL(blob));
      })
      .catch(() => this.failed.set(true));
  }

  ngOnDestroy(): void {
    this.destroyed = true;
    const url = this.url();
    if (url) URL.revokeObjectURL(url);
  }
}
