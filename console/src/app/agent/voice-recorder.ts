import { Injectable, signal, type OnDestroy } from '@angular/core';

const TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm', 'audio/mp4'];

/** Records a voice note from the microphone with MediaRecorder. */
@Injectable()
export class VoiceRecorder implements OnDestroy {
  readonly recording = signal(false);
  readonly seconds = signal(0);
  readonly error = signal<'denied' | 'unsupported' | null>(null);
  private recorder: MediaRecorder | null = null;
  private stream: MediaStream | null = null;
  private chunks: Blob[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;

  async start(): Promise<void> {
    this.error.set(null);
    if (typeof MediaRecorder === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
      this.error.set('unsupported');
      return;
    }
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      this.error.set('denied');
      return;
    }
    const mimeType = TYPES.find((type) => MediaRecorder.isTypeSupported(type));
    this.recorder = new MediaRecorder(this.stream, mimeType ? { mimeType } : undefined);
    this.chunks = [];
    this.recorder.ondataavailable = (event) => {
      if (event.data.size > 0) this.chunks.push(event.data);
    };
    this.recorder.start(250);
    this.recording.set(true);
    const started = Date.now();
    this.seconds.set(0);
    this.timer = setInterval(() => this.seconds.set(Math.floor((Date.now() - started) / 1000)), 250);
  }

  /** Ends the recording and answers the note, or null when nothing was recorded. */
  stop(): Promise<{ blob: Blob; name: string } | null> {
    const recorder = this.recorder;
    if (!recorder) return Promise.resolve(null);
    return new Promise((resolve) => {
      recorder.onstop = () => {
        const type = recorder.mimeType || 'audio/webm';
        const blob = new Blob(this.chunks, { type });
        const extension = type.includes('ogg') ? 'ogg' : type.includes('mp4') ? 'm4a' : 'webm';
        this.release();
        resolve(blob.size > 0 ? { blob, name: `voice-note.${extension}` } : null);
      };
      recorder.stop();
    });
  }

  cancel(): void {
    if (this.recorder && this.recorder.state !== 'inactive') {
      this.recorder.onstop = null;
      this.recorder.stop();
    }
    this.release();
  }

  ngOnDestroy(): void {
    this.cancel();
  }

  private release(): void {
    clearInterval(this.timer);
    this.stream?.getTracks().forEach((track) => track.stop());
    this.stream = null;
    this.recorder = null;
    this.chunks = [];
    this.recording.set(false);
  }
}
