import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, output, signal, untracked } from '@angular/core';
import { ChatApi } from '../agent/chat-api';
import { I18n } from '../core/i18n/i18n.service';
import { Realtime } from '../core/realtime';
import { SessionStore } from '../core/session.store';
import { joinMediaRoom, type RoomConnection } from '../shared/media-room';
import { MediaStreamSource } from '../shared/media-stream';
import { endReasonKey, watchStatus, type ScreenMonitoring, type WatchSeat } from '../shared/screen-monitoring';
import {
  JOIN_SCREEN_MONITORING,
  SCREEN_MONITORING_UPDATED,
  START_SCREEN_MONITORING,
  STOP_SCREEN_MONITORING,
  STOP_SCREEN_MONITORING_TEXT,
  type JoinScreenMonitoringData,
  type ScreenMonitoringUpdatedEvent,
  type StartScreenMonitoringData,
} from '../shared/screen-monitoring.operations';
import { SidePanel } from '../shared/side-panel';

/**
 * An agent's screen, live: opening the panel starts the session (in the audit log; the agent is
 * told), joins its room to watch only, and shows the shared screen. Closing the panel, leaving the
 * page or "Stop monitoring" ends it. Loaded with the first monitoring, with the room code after it.
 */
@Component({
  selector: 'parley-screen-monitor-panel',
  imports: [SidePanel, MediaStreamSource],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let title = t('monitor.title', { agent: agentName() });
    <parley-side-panel [heading]="title" [subheading]="t('monitor.notice', { agent: agentName() })" [wide]="true" testId="screen-monitor-panel" (closed)="stop()">
      <div class="body">
        <div class="screen" [attr.data-status]="status()">
          <video [parleyStream]="stream()" [attr.aria-label]="title" [class.shown]="status() === 'live'" (loadeddata)="picture.set(true)" (emptied)="picture.set(false)"></video>
          @if (status() === 'live') {
            <span class="live"><i aria-hidden="true"></i>{{ t('monitor.live') }}</span>
          } @else {
            <div class="overlay">
              @if (status() === 'starting' || status() === 'waiting') { <span class="spinner" aria-hidden="true"></span> }
              <p [attr.role]="status() === 'failed' ? 'alert' : 'status'" data-testid="monitor-status">{{ statusText() }}</p>
            </div>
          }
        </div>
      </div>
      <div class="foot">
        <span class="since">@if (monitoring(); as m) { {{ t('monitor.since', { time: i18n.time(m.startedAt) }) }} }</span>
        <button type="button" class="button danger" (click)="stop()">{{ t('monitor.stop') }}</button>
      </div>
    </parley-side-panel>
  `,
  styles: `
    .body { flex: 1; min-height: 0; padding: 16px 18px; display: flex; flex-direction: column; }
    .screen { position: relative; flex: 1; min-height: 240px; max-height: 100%; border-radius: 12px; overflow: hidden; background: #0b1220; display: grid; }
    video { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: contain; opacity: 0; }
    video.shown { opacity: 1; }
    .overlay { position: relative; display: grid; place-items: center; align-content: center; gap: 14px; padding: 24px; text-align: center; color: #cbd5e1; background: radial-gradient(circle at 50% 40%, #1e293b, #0b1220 70%); }
    .overlay p { margin: 0; max-width: 420px; font-size: 14px; }
    [data-status='failed'] .overlay p { color: #fecaca; }
    .spinner { width: 28px; height: 28px; border: 3px solid rgba(203,213,225,.25); border-top-color: #e2e8f0; border-radius: 50%; animation: spin .9s linear infinite; }
    @keyframes spin { to { transform: rotate(360deg); } }
    .live { position: absolute; top: 12px; left: 12px; display: inline-flex; align-items: center; gap: 6px; padding: 3px 10px; border-radius: 999px; background: rgba(15,23,42,.7); color: #fff; font-size: 12px; font-weight: 700; letter-spacing: .04em; text-transform: uppercase; }
    .live i { width: 8px; height: 8px; border-radius: 50%; background: #ef4444; }
    .foot { display: flex; justify-content: space-between; align-items: center; gap: 8px; padding: 10px 18px; border-top: 1px solid var(--border); }
    .since { font-size: 12.5px; color: #475569; }
    .button.danger { color: #991b1b; border-color: #fecaca; }
    .button.danger:hover { background: #fef2f2; }
  `,
})
export class ScreenMonitorPanel {
  private readonly api = inject(ChatApi);
  private readonly realtime = inject(Realtime);
  private readonly session = inject(SessionStore);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  readonly agentId = input.required<string>();
  readonly agentName = input.required<string>();
  readonly closed = output<void>();

  protected readonly monitoring = signal<ScreenMonitoring | null>(null);
  protected readonly seat = signal<WatchSeat>('joining');
  protected readonly stream = signal<MediaStream | null>(null);
  /** The screen is drawn: the video element has frames, not only a track. */
  protected readonly picture = signal(false);
  protected readonly status = computed(() => watchStatus({ state: this.monitoring()?.state ?? null, seat: this.seat(), hasVideo: this.picture() && (this.stream()?.getVideoTracks().length ?? 0) > 0 }));
  protected readonly statusText = computed(() => {
    const agent = this.agentName();
    switch (this.status()) {
      case 'starting':
        return this.t('monitor.starting', { agent });
      case 'waiting':
        return this.t('monitor.waiting', { agent });
      case 'ended':
        return this.t('monitor.ended', { reason: this.t(endReasonKey(this.monitoring()?.endReason ?? null)) });
      case 'failed':
        return this.t('monitor.failed');
      case 'live':
        return '';
    }
  });

  private room: RoomConnection | null = null;
  /** Counts sessions, so one that finishes starting after the panel moved on is stopped, not shown. */
  private attempt = 0;

  constructor() {
    effect(() => {
      const agentId = this.agentId();
      untracked(() => void this.watch(agentId));
    });
    const stopUpdates = this.realtime.subscribe<ScreenMonitoringUpdatedEvent>(SCREEN_MONITORING_UPDATED, {}, { next: ({ screenMonitoringUpdated }) => this.receive(screenMonitoringUpdated) });
    // A reload or a closed tab ends the session too: told with a request that outlives the page.
    const onPageHide = () => this.stopOnUnload();
    window.addEventListener('pagehide', onPageHide);
    inject(DestroyRef).onDestroy(() => {
      stopUpdates();
      window.removeEventListener('pagehide', onPageHide);
      this.finish();
    });
  }

  protected stop(): void {
    this.finish();
    this.closed.emit();
  }

  private async watch(agentId: string): Promise<void> {
    this.finish();
    const attempt = ++this.attempt;
    const current = () => this.attempt === attempt;
    this.seat.set('joining');
    try {
      const { startScreenMonitoring } = await this.api.mutate<StartScreenMonitoringData>(START_SCREEN_MONITORING, { agentId });
      if (!current()) {
        this.api.mutate(STOP_SCREEN_MONITORING, { id: startScreenMonitoring.id }).catch(() => undefined);
        return;
      }
      this.monitoring.set(startScreenMonitoring);
      const { joinScreenMonitoring } = await this.api.mutate<JoinScreenMonitoringData>(JOIN_SCREEN_MONITORING, { id: startScreenMonitoring.id });
      if (!current()) return;
      const room = await joinMediaRoom(joinScreenMonitoring, {
        send: 'nothing',
        onRemoteStream: (stream) => current() && this.stream.set(stream),
        onClosed: () => {
          if (!current()) return;
          this.room = null;
          this.stream.set(null);
          this.seat.set('lost');
        },
      });
      if (!current()) {
        await room.leave();
        return;
      }
      this.room = room;
      this.seat.set('watching');
    } catch {
      if (current()) this.seat.set('failed');
    }
  }

  private receive(update: ScreenMonitoring): void {
    if (update.id !== this.monitoring()?.id) return;
    this.monitoring.set(update);
    if (update.state === 'ENDED') this.leaveRoom();
  }

  /** Leaves the room and ends the session if it still runs. */
  private finish(): void {
    this.attempt += 1;
    this.leaveRoom();
    const monitoring = this.monitoring();
    this.monitoring.set(null);
    if (monitoring && monitoring.state !== 'ENDED') this.api.mutate(STOP_SCREEN_MONITORING, { id: monitoring.id }).catch(() => undefined);
  }

  private leaveRoom(): void {
    const room = this.room;
    this.room = null;
    this.stream.set(null);
    void room?.leave().catch(() => undefined);
  }

  private stopOnUnload(): void {
    const monitoring = this.monitoring();
    const token = this.session.token();
    if (!monitoring || monitoring.state === 'ENDED' || !token) return;
    void fetch('/graphql', {
      method: 'POST',
      keepalive: true,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: STOP_SCREEN_MONITORING_TEXT, variables: { id: monitoring.id } }),
    }).catch(() => undefined);
  }
}
