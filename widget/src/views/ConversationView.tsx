import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { Conversation } from '../conversation';
import { isOpen, isWaiting } from '../model';
import { Composer } from './Composer';
import { useWidget } from './context';
import { EndedCard } from './EndedCard';
import { OfflineIcon } from './icons';
import { QueueCard } from './QueueCard';
import { Thread } from './Thread';
import { WelcomeBubble } from './WelcomeBubble';
import { T } from '../i18n';

/** Waiting, chatting and the chat's end: one thread, with what fits the state around it. */
export function ConversationView({ conversation }: { conversation: Conversation }) {
  const widget = useWidget();
  const t = widget.t.value;
  const interaction = conversation.interaction.value;
  const messages = conversation.messages.value;
  const outbox = widget.outbox.entries.value;
  const typing = conversation.agentTyping.value;
  const socket = widget.socket.status.value;
  const online = widget.online.value;
  const open = widget.open.value;
  const body = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const refused = interaction.state === 'REJECTED';

  // Stay at the newest message unless the customer scrolled up to read.
  useLayoutEffect(() => {
    const element = body.current;
    if (element && pinned.current) element.scrollTop = element.scrollHeight;
  }, [messages, outbox, typing, interaction.state]);

  // What is on screen while the page is visible counts as read.
  useEffect(() => {
    const mark = () => open && !document.hidden && conversation.markRead();
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [messages, open, conversation]);

  const banner = !online ? t(T.OfflineBanner) : socket === 'reconnecting' && isOpen(interaction.state) ? t(T.Reconnecting) : undefined;
  return (
    <>
      {banner && (
        <p class="banner" role="status">
          <OfflineIcon />
          {banner}
        </p>
      )}
      {/* Focusable: the transcript scrolls by keyboard too (the call's view above it leaves it less room). */}
      <div
        class="body"
        ref={body}
        tabIndex={0}
        onScroll={(event) => {
          const element = event.currentTarget;
          pinned.current = element.scrollHeight - element.scrollTop - element.clientHeight < 40;
        }}
      >
        {refused ? (
          <EndedCard conversation={conversation} />
        ) : (
          <>
            <WelcomeBubble />
            {isWaiting(interaction.state) && <QueueCard conversation={conversation} />}
            <Thread conversation={conversation} />
            {typing && interaction.state === 'ACTIVE' && (
              <div class="typing">
                <span class="dots" aria-hidden="true">
                  <i />
                  <i />
                  <i />
                </span>
                <span>{t(T.Typing, interaction.agent?.name ?? t(T.AgentFallback))}</span>
              </div>
            )}
            {!isOpen(interaction.state) && <EndedCard conversation={conversation} />}
          </>
        )}
      </div>
      {isOpen(interaction.state) && <Composer conversation={conversation} />}
    </>
  );
}
