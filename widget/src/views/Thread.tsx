import type { JSX } from 'preact';
import type { Conversation } from '../conversation';
import { clockTime, T, type Translate } from '../i18n';
import { linkify } from '../links';
import type { Attachment, Message, SenderKind } from '../model';
import type { Outgoing } from '../outbox';
import { describeError } from '../validation';
import { ApiError } from '../http';
import { AttachmentView } from './AttachmentView';
import { useWidget } from './context';
import { AlertIcon, CheckIcon, ClockIcon, DoubleCheckIcon, OfflineIcon } from './icons';

type Delivery = 'queued' | 'sending' | 'sent' | 'read' | 'failed';

/** One line of the thread: a stored message, or one of the customer's still on its way. */
interface Entry {
  key: string;
  kind: SenderKind;
  senderName: string | null;
  text: string | null;
  attachment: Attachment | null;
  pendingFile?: string;
  createdAt: string;
  delivery?: Delivery;
  outgoing?: Outgoing;
  seq?: number;
}

/** The messages in seq order, then the customer's unconfirmed ones; every text rendered as text. */
export function Thread({ conversation }: { conversation: Conversation }) {
  const widget = useWidget();
  const t = widget.t.value;
  const config = widget.config.value;
  const interaction = conversation.interaction.value;
  const online = widget.online.value;
  let messages: readonly Message[] = conversation.messages.value;
  // The feedback card repeats the campaign's feedback message: do not show it twice.
  const last = messages[messages.length - 1];
  if (interaction.state === 'CLOSED' && config?.feedbackEnabled && last?.sender.kind === 'SYSTEM' && last.text === config.feedbackMessage) messages = messages.slice(0, -1);
  const confirmed = new Set(messages.map((message) => message.clientId));
  const entries: Entry[] = messages.map((message) => ({
    key: `s${message.seq}`,
    kind: message.sender.kind,
    senderName: message.sender.name,
    text: message.text,
    attachment: message.attachment,
    createdAt: message.createdAt,
    seq: message.seq,
    delivery: message.sender.kind === 'CONTACT' ? (message.seq <= interaction.agentReadSeq ? 'read' : 'sent') : undefined,
  }));
  for (const outgoing of widget.outbox.entries.value) {
    if (outgoing.interactionId !== interaction.id || confirmed.has(outgoing.clientId)) continue;
    entries.push({
      key: `c${outgoing.clientId}`,
      kind: 'CONTACT',
      senderName: null,
      text: outgoing.text,
      attachment: null,
      pendingFile: outgoing.attachment?.name ?? outgoing.file?.name,
      createdAt: outgoing.createdAt,
      delivery: outgoing.state === 'failed' ? 'failed' : online ? 'sending' : 'queued',
      outgoing,
    });
  }
  return (
    <div class="thread">
      {entries.map((entry, index) => {
        const previous = entries[index - 1];
        const next = entries[index + 1];
        const first = !previous || previous.kind !== entry.kind || previous.senderName !== entry.senderName;
        // Time and delivery show under the last message of a group, and wherever something is pending; always for screen readers.
        const last = !next || next.kind !== entry.kind || next.senderName !== entry.senderName || Date.parse(next.createdAt) - Date.parse(entry.createdAt) > 120_000;
        return <Line key={entry.key} entry={entry} first={first} meta={last || (entry.delivery !== undefined && entry.delivery !== 'sent' && entry.delivery !== 'read')} t={t} />;
      })}
    </div>
  );
}

function Line({ entry, first, meta, t }: { entry: Entry; first: boolean; meta: boolean; t: Translate }) {
  const widget = useWidget();
  const language = widget.language.value;
  if (entry.kind === 'SYSTEM') {
    return (
      <p class="system">
        {entry.text}
      </p>
    );
  }
  const own = entry.kind === 'CONTACT';
  const name = own ? t(T.You) : entry.senderName ?? t(T.AgentFallback);
  return (
    <div class={`row ${own ? 'own' : 'other'}${first ? ' first' : ''}`} data-seq={entry.seq}>
      {first && !own && <span class="sender">{name}</span>}
      {own && <span class="sr-only">{name}:</span>}
      <div class={`bubble${entry.attachment && /^(image|audio)\//.test(entry.attachment.mimeType) ? ' media' : ''}`}>
        {entry.text && <Text text={entry.text} />}
        {entry.attachment && <AttachmentView attachment={entry.attachment} />}
        {!entry.attachment && entry.pendingFile && <span class="name">{entry.pendingFile}</span>}
      </div>
      <span class={meta ? `meta${entry.delivery === 'failed' ? ' failed' : ''}` : 'sr-only'}>
        <time dateTime={entry.createdAt}>{clockTime(entry.createdAt, language)}</time>
        {entry.delivery && <DeliveryMark delivery={entry.delivery} t={t} />}
      </span>
      {entry.outgoing?.state === 'failed' && (
        <span class="meta failed">
          {describeError(new ApiError(entry.outgoing.failure ?? 'INTERNAL_SERVER_ERROR', ''), t)}
          {entry.outgoing.failure !== 'CONFLICT' && (
            <button class="link" type="button" onClick={() => widget.outbox.retry(entry.outgoing?.clientId ?? '')}>
              {t(T.Retry)}
            </button>
          )}
          <button class="link" type="button" onClick={() => widget.outbox.discard(entry.outgoing?.clientId ?? '')}>
            {t(T.Discard)}
          </button>
        </span>
      )}
    </div>
  );
}

/** Text as text nodes; only http(s) addresses become links, opened apart from this page. */
function Text({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((segment, index) =>
        segment.kind === 'text' ? (
          segment.text
        ) : (
          <a key={index} href={segment.href} target="_blank" rel="noopener noreferrer">
            {segment.text}
          </a>
        ),
      )}
    </>
  );
}

function DeliveryMark({ delivery, t }: { delivery: Delivery; t: Translate }) {
  const marks: Record<Delivery, [() => JSX.Element, string]> = {
    queued: [OfflineIcon, t(T.StatusQueued)],
    sending: [ClockIcon, t(T.StatusSending)],
    sent: [CheckIcon, t(T.StatusSent)],
    read: [DoubleCheckIcon, t(T.StatusRead)],
    failed: [AlertIcon, t(T.StatusFailed)],
  };
  const [Icon, label] = marks[delivery];
  return (
    <span class={delivery === 'read' ? 'read' : undefined} title={label} data-delivery={delivery}>
      <Icon />
      <span class="sr-only">{label}</span>
    </span>
  );
}
