import { useEffect, useRef, useState } from 'preact/hooks';
import { callView } from '../call/call-view';
import { loadStage } from '../call/load-stage';
import { isOpen, isWaiting, type CallKind } from '../model';
import { describeError } from '../validation';
import { useWidget } from './context';
import { ConversationView } from './ConversationView';
import { CallBar, callHost, type CallAction } from './CallBar';
import { ChatIcon, ChevronDownIcon, ExitIcon, PhoneIcon, VideoIcon } from './icons';
import { DetailsForm } from './DetailsForm';
import { OfflineScreen, OfflineSent } from './OfflineForm';
import { WelcomeBubble } from './WelcomeBubble';
import { Unavailable } from './Unavailable';
import { T } from '../i18n';

/** The chat window: a header with the campaign and the chat's state, and the current screen. */
export function Panel({ panelRef }: { panelRef: { current: HTMLElement | null } }) {
  const widget = useWidget();
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const t = widget.t.value;
  const screen = widget.screen.value;
  const config = widget.config.value;
  const conversation = widget.conversation.value;
  const interaction = conversation?.interaction.value;
  const chatOpen = screen === 'conversation' && isOpen(interaction?.state);

  let subtitle: { text: string; dot?: 'on' | 'away' } | undefined;
  if (screen === 'prechat') subtitle = { text: t(T.Online), dot: 'on' };
  else if (screen === 'offline' || screen === 'offline-sent') subtitle = { text: t(T.ClosedNow), dot: 'away' };
  else if (screen === 'conversation' && interaction) {
    if (isWaiting(interaction.state)) subtitle = { text: t(T.InQueue), dot: 'away' };
    else if (interaction.state === 'ACTIVE') subtitle = { text: t(T.ChattingWith, interaction.agent?.name ?? t(T.AgentFallback)), dot: 'on' };
    else if (interaction.state !== 'REJECTED') subtitle = config?.openNow ? { text: t(T.Online), dot: 'on' } : { text: t(T.ClosedNow), dot: 'away' };
  }
  // A new screen (the chat started, ended, a new one) takes focus if the customer was using the panel and focus fell out of it.
  const used = useRef(false);
  useEffect(() => {
    const element = panelRef.current;
    if (!element) return;
    const active = (element.getRootNode() as ShadowRoot).activeElement;
    // Focus stays where the customer put it; it moves on when it was on the panel itself (opened while loading) or fell out.
    if (active !== element && (!used.current || (active && element.contains(active)))) return;
    (element.querySelector<HTMLElement>('[data-autofocus]') ?? element).focus();
  }, [screen, chatOpen]);

  const initial = (interaction?.state === 'ACTIVE' && interaction.agent?.name) || config?.name || '';

  const leave = async () => {
    setConfirming(false);
    setProblem(undefined);
    await conversation?.leave().catch((error: unknown) => setProblem(describeError(error, t)));
  };

  // Calls' mutations come with the call chunk: loaded on the first click, already there while a call rings.
  const act = (action: CallAction) => {
    if (!conversation || busy) return;
    setBusy(true);
    setProblem(undefined);
    loadStage(widget.apiBase)
      .then((stage) => action(stage, callHost(widget, conversation)))
      .catch((error: unknown) => setProblem(describeError(error, t)))
      .finally(() => setBusy(false));
  };
  const callButtons: [CallKind, T, typeof PhoneIcon][] = [
    ['AUDIO', T.StartVoiceCall, PhoneIcon],
    ['VIDEO', T.StartVideoCall, VideoIcon],
  ];

  return (
    <section ref={panelRef} class="panel" role="dialog" aria-labelledby="parley-title" tabIndex={-1} onPointerDown={() => (used.current = true)} onKeyDown={() => (used.current = true)}>
      <header class="header">
        <span class="avatar" aria-hidden="true">
          {initial.trim().charAt(0).toUpperCase() || <ChatIcon />}
        </span>
        <div class="heading">
          <h2 class="title" id="parley-title">
            {config?.name ?? t(T.Launcher)}
          </h2>
          {subtitle && (
            <p class="subtitle">
              {subtitle.dot && <span class={`dot${subtitle.dot === 'away' ? ' away' : ''}`} aria-hidden="true" />}
              {subtitle.text}
            </p>
          )}
        </div>
        {chatOpen &&
          callView(interaction, !!config?.callsAvailable).kind === 'available' &&
          callButtons.map(([kind, label, Icon]) => (
            <button key={kind} class="icon" type="button" aria-label={t(label)} title={t(label)} disabled={busy} onClick={() => act((stage, host) => stage.startCall(host, kind))}>
              <Icon />
            </button>
          ))}
        {chatOpen && (
          <button class="icon" type="button" aria-label={t(T.EndChat)} title={t(T.EndChat)} aria-expanded={confirming} onClick={() => setConfirming(!confirming)}>
            <ExitIcon />
          </button>
        )}
        <button class="icon" type="button" aria-label={t(T.Minimize)} title={t(T.Minimize)} onClick={() => widget.setOpen(false)}>
          <ChevronDownIcon />
        </button>
      </header>
      {chatOpen && confirming && (
        <div class="confirm" role="group" aria-label={t(T.EndConfirm)}>
          <span>{t(T.EndConfirm)}</span>
          <button class="secondary small" type="button" onClick={() => setConfirming(false)}>
            {t(T.KeepChatting)}
          </button>
          <button class="primary small" type="button" onClick={leave}>
            {t(T.EndChat)}
          </button>
        </div>
      )}
      {problem && (
        <p class="banner" role="alert">
          {problem}
        </p>
      )}
      {screen === 'conversation' && conversation && <CallBar conversation={conversation} act={act} busy={busy} />}
      {screen === 'loading' && (
        <div class="body">
          <div class="center" role="status">
            <span class="spinner" aria-hidden="true" />
            <span class="sr-only">{t(T.Loading)}</span>
          </div>
        </div>
      )}
      {screen === 'unavailable' && <Unavailable />}
      {screen === 'prechat' && (
        <div class="body">
          <WelcomeBubble />
          <DetailsForm />
        </div>
      )}
      {screen === 'offline' && <OfflineScreen />}
      {screen === 'offline-sent' && <OfflineSent />}
      {screen === 'conversation' && conversation && <ConversationView conversation={conversation} />}
    </section>
  );
}
