import { Directive, effect, ElementRef, inject, input } from '@angular/core';

/**
 * Shows a MediaStream in a <video>: srcObject is a property no template binds. Always muted, so the
 * picture never doubles the sound: a call's sound plays from one element that outlives the views.
 */
@Directive({ selector: 'video[parleyStream]' })
export class MediaStreamSource {
  readonly stream = input<MediaStream | null>(null, { alias: 'parleyStream' });

  constructor() {
    const video = inject<ElementRef<HTMLVideoElement>>(ElementRef).nativeElement;
    video.muted = true;
    video.autoplay = true;
    video.playsInline = true;
    effect(() => {
      const stream = this.stream();
      if (video.srcObject === stream) return;
      video.srcObject = stream;
      if (stream) video.play().catch(() => undefined);
    });
  }
}
