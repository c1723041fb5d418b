import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { callView } from '../call/call-view';
import { loadStage } from '../call/load-stage';
import type { Stage, StageHost, StageModule, StageProps } from '../call/stage-contract';
import type { Conversation } from '../conversation';
import { T, type Translate } from '../i18n';
import type { Call, Interaction } from '../model';
import type { Widget } from '../widget';
import { useWidget } from './context';
import { PhoneIcon, VideoIcon } from './icons';

/** A call mutation, run by the call chunk (loaded for it) on behalf of the chat. */
export type CallAction = (stage: StageModule, host: StageHost) => Promise<unknown>;

/** What the call chunk works through: the widget's API and token, and the chat, which shows each call change at once. */
export const callHost = (widget: Widget, conversation: Conversation): StageHost => ({
  apiBase: widget.apiBase,
  interactionId: conversation.id,
  token: () => widget.token(),
  changed: (call) => conversation.callChanged(call),
});

/** "Video call from Ana": who is calling, by name unless the campaign hides agents' names. */
export const callerText = (t: Translate, interaction: Interaction, call: Call) => t(call.kind === 'VIDEO' ? T.VideoCallFrom : T.VoiceCallFrom, interaction.agent?.name ?? t(T.AgentFallback));

/** Under the header: a call ringing for the customer, or the call itself. */
export function CallBar({ conversation, act, busy }: { conversation: Conversation; act: (action: CallAction) => void; busy: boolean }) {
  const widget = useWidget();
  const t = widget.t.value;
  const interaction = conversation.interaction.value;
  const view = callView(interaction, false);
  if (view.kind === 'stage') return <StageHost key={view.call.id} conversation={conversation} call={view.call} />;
  if (view.kind !== 'incoming') return null;
  const { call } = view;
  const text = callerText(t, interaction, call);
  const answer = (accept: boolean) => act((stage, host) => stage.answerCall(host, call, accept));
  return (
    <div class="ring" role="region" aria-label={text}>
      <span class="notice" aria-hidden="true">
        {call.kind === 'VIDEO' ? <VideoIcon /> : <PhoneIcon />}
      </span>
      <b>{text}</b>
      <button class="decline" type="button" disabled={busy} onClick={() => answer(false)}>
        <PhoneIcon />
        {t(T.DeclineCall)}
      </button>
      <button class="accept" type="button" disabled={busy} onClick={() => answer(true)} data-autofocus>
        <PhoneIcon />
        {t(T.AcceptCall)}
      </button>
    </div>
  );
}

/** The call's view, drawn by the call chunk into this element (inside the shadow root). */
function StageHost({ conversation, call }: { conversation: Conversation; call: Call }) {
  const widget = useWidget();
  const element = useRef<HTMLDivElement>(null);
  const stage = useRef<Stage | undefined>(undefined);
  const props: StageProps = { call, peer: conversation.interaction.value.agent?.name ?? widget.t.value(T.AgentFallback), language: widget.language.value };
  const latest = useRef(props);
  latest.current = props;

  // A layout effect: its cleanup runs while the call's view is still in the page, so focus inside it can move on.
  useLayoutEffect(() => {
    let gone = false;
    loadStage(widget.apiBase).then(({ mountStage }) => {
      if (!gone && element.current) stage.current = mountStage(element.current, callHost(widget, conversation), latest.current);
    }, console.warn);
    return () => {
      gone = true;
      stage.current?.destroy();
    };
  }, []);

  useEffect(() => stage.current?.update(props));
  return <div ref={element} />;
}
