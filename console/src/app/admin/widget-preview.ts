import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import type { Language } from './campaign-fields';
import { isColour, textOn } from './colour-contrast';

/** The widget's own words for its panel, per language (as in widget/src/i18n.ts). */
const WIDGET_WORDS: Record<Language, Record<'name' | 'email' | 'optional' | 'message' | 'start' | 'offlineTitle' | 'send' | 'online' | 'closedNow' | 'minimize' | 'launcher', string>> = {
  en: { name: 'Name', email: 'Email', optional: 'optional', message: 'Message', start: 'Start chat', offlineTitle: 'Leave us a message', send: 'Send message', online: 'We are online', closedNow: 'We are closed now', minimize: 'Minimize chat', launcher: 'Chat with us' },
  es: { name: 'Nombre', email: 'Correo electrónico', optional: 'opcional', message: 'Mensaje', start: 'Iniciar chat', offlineTitle: 'Déjanos un mensaje', send: 'Enviar mensaje', online: 'Estamos en línea', closedNow: 'Ahora estamos cerrados', minimize: 'Minimizar el chat', launcher: 'Chatea con nosotros' },
  pt: { name: 'Nome', email: 'E-mail', optional: 'opcional', message: 'Mensagem', start: 'Iniciar conversa', offlineTitle: 'Deixe uma mensagem', send: 'Enviar mensagem', online: 'Estamos online', closedNow: 'Estamos fechados agora', minimize: 'Minimizar a conversa', launcher: 'Fale conosco' },
};

export interface PreviewSettings {
  name: string;
  colour: string;
  welcome: string;
  outOfTime: string;
  emailRequired: boolean;
  customField: { label: string; visible: boolean; required: boolean };
  offlineMessageEnabled: boolean;
}

/**
 * A faithful picture of the widget's panel drawn by the console from the unsaved settings: no
 * widget script runs here (the console's CSP and isolation), and every text is plain text.
 * It is a picture: its fields are inert and hidden from assistive technology as controls.
 */
@Component({
  selector: 'parley-widget-preview',
  imports: [NgTemplateOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="stage" data-testid="widget-preview" [attr.lang]="language()">
      <div class="panel-mock" role="img" [attr.aria-label]="label()">
        <div class="header" data-testid="preview-header" [style.background]="colour()" [style.color]="ink()">
          <span class="avatar" aria-hidden="true" [style.background]="ink()" [style.color]="colour()">{{ initial() }}</span>
          <span class="heading">
            <span class="title">{{ settings().name || '—' }}</span>
            <span class="status" data-testid="preview-status"><span class="dot" [class.away]="closed()"></span>{{ closed() ? words().closedNow : words().online }}</span>
          </span>
          <svg class="minimize" aria-hidden="true" viewBox="0 0 24 24" width="18" height="18"><path fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" d="M6 9l6 6 6-6"/></svg>
        </div>
        <div class="body" aria-hidden="true">
          @if (!closed()) {
            <p class="bubble" data-testid="preview-welcome">{{ settings().welcome }}</p>
            <div class="form">
              <span class="label">{{ words().name }}</span><span class="input"></span>
              <span class="label">{{ words().email }}@if (!settings().emailRequired) { <em> ({{ words().optional }})</em> }</span><span class="input"></span>
              <ng-container *ngTemplateOutlet="custom" />
              <span class="action" [style.background]="colour()" [style.color]="ink()">{{ words().start }}</span>
            </div>
          } @else {
            <p class="bubble" data-testid="preview-out-of-time">{{ settings().outOfTime }}</p>
            @if (settings().offlineMessageEnabled) {
              <div class="form">
                <strong class="offline-title">{{ words().offlineTitle }}</strong>
                <span class="label">{{ words().name }}</span><span class="input"></span>
                <span class="label">{{ words().email }}</span><span class="input"></span>
                <ng-container *ngTemplateOutlet="custom" />
                <span class="label">{{ words().message }}</span><span class="input tall"></span>
                <span class="action" [style.background]="colour()" [style.color]="ink()">{{ words().send }}</span>
              </div>
            }
          }
        </div>
      </div>
      <span class="launcher" aria-hidden="true" [style.background]="colour()" [style.color]="ink()">
        <svg viewBox="0 0 24 24" width="22" height="22"><path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg>
      </span>
    </div>
    <ng-template #custom>
      @if (settings().customField.visible && settings().customField.label.trim()) {
        <span class="label" data-testid="preview-custom">{{ settings().customField.label }}@if (!settings().customField.required) { <em> ({{ words().optional }})</em> }</span><span class="input"></span>
      }
    </ng-template>
    <label class="closed-toggle"><input type="checkbox" [checked]="closed()" (change)="closed.set($any($event.target).checked)" /> {{ closedLabel() }}</label>
  `,
  styles: `
    :host { display: block; }
    .stage { position: relative; background: repeating-linear-gradient(45deg, #f8fafc, #f8fafc 10px, #f1f5f9 10px, #f1f5f9 20px); border: 1px solid var(--border); border-radius: 12px; padding: 16px 16px 70px; }
    .panel-mock { width: 100%; max-width: 300px; margin: 0 auto; background: #fff; border-radius: 16px; overflow: hidden; box-shadow: 0 12px 32px rgba(15,23,42,.18); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111827; }
    .header { display: flex; align-items: center; gap: 10px; padding: 12px 14px; }
    .avatar { flex: none; display: grid; place-items: center; width: 34px; height: 34px; border-radius: 50%; font-weight: 700; font-size: 14px; }
    .heading { flex: 1; min-width: 0; display: flex; flex-direction: column; }
    .title, .status { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .title { font-weight: 700; font-size: 15px; line-height: 1.25; }
    .status { display: flex; align-items: center; gap: 6px; font-size: 12px; }
    .dot { flex: none; width: 7px; height: 7px; border-radius: 50%; background: #22c55e; }
    .dot.away { background: #9ca3af; }
    .minimize { flex: none; }
    .body { padding: 14px 16px 16px; display: flex; flex-direction: column; gap: 12px; }
    .bubble { margin: 0; background: #f3f4f6; border-radius: 12px 12px 12px 4px; padding: 10px 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
    .form { display: flex; flex-direction: column; gap: 4px; }
    .label { font-size: 12.5px; font-weight: 600; color: #374151; margin-top: 4px; }
    .label em { font-weight: 400; color: #4b5563; font-style: normal; }
    .input { height: 32px; border: 1px solid #d1d5db; border-radius: 8px; background: #fff; }
    .input.tall { height: 60px; }
    .offline-title { font-size: 14px; }
    .action { margin-top: 10px; text-align: center; font-weight: 600; border-radius: 8px; padding: 9px 0; }
    .launcher { position: absolute; right: 18px; bottom: 14px; width: 48px; height: 48px; border-radius: 50%; display: grid; place-items: center; box-shadow: 0 6px 16px rgba(15,23,42,.25); }
    .closed-toggle { display: flex; gap: 8px; align-items: center; margin-top: 10px; font-size: 13px; }
  `,
})
export class WidgetPreview {
  readonly settings = input.required<PreviewSettings>();
  readonly language = input.required<Language>();
  /** The console's words for the accessible name and the toggle (the panel itself speaks the widget's language). */
  readonly label = input.required<string>();
  readonly closedLabel = input.required<string>();
  protected readonly closed = signal(false);
  protected readonly words = computed(() => WIDGET_WORDS[this.language()]);
  protected readonly colour = computed(() => (isColour(this.settings().colour) ? this.settings().colour.trim() : '#2563EB'));
  protected readonly ink = computed(() => textOn(this.colour()));
  /** The widget's header shows the campaign's initial in a circle. */
  protected readonly initial = computed(() => this.settings().name.trim().charAt(0).toUpperCase() || '·');
}
