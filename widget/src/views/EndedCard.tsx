import { useState } from 'preact/hooks';
import type { Conversation } from '../conversation';
import { useWidget } from './context';
import { AlertIcon, CheckIcon, StarIcon } from './icons';
import { plural, T } from '../i18n';

/** After the chat: why it ended, the feedback form when the campaign asks for it, and a new chat. */
export function EndedCard({ conversation }: { conversation: Conversation }) {
  const widget = useWidget();
  const t = widget.t.value;
  const config = widget.config.value;
  const interaction = conversation.interaction.value;
  const messages = conversation.messages.value;

  if (interaction.state === 'REJECTED') {
    // The campaign's refusal in the visitor's language is the chat's last system message.
    const refusal = [...messages].reverse().find((message) => message.sender.kind === 'SYSTEM')?.text ?? config?.notAvailableMessage ?? t(T.Generic);
    return (
      <div class="center" role="alert">
        <span class="notice" aria-hidden="true">
          <AlertIcon />
        </span>
        <p>{refusal}</p>
        <button class="primary small" type="button" onClick={() => void widget.newChat()}>
          {t(T.TryAgain)}
        </button>
      </div>
    );
  }

  const askFeedback = interaction.state === 'CLOSED' && config?.feedbackEnabled;
  return (
    <div class="ended">
      <p class="muted" role="status">
        {interaction.closeReason === 'CONTACT_LEFT' ? t(T.YouLeft) : t(T.ChatEnded)}
      </p>
      {askFeedback && (interaction.feedback ? <Thanks /> : <FeedbackForm />)}
      <button class="secondary" type="button" onClick={() => void widget.newChat()}>
        {t(T.NewChat)}
      </button>
    </div>
  );
}

function Thanks() {
  const t = useWidget().t.value;
  return (
    <div class="card center" role="status">
      <span class="notice done" aria-hidden="true">
        <CheckIcon />
      </span>
      <p class="card-title">{t(T.FeedbackThanks)}</p>
    </div>
  );
}

function FeedbackForm() {
  const widget = useWidget();
  const t = widget.t.value;
  const [rating, setRating] = useState(0);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (rating < 1) return setError(t(T.ChooseRating));
    setBusy(true);
    setError(await widget.leaveFeedback(rating, note));
    setBusy(false);
  };
  return (
    <form class="card" noValidate onSubmit={submit}>
      <fieldset class="stars" aria-describedby={error ? 'parley-rating-error' : undefined}>
        <legend>{widget.config.value?.feedbackMessage}</legend>
        {[1, 2, 3, 4, 5].map((value) => (
          <label key={value} class={`star${value <= rating ? ' on' : ''}`}>
            <input type="radio" name="parley-rating" value={value} checked={rating === value} onChange={() => (setRating(value), setError(undefined))} aria-label={t(plural(value, T.RateOutOfOne, T.RateOutOfMany), value)} />
            <StarIcon />
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label for="parley-feedback-note">
          {t(T.FeedbackNote)} <span class="optional">({t(T.Optional)})</span>
        </label>
        <textarea id="parley-feedback-note" class="input" rows={3} value={note} onInput={(event) => setNote(event.currentTarget.value)} />
      </div>
      {error && (
        <p class="error form-error" id="parley-rating-error" role="alert">
          <AlertIcon />
          <span>{error}</span>
        </p>
      )}
      <button class="primary" type="submit" disabled={busy}>
        {t(T.SendFeedback)}
      </button>
    </form>
  );
}

