import { graphql } from '../http';
import type { Call } from '../model';
import { JOIN_CALL } from './call-operations';
import { endCall } from './call-actions';
import { joinRoom, type RoomConnection, type RoomJoin } from './janus-room';
import type { Stage, StageHost, StageProps } from './stage-contract';
import { joinFailure, rejoinDelay, stageStatus, timerStart, type Connection } from './stage-state';
import { STAGE_CSS } from './stage-styles';
import { stageTexts } from './stage-texts';
import { StageView } from './stage-view';

export { answerCall, startCall } from './call-actions';

/**
 * The call chunk (dist/widget-call.js): widget.js imports it when a call
 * starts and hands it an element inside its shadow root.
 */
export function mountStage(element: HTMLElement, host: StageHost, props: StageProps): Stage {
  adoptStyles(element.getRootNode());
  return new CallStage(element, host, props);
}

const styled = new WeakSet<Node>();

function adoptStyles(root: Node): void {
  if (!(root instanceof ShadowRoot) || styled.has(root)) return;
  styled.add(root);
  if ('replaceSync' in CSSStyleSheet.prototype && 'adoptedStyleSheets' in root) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STAGE_CSS);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = STAGE_CSS;
    root.append(style);
  }
}

/** One call as this page holds it: its seat in the media room (rejoined when the connection drops) and its view. */
class CallStage implements Stage {
  private readonly view: StageView;
  private room: RoomConnection | undefined;
  private connection: Connection = 'joining';
  private muted = false;
  private cameraOff = false;
  private sendVideo: boolean;
  private startedAt: number | undefined;
  private attempt = 0;
  private destroyed = false;
  private readonly ticker: ReturnType<typeof setInterval>;
  private rejoinTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    element: HTMLElement,
    private readonly host: StageHost,
    private props: StageProps,
  ) {
    const { call } = props;
    this.sendVideo = call.kind === 'VIDEO';
    if (call.state === 'ACTIVE') this.startedAt = timerStart(call.answeredAt, Date.now(), true);
    this.view = new StageView(call.kind, {
      toggleMute: () => this.setDevices(!this.muted, this.cameraOff),
      toggleCamera: () => this.setDevices(this.muted, !this.cameraOff),
      hangUp: () => this.hangUp(),
    });
    this.render();
    element.append(this.view.root);
    // The button that started or answered the call is gone: the call's controls take the focus it had.
    const root = element.getRootNode();
    if (root instanceof ShadowRoot && !root.activeElement && document.activeElement === document.body) this.view.focus();
    this.ticker = setInterval(() => this.render(), 1000);
    void this.join();
  }

  update(props: StageProps): void {
    if (props.call.state === 'ACTIVE' && this.startedAt === undefined) this.startedAt = timerStart(props.call.answeredAt, Date.now(), false);
    this.props = props;
    this.render();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    clearInterval(this.ticker);
    clearTimeout(this.rejoinTimer);
    const root = this.view.root.getRootNode();
    const hadFocus = root instanceof ShadowRoot && root.activeElement !== null && this.view.root.contains(root.activeElement);
    this.view.root.remove();
    if (hadFocus) root.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    void this.room?.leave();
    this.room = undefined;
  }

  private render(): void {
    const { call, peer, language } = this.props;
    const ringing = call.state === 'RINGING';
    const elapsed = this.startedAt === undefined ? 0 : (Date.now() - this.startedAt) / 1000;
    this.view.render({
      texts: stageTexts(language),
      peer,
      ringing,
      muted: this.muted,
      cameraOff: this.cameraOff,
      status: stageStatus({ kind: call.kind, ringing, connection: this.connection }, elapsed),
    });
  }

  private setDevices(muted: boolean, cameraOff: boolean): void {
    this.muted = muted;
    this.cameraOff = cameraOff;
    this.room?.setMuted(muted);
    this.room?.setCameraOff(cameraOff);
    this.render();
  }

  private setConnection(connection: Connection): void {
    this.connection = connection;
    this.render();
  }

  private async join(): Promise<void> {
    const { call } = this.props;
    try {
      const { joinCall } = await graphql<{ joinCall: RoomJoin }>(this.host.apiBase, JOIN_CALL, { id: call.id }, this.host.token());
      const room = await joinRoom(
        // The ticket's path on the API, which is the widget's origin rather than the page's.
        { ...joinCall, url: new URL(joinCall.url, this.host.apiBase).href },
        {
          send: { audio: true, video: this.sendVideo },
          onLocalStream: (stream) => this.view.showLocal(stream),
          onRemoteStream: (stream) => this.view.showRemote(stream),
          onClosed: () => this.lost(),
        },
      );
      if (this.destroyed) return void room.leave();
      this.room = room;
      this.attempt = 0;
      this.setDevices(this.muted, this.cameraOff);
      this.setConnection('joined');
    } catch (error) {
      if (this.destroyed) return;
      const failure = joinFailure(error);
      if (failure === 'missing' && this.sendVideo) {
        // No camera to use: the customer joins with the microphone alone.
        this.sendVideo = false;
        this.cameraOff = true;
        return this.join();
      }
      if (failure === 'failed') return this.lost();
      this.setConnection('denied');
    }
  }

  /** The seat was lost (or never reached): a fresh ticket and another try, a few times. */
  private lost(): void {
    this.room = undefined;
    if (this.destroyed) return;
    const delay = rejoinDelay(this.attempt++);
    if (delay === null) return this.setConnection('failed');
    if (this.connection === 'joined') this.setConnection('reconnecting');
    clearTimeout(this.rejoinTimer);
    this.rejoinTimer = setTimeout(() => void this.join(), delay);
  }

  /** Ends the call at once on this side; the API is told in the background (if that fails, it ends the call when the seat stays empty). */
  private hangUp(): void {
    const { call } = this.props;
    const ended: Call = { ...call, state: 'ENDED' };
    this.host.changed(ended);
    endCall(this.host, call).catch(() => undefined);
  }
}
