import { T } from '../i18n';
import { useWidget } from './context';
import { DetailsForm } from './DetailsForm';
import { CheckIcon } from './icons';

/** Out of hours: the campaign's out-of-time message once, and a message to leave when the campaign takes them. */
export function OfflineScreen() {
  const config = useWidget().config.value;
  return (
    <div class="body">
      <div class="row first">
        <span class="sender">{config?.name}</span>
        <p class="bubble">{config?.outOfTimeMessage}</p>
      </div>
      {config?.offlineMessageEnabled && <DetailsForm offline />}
    </div>
  );
}

/** The offline message went through: a clear confirmation. */
export function OfflineSent() {
  const widget = useWidget();
  const t = widget.t.value;
  const sent = widget.offlineSent.value;
  return (
    <div class="body">
      <div class="center" role="status">
        <span class="notice done" aria-hidden="true">
          <CheckIcon />
        </span>
        <p class="card-title">{t(T.OfflineSent, sent?.name ?? '')}</p>
        <p>{t(T.OfflineReply, sent?.email ?? '')}</p>
      </div>
    </div>
  );
}
