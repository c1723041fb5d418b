/** What `window.Parley.on(event, listener)` reports. */
export interface WidgetEvents {
  /** The panel opened. */
  open: undefined;
  /** The panel closed (minimized; the chat goes on). */
  close: undefined;
  /** A chat was started and is waiting for an agent. */
  chatStarted: { interactionId: string };
  /** A new message in the chat, from anyone (not the history shown on load). */
  message: { interactionId: string; seq: number; sender: 'AGENT' | 'CONTACT' | 'SUPERVISOR' | 'SYSTEM'; text: string | null; attachment: { name: string; kind: string } | null; createdAt: string };
  /** The chat ended: `state` CLOSED, ABANDONED or REJECTED, and why. */
  chatEnded: { interactionId: string; state: string; closeReason: string | null };
}

export type WidgetEventName = keyof WidgetEvents;
type Listener<K extends WidgetEventName> = (detail: WidgetEvents[K]) => void;

/** Listeners of the host page; one that throws cannot break the widget or the other listeners. */
export class Emitter {
  private readonly listeners = new Map<WidgetEventName, Set<Listener<never>>>();

  on<K extends WidgetEventName>(event: K, listener: Listener<K>): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as Listener<never>);
    this.listeners.set(event, set);
    return () => set.delete(listener as Listener<never>);
  }

  emit<K extends WidgetEventName>(event: K, detail: WidgetEvents[K]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as Listener<K>)(detail);
      } catch (error) {
        console.error('[parley] a listener of', event, 'failed:', error);
      }
    }
  }
}
