import type { Language } from '../i18n';
import type { Call, CallKind } from '../model';

/**
 * Between widget.js and the call chunk (dist/widget-call.js), which draws a
 * call inside the widget's shadow root and holds its seat in the media room.
 */

export interface StageProps {
  /** The chat's call: the customer's own while it rings, either side's once answered. */
  call: Call;
  /** The agent's name, or the neutral one when the campaign hides names. */
  peer: string;
  language: Language;
}

export interface StageHost {
  readonly apiBase: string;
  /** The chat the calls belong to. */
  readonly interactionId: string;
  token(): string | null;
  /** A call as a mutation answered it (hung up): the widget shows it at once. */
  changed(call: Call): void;
}

export interface Stage {
  update(props: StageProps): void;
  /** The call ended or the chat moved on: leave the room, stop the devices, remove the view. */
  destroy(): void;
}

/** The chunk's exports: the call's view, and the mutations (widget.js only draws the buttons and the ringing prompt). */
export interface StageModule {
  mountStage(element: HTMLElement, host: StageHost, props: StageProps): Stage;
  startCall(host: StageHost, kind: CallKind): Promise<void>;
  answerCall(host: StageHost, call: Call, accept: boolean): Promise<void>;
}
