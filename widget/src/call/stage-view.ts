import type { CallKind } from '../model';
import type { StageStatus } from './stage-state';
import { S } from './stage-texts';

/**
 * The call drawn with DOM calls (the chunk carries no view library): the
 * agent's video or a hidden audio element, the customer's own video, who is
 * on the line and the call's state, and the controls. Every text is set as
 * text; every control is a named button.
 */

export interface StageModel {
  texts: Record<S, string>;
  peer: string;
  status: StageStatus;
  ringing: boolean;
  muted: boolean;
  cameraOff: boolean;
}

export interface StageActions {
  toggleMute(): void;
  toggleCamera(): void;
  hangUp(): void;
}

const MIC = 'M12 15a3 3 0 0 0 3-3V6a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm7-4a7 7 0 0 1-14 0m7 7v3';
const CAMERA = 'm16 10 6-4v12l-6-4M4 6h10a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2z';
const PHONE = 'M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 5a2 2 0 0 1 2-2';
const STRIKE = 'M3 3l18 18';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, ...children: Node[]): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  if (className) created.className = className;
  created.append(...children);
  return created;
}

function icon(...paths: string[]): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  for (const d of paths) {
    const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

function button(className: string, onClick: () => void): HTMLButtonElement {
  const created = element('button', className);
  created.type = 'button';
  created.addEventListener('click', onClick);
  return created;
}

function label(target: HTMLElement, text: string): void {
  if (target.getAttribute('aria-label') === text) return;
  target.setAttribute('aria-label', text);
  target.title = text;
}

export class StageView {
  readonly root: HTMLDivElement;
  private readonly remote: HTMLVideoElement | HTMLAudioElement;
  private readonly self: HTMLVideoElement | null;
  private readonly avatar = element('span', 'peer-avatar');
  private readonly name = element('b', '');
  private readonly status = element('span', 'status');
  private readonly problem = element('p', 'call-problem');
  private readonly mic: HTMLButtonElement;
  private readonly camera: HTMLButtonElement | null;
  private readonly hangUp: HTMLButtonElement;
  private problemShown: string | null = null;
  private devicesShown = '';

  constructor(
    private readonly kind: CallKind,
    actions: StageActions,
  ) {
    this.mic = button('', actions.toggleMute);
    this.camera = kind === 'VIDEO' ? button('', actions.toggleCamera) : null;
    this.hangUp = button('hang-up', actions.hangUp);
    this.hangUp.append(icon(PHONE));
    this.avatar.setAttribute('aria-hidden', 'true');
    this.problem.setAttribute('role', 'alert');
    this.problem.hidden = true;
    this.remote = document.createElement(kind === 'VIDEO' ? 'video' : 'audio');
    this.remote.className = 'remote';
    this.remote.autoplay = true;
    this.remote.addEventListener('playing', () => this.root.classList.toggle('live', this.hasRemoteVideo()));
    this.self = kind === 'VIDEO' ? element('video', 'self') : null;
    for (const video of [this.remote, this.self]) if (video instanceof HTMLVideoElement) video.playsInline = true;
    if (this.self) {
      this.self.muted = true;
      this.self.autoplay = true;
    }
    const controls = element('div', 'controls', ...[this.mic, this.camera, this.hangUp].filter((control) => control !== null));
    const peer = element('div', 'peer', this.avatar, element('div', 'peer-text', this.name, ...(kind === 'AUDIO' ? [this.status, this.problem] : [])));
    const parts: Node[] = this.self ? [this.remote, peer, this.status, this.self, this.problem, controls] : [this.remote, peer, controls];
    this.root = element('div', `call ${kind === 'VIDEO' ? 'video' : 'audio'}`, ...parts);
  }

  render(model: StageModel): void {
    const { texts } = model;
    this.root.classList.toggle('calling', model.ringing);
    this.root.classList.toggle('camera-off', model.cameraOff);
    this.root.setAttribute('role', 'group');
    label(this.root, texts[this.kind === 'VIDEO' ? S.VideoCall : S.VoiceCall]);
    this.avatar.textContent = model.peer.trim().charAt(0).toUpperCase();
    this.name.textContent = model.peer;
    if (this.remote instanceof HTMLVideoElement) label(this.remote, texts[S.AgentVideo]);
    if (this.self) label(this.self, texts[S.YourVideo]);

    const { status } = model;
    if ('timer' in status) {
      this.status.setAttribute('role', 'timer');
      this.status.replaceChildren(element('i', ''), status.timer);
    } else {
      this.status.removeAttribute('role');
      this.status.replaceChildren('text' in status ? texts[status.text] : '');
    }
    const problem = 'problem' in status ? texts[status.problem] : null;
    if (problem !== this.problemShown) {
      this.problemShown = problem;
      this.problem.hidden = problem === null;
      this.problem.textContent = problem ?? '';
    }

    label(this.mic, texts[model.muted ? S.Unmute : S.Mute]);
    if (this.camera) label(this.camera, texts[model.cameraOff ? S.CameraOn : S.CameraOff]);
    label(this.hangUp, texts[S.HangUp]);
    const devices = `${model.muted} ${model.cameraOff}`;
    if (devices !== this.devicesShown) {
      this.devicesShown = devices;
      this.mic.className = model.muted ? 'off' : '';
      this.mic.replaceChildren(model.muted ? icon(MIC, STRIKE) : icon(MIC));
      if (this.camera) {
        this.camera.className = model.cameraOff ? 'off' : '';
        this.camera.replaceChildren(model.cameraOff ? icon(CAMERA, STRIKE) : icon(CAMERA));
      }
    }
  }

  showRemote(stream: MediaStream): void {
    const remote = this.remote;
    remote.srcObject = stream;
    if (!this.hasRemoteVideo()) this.root.classList.remove('live');
    remote.play().catch((error: unknown) => {
      if (!(error instanceof Error) || error.name !== 'NotAllowedError') return;
      // No click on this page yet (a call resumed after a reload): browsers play it muted until the next one.
      remote.muted = true;
      remote.play().catch(() => undefined);
      const unmute = () => (remote.muted = false);
      document.addEventListener('pointerdown', unmute, { capture: true, once: true });
      document.addEventListener('keydown', unmute, { capture: true, once: true });
    });
  }

  showLocal(stream: MediaStream): void {
    if (!this.self) return;
    this.self.srcObject = stream;
    this.self.play().catch(() => undefined);
  }

  /** The first control, for focus when the call replaces what had it. */
  focus(): void {
    this.mic.focus();
  }

  private hasRemoteVideo(): boolean {
    const stream = this.remote.srcObject;
    return stream instanceof MediaStream && stream.getVideoTracks().length > 0;
  }
}
