import { HttpResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { tap } from 'rxjs';
import { Clock } from '../shared/clock';
import { serverOffset } from '../shared/server-offset';

/** Every API response tells the screen's clock how far the API's clock is from this browser's. */
export const serverClockInterceptor: HttpInterceptorFn = (request, next) => {
  const clock = inject(Clock);
  const sentAt = Date.now();
  return next(request).pipe(
    tap((event) => {
      if (!(event instanceof HttpResponse)) return;
      const offset = serverOffset(sentAt, Date.now(), event.headers.get('date'));
      if (offset !== null) clock.learn(offset);
    }),
  );
};
