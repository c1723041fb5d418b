/** Getting a customer's attention in another tab: a short beep and a count in the page title. */

let audio: AudioContext | undefined;

/** Browsers let sound start only after a gesture: call on the customer's first click or key in the widget. */
export function unlockSound(): void {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume();
  } catch {
    audio = undefined;
  }
}

/** Two short soft tones, made with WebAudio (no audio file to load). */
export function beep(): void {
  if (!audio || audio.state !== 'running') return;
  const now = audio.currentTime;
  for (const [offset, frequency] of [[0, 880], [0.12, 1320]] as const) {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, now + offset);
    gain.gain.exponentialRampToValueAtTime(0.12, now + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + offset + 0.16);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(now + offset);
    oscillator.stop(now + offset + 0.18);
  }
}

let originalTitle: string | undefined;

/** "(2) Original title" while there are unseen messages; the page's own title again at 0. */
export function titleBadge(count: number): void {
  if (count > 0) {
    originalTitle ??= document.title;
    document.title = `(${count}) ${originalTitle}`;
  } else if (originalTitle !== undefined) {
    document.title = originalTitle;
    originalTitle = undefined;
  }
}
