import { computed, effect, inject, Injectable, signal, untracked } from '@angular/core';
import { Realtime } from '../core/realtime';
import { SessionStore } from '../core/session.store';
import { joinMediaRoom, type RoomConnection } from '../shared/media-room';
import { monitoredBanner, shareChange, type ScreenMonitoring, type Share, type SharePhase } from '../shared/screen-monitoring';
import {
  ACTIVE_SCREEN_MONITORINGS,
  JOIN_SCREEN_MONITORING,
  SCREEN_MONITORING_UPDATED,
  STOP_SCREEN_MONITORING,
  type ActiveScreenMonitoringsData,
  type JoinScreenMonitoringData,
  type ScreenMonitoringUpdatedEvent,
} from '../shared/screen-monitoring.operations';
import { isCaptureRefusal } from './call-state';
import { ChatApi } from './chat-api';

/**
 * The signed-in agent's screen, shared while a supervisor monitors it: each session that starts is
 * joined and the screen shared into it at once (browsers that want a click for that get the banner's
 * "Share screen"); the session ends when the supervisor stops, or here when the agent stops sharing
 * from the browser. The agent is always told (the banner). The room code loads with the first session.
 */
@Injectable({ providedIn: 'root' })
export class ScreenShare {
  private readonly session = inject(SessionStore);
  private readonly api = inject(ChatApi);
  private readonly realtime = inject(Realtime);

  readonly shares = signal<Share[]>([]);
  readonly banner = computed(() => monitoredBanner(this.shares()));

  private readonly rooms = new Map<string, RoomConnection>();
  /** Counts attempts per session, so a share that finishes after a newer one (or the end) lets go of its room. */
  private readonly attempts = new Map<string, number>();
  private agentId: string | null = null;
  private stopListening: (() => void)[] = [];

  constructor() {
    effect(() => {
      const user = this.session.user();
      untracked(() => (user?.role === 'AGENT' ? this.start(user.id) : this.stop()));
    });
  }

  /** Shares again into every session the browser refused or that dropped: from the agent's click. */
  shareAgain(): void {
    for (const share of this.shares()) if (share.phase === 'refused' || share.phase === 'lost') void this.share(share.monitoring.id);
  }

  /** The agent stops every session on them; each ends for the supervisor too. */
  stopSharing(): void {
    for (const share of this.shares()) {
      const id = share.monitoring.id;
      this.end(id);
      this.api.mutate(STOP_SCREEN_MONITORING, { id }).catch(() => undefined);
    }
  }

  private start(agentId: string): void {
    if (this.agentId === agentId) return;
    this.stop();
    this.agentId = agentId;
    this.stopListening = [
      this.realtime.subscribe<ScreenMonitoringUpdatedEvent>(SCREEN_MONITORING_UPDATED, {}, { next: ({ screenMonitoringUpdated }) => this.receive(screenMonitoringUpdated) }),
      this.realtime.onReconnected(() => void this.load()),
    ];
    void this.load();
  }

  private stop(): void {
    this.stopListening.forEach((end) => end());
    this.stopListening = [];
    for (const share of this.shares()) this.end(share.monitoring.id);
    this.agentId = null;
  }

  /** The sessions running on the agent now: on sign-in, after a reload, after the socket came back. */
  private async load(): Promise<void> {
    const agentId = this.agentId;
    try {
      const { activeScreenMonitorings } = await this.api.query<ActiveScreenMonitoringsData>(ACTIVE_SCREEN_MONITORINGS);
      if (this.agentId !== agentId) return;
      for (const monitoring of activeScreenMonitorings) this.receive(monitoring);
      // Ended while the socket was down.
      for (const share of this.shares()) if (!activeScreenMonitorings.some((monitoring) => monitoring.id === share.monitoring.id)) this.end(share.monitoring.id);
    } catch {
      // The subscription still brings every change; the next reconnection loads again.
    }
  }

  private receive(update: ScreenMonitoring): void {
    if (!this.agentId) return;
    switch (shareChange(this.shares(), update, this.agentId)) {
      case 'share':
        this.shares.update((list) => [...list, { monitoring: update, phase: 'joining' }]);
        void this.share(update.id);
        return;
      case 'stop':
        this.end(update.id);
        return;
      case 'keep':
        this.shares.update((list) => list.map((share) => (share.monitoring.id === update.id ? { ...share, monitoring: update } : share)));
        return;
    }
  }

  private async share(id: string): Promise<void> {
    const attempt = (this.attempts.get(id) ?? 0) + 1;
    this.attempts.set(id, attempt);
    const current = () => this.attempts.get(id) === attempt;
    const previous = this.rooms.get(id);
    this.rooms.delete(id);
    await previous?.leave().catch(() => undefined);
    this.mark(id, 'joining');
    try {
      const { joinScreenMonitoring } = await this.api.mutate<JoinScreenMonitoringData>(JOIN_SCREEN_MONITORING, { id });
      if (!current()) return;
      const room = await joinMediaRoom(joinScreenMonitoring, { send: 'screen', onRemoteStream: () => undefined, onClosed: (reason) => current() && this.closed(id, reason) });
      if (!current()) {
        await room.leave();
        return;
      }
      this.rooms.set(id, room);
      this.mark(id, 'sharing');
    } catch (error) {
      if (current()) this.mark(id, isCaptureRefusal(error) ? 'refused' : 'lost');
    }
  }

  /** The room went away without us: the agent stopped sharing from the browser (the session ends), or it dropped. */
  private closed(id: string, reason: string): void {
    this.rooms.delete(id);
    if (reason === 'screen-ended') {
      this.end(id);
      this.api.mutate(STOP_SCREEN_MONITORING, { id }).catch(() => undefined);
    } else {
      this.mark(id, 'lost');
    }
  }

  private end(id: string): void {
    this.attempts.set(id, (this.attempts.get(id) ?? 0) + 1);
    const room = this.rooms.get(id);
    this.rooms.delete(id);
    void room?.leave().catch(() => undefined);
    this.shares.update((list) => list.filter((share) => share.monitoring.id !== id));
  }

  private mark(id: string, phase: SharePhase): void {
    this.shares.update((list) => list.map((share) => (share.monitoring.id === id ? { ...share, phase } : share)));
  }
}
