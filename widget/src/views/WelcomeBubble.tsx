import { useWidget } from './context';

/** The campaign's welcome message, as the first thing the campaign "says". */
export function WelcomeBubble() {
  const config = useWidget().config.value;
  if (!config) return null;
  return (
    <div class="row first">
      <span class="sender">{config.name}</span>
      <p class="bubble" data-testid="welcome">
        {config.welcomeMessage}
      </p>
    </div>
  );
}
