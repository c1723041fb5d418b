/** Voice notes: the microphone through MediaRecorder, as WebM or Ogg Opus (what the API accepts as audio). */

const TYPES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/ogg', 'audio/mp4'];
const MAX_SECONDS = 300;

export const canRecord = (): boolean => typeof MediaRecorder !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;

export interface Recording {
  /** Stops and resolves with the note; resolves undefined when nothing was recorded. */
  stop(): Promise<{ blob: Blob; name: string } | undefined>;
  cancel(): void;
}

/** Starts recording; rejects when the microphone is refused or missing. `onLimit` fires when the maximum length is reached. */
export async function startRecording(onLimit: () => void): Promise<Recording> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  const mimeType = TYPES.find((type) => MediaRecorder.isTypeSupported(type));
  const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
  const chunks: Blob[] = [];
  recorder.ondataavailable = (event) => event.data.size > 0 && chunks.push(event.data);
  recorder.start(1000);
  const limit = setTimeout(onLimit, MAX_SECONDS * 1000);
  const release = () => {
    clearTimeout(limit);
    stream.getTracks().forEach((track) => track.stop());
  };
  return {
    stop: () =>
      new Promise((resolve) => {
        recorder.onstop = () => {
          release();
          const type = recorder.mimeType || mimeType || 'audio/webm';
          const blob = new Blob(chunks, { type });
          resolve(blob.size > 0 ? { blob, name: `voice-note.${type.includes('ogg') ? 'ogg' : type.includes('mp4') ? 'm4a' : 'webm'}` } : undefined);
        };
        if (recorder.state === 'inactive') recorder.onstop(new Event('stop'));
        else recorder.stop();
      }),
    cancel: () => {
      recorder.onstop = null;
      if (recorder.state !== 'inactive') recorder.stop();
      release();
    },
  };
}
