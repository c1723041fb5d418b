import { useEffect, useRef } from 'preact/hooks';
import { callView } from '../call/call-view';
import { loadStage } from '../call/load-stage';
import { beep, unlockSound } from '../notify';
import type { Widget } from '../widget';
import { WidgetContext } from './context';
import { useVisualViewport } from './hooks';
import { ChatIcon, ChevronDownIcon } from './icons';
import { callerText } from './CallBar';
import { Panel } from './Panel';
import { plural, T } from '../i18n';

/** The launcher, and the panel while open. */
export function App({ widget }: { widget: Widget }) {
  const open = widget.open.value;
  const t = widget.t.value;
  const unread = widget.unread.value;
  const launcher = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLElement>(null);
  const wasOpen = useRef(open);
  useVisualViewport(panel, open);
  const interaction = widget.conversation.value?.interaction.value;
  const call = callView(interaction, false);
  const ringing = call.kind === 'incoming' && interaction ? callerText(t, interaction, call.call) : '';

  // A call ringing for the customer: said to screen readers, a ring every few seconds until answered, the call chunk fetched meanwhile.
  useEffect(() => {
    if (!ringing) return;
    widget.announcement.value = ringing;
    loadStage(widget.apiBase).catch(() => undefined);
    beep();
    const timer = setInterval(beep, 3000);
    return () => clearInterval(timer);
  }, [ringing]);

  // Focus follows the panel: into it when it opens, back to the launcher when it closes (if it was inside).
  useEffect(() => {
    if (open === wasOpen.current) return;
    wasOpen.current = open;
    if (open) {
      // The first field or the message box; the panel itself while its content is loading (it moves on once ready).
      (panel.current?.querySelector<HTMLElement>('[data-autofocus]') ?? panel.current)?.focus();
    } else {
      const root = launcher.current?.getRootNode() as ShadowRoot | undefined;
      if (!root?.activeElement || root.activeElement === launcher.current || document.activeElement === document.body) launcher.current?.focus();
    }
  }, [open]);

  const onKeyDown = (event: KeyboardEvent) => {
    unlockSound();
    if (event.key === 'Escape' && open && !event.defaultPrevented) {
      event.preventDefault();
      launcher.current?.focus();
      widget.setOpen(false);
    }
  };

  const label = unread > 0 && !open ? `${t(T.Launcher)}, ${t(plural(unread, T.UnreadOne, T.UnreadMany), unread)}` : t(T.Launcher);
  return (
    <WidgetContext.Provider value={widget}>
      <div class={`root${open ? ' open' : ''}`} lang={widget.language.value} onKeyDown={onKeyDown} onPointerDown={unlockSound}>
        <div class="sr-only" aria-live="polite" aria-atomic="true">
          {widget.announcement.value}
        </div>
        {open && <Panel panelRef={panel} />}
        <button ref={launcher} class={`launcher${ringing ? ' ringing' : ''}`} type="button" aria-label={label} aria-expanded={open} onClick={() => widget.setOpen(!open)}>
          {open ? <ChevronDownIcon /> : <ChatIcon />}
          {unread > 0 && !open && (
            <span class="badge" aria-hidden="true">
              {unread > 9 ? '9+' : unread}
            </span>
          )}
        </button>
      </div>
    </WidgetContext.Provider>
  );
}
