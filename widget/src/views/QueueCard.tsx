import { useState } from 'preact/hooks';
import type { Conversation } from '../conversation';
import { describeError } from '../validation';
import { useWidget } from './context';
import { plural, T } from '../i18n';

/** While waiting: the place in the queue and the expected wait, live, and a way to leave. */
export function QueueCard({ conversation }: { conversation: Conversation }) {
  const widget = useWidget();
  const t = widget.t.value;
  const queue = conversation.interaction.value.queue;
  const [error, setError] = useState<string>();
  const position = queue?.position ?? null;
  const minutes = queue?.estimatedWaitSeconds != null ? Math.max(1, Math.ceil(queue.estimatedWaitSeconds / 60)) : null;
  const leave = () => conversation.leave().catch((failure: unknown) => setError(describeError(failure, t)));
  return (
    <div class="card">
      <div class="queue" role="status">
        {position !== null ? (
          <span class="position" aria-hidden="true">
            {position}
          </span>
        ) : (
          <span class="spinner" aria-hidden="true" />
        )}
        <div>
          <b>{position !== null ? t(plural(position, T.PositionOne, T.PositionMany), position) : t(T.Connecting)}</b>
          {position !== null && <p class="muted">{minutes !== null ? t(plural(minutes, T.EstimateOne, T.EstimateMany), minutes) : t(T.NoEstimate)}</p>}
        </div>
      </div>
      <div class="queue-foot muted">
        <span>{t(T.WaitHint)}</span>
        <button class="link" type="button" onClick={leave}>
          {t(T.LeaveQueue)}
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
