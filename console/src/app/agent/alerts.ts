import { Injectable } from '@angular/core';

const ASKED_KEY = 'parley.notifications.asked';

/**
 * How a new chat or offer reaches an agent who is looking elsewhere: a short beep made with
 * WebAudio (no sound file to load) and a desktop notification. Browsers allow both only after a
 * user gesture, so `prepare()` is called from one (going available) and asks for the notification
 * permission once per browser.
 */
@Injectable({ providedIn: 'root' })
export class Alerts {
  private audio: AudioContext | null = null;

  constructor() {
    // After a reload the agent may already be available: the first click or key press anywhere unlocks the sound.
    const unlock = () => {
      if (this.audio?.state === 'running') return;
      try {
        this.audio ??= new AudioContext();
        void this.audio.resume();
      } catch {
        this.audio = null;
      }
    };
    document.addEventListener('pointerdown', unlock, { capture: true, passive: true });
    document.addEventListener('keydown', unlock, { capture: true, passive: true });
  }

  prepare(): void {
    try {
      this.audio ??= new AudioContext();
      void this.audio.resume();
    } catch {
      this.audio = null;
    }
    if (typeof Notification === 'undefined' || Notification.permission !== 'default') return;
    if (localStorage.getItem(ASKED_KEY)) return;
    localStorage.setItem(ASKED_KEY, '1');
    void Notification.requestPermission();
  }

  /** Two short tones, about a third of a second. */
  beep(): void {
    try {
      this.audio ??= new AudioContext();
      const context = this.audio;
      if (context.state === 'suspended') void context.resume();
      const start = context.currentTime;
      for (const [offset, frequency] of [[0, 880], [0.16, 1175]] as const) {
        const oscillator = context.createOscillator();
        const gain = context.createGain();
        oscillator.type = 'sine';
        oscillator.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, start + offset);
        gain.gain.exponentialRampToValueAtTime(0.25, start + offset + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.14);
        oscillator.connect(gain).connect(context.destination);
        oscillator.start(start + offset);
        oscillator.stop(start + offset + 0.15);
      }
    } catch {
      // No audio device: the notification and the inbox still tell.
    }
  }

  /** A desktop notification when allowed; clicking it brings the console forward. */
  notify(title: string, body: string, tag: string, onClick: () => void): void {
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    try {
      const notification = new Notification(title, { body, tag });
      notification.onclick = () => {
        window.focus();
        onClick();
        notification.close();
      };
    } catch {
      // Some platforms only allow notifications from a service worker.
    }
  }
}
