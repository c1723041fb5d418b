import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { I18n } from '../core/i18n/i18n.service';
import { ScreenShare } from './screen-share.store';

/** Tells the agent, on every page, that a supervisor is watching their screen; shares by hand when the browser wanted a click. */
@Component({
  selector: 'parley-monitored-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (share.banner(); as banner) {
      <div class="banner" role="status" data-testid="monitored-banner">
        <span class="rec" aria-hidden="true"></span>
        <svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"><rect x="2" y="3" width="20" height="14" rx="2"/><path d="M8 21h8M12 17v4"/></svg>
        <span class="message">
          <span class="text">{{ i18n.t('monitored.banner', { supervisor: names() }) }}</span>
          @if (banner.needsShare) { <span class="refused">{{ i18n.t('monitored.refused') }}</span> }
        </span>
        @if (banner.needsShare) {
          <button type="button" class="share" (click)="share.shareAgain()">{{ i18n.t('monitored.share') }}</button>
        }
        <button type="button" class="stop" (click)="share.stopSharing()">{{ i18n.t('monitored.stop') }}</button>
      </div>
    }
  `,
  styles: `
    .banner { display: flex; align-items: center; gap: 10px; padding: 7px 24px; background: #fff7ed; border-bottom: 1px solid #fed7aa; color: #9a3412; font-size: 13px; }
    .rec { flex: none; width: 9px; height: 9px; border-radius: 50%; background: #dc2626; animation: rec 1.6s ease-in-out infinite; }
    @keyframes rec { 50% { opacity: .35; } }
    .icon { flex: none; }
    .message { display: flex; flex-direction: column; min-width: 0; line-height: 1.35; }
    .text { font-weight: 700; overflow-wrap: anywhere; }
    .refused { color: #7c2d12; font-size: 12.5px; }
    .share, .stop { font: inherit; font-weight: 600; border-radius: 7px; padding: 3px 11px; cursor: pointer; white-space: nowrap; }
    .share { margin-left: 6px; border: 1px solid #c2410c; background: #c2410c; color: #fff; }
    .share:hover { background: #9a3412; }
    .stop { margin-left: auto; border: 1px solid #fdba74; background: #fff; color: #9a3412; }
    .stop:hover { background: #ffedd5; }
    .share:focus-visible, .stop:focus-visible { outline: 2px solid #c2410c; outline-offset: 2px; }
  `,
})
export class MonitoredBanner {
  protected readonly share = inject(ScreenShare);
  protected readonly i18n = inject(I18n);
  protected readonly names = computed(() => new Intl.ListFormat(this.i18n.locale(), { type: 'conjunction' }).format(this.share.banner()?.supervisors ?? []));
}
