import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Conversation } from '../conversation';
import { canRecord, startRecording, type Recording } from '../recorder';
import { useWidget } from './context';
import { EmojiPicker } from './EmojiPicker';
import { MicIcon, PaperclipIcon, SendIcon, SmileIcon, StopIcon, XIcon } from './icons';
import { T } from '../i18n';

const ACCEPT = 'image/*,audio/*,application/pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods';

/** The message box: text and emoji, files and voice notes when the campaign takes them. */
export function Composer({ conversation }: { conversation: Conversation }) {
  const widget = useWidget();
  const t = widget.t.value;
  const media = widget.config.value?.mediaEnabled ?? false;
  const [text, setText] = useState('');
  const [picking, setPicking] = useState(false);
  const [recording, setRecording] = useState<Recording>();
  const [seconds, setSeconds] = useState(0);
  const [error, setError] = useState<string>();
  const input = useRef<HTMLTextAreaElement>(null);
  const files = useRef<HTMLInputElement>(null);
  const emojiButton = useRef<HTMLButtonElement>(null);
  // Where the caret goes once the box shows an inserted emoji: set with the new text, before any further key press lands.
  const caret = useRef<number | undefined>(undefined);

  useLayoutEffect(() => {
    if (caret.current === undefined) return;
    input.current?.setSelectionRange(caret.current, caret.current);
    caret.current = undefined;
  }, [text]);

  // Grow with the text up to a few lines.
  useEffect(() => {
    const element = input.current;
    if (!element) return;
    element.style.height = 'auto';
    element.style.height = `${Math.min(element.scrollHeight + 2, 120)}px`;
  }, [text]);

  useEffect(() => {
    if (!recording) return;
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 500);
    return () => clearInterval(timer);
  }, [recording]);

  // A recording in progress stops with the composer (the chat ended, the panel closed).
  const active = useRef<Recording | undefined>(undefined);
  useEffect(() => () => active.current?.cancel(), []);

  const send = () => {
    if (text.trim() === '') return;
    widget.send(text);
    setText('');
    input.current?.focus();
  };

  const insertEmoji = (emoji: string) => {
    const element = input.current;
    const start = element?.selectionStart ?? text.length;
    const end = element?.selectionEnd ?? text.length;
    caret.current = start + emoji.length;
    setText(text.slice(0, start) + emoji + text.slice(end));
    setPicking(false);
    element?.focus();
  };

  const record = async () => {
    setError(undefined);
    try {
      const started = await startRecording(() => void finishRecording(started));
      active.current = started;
      setSeconds(0);
      setRecording(started);
    } catch {
      setError(t(T.Microphone));
    }
  };

  const finishRecording = async (current: Recording | undefined = active.current) => {
    if (!current || current !== active.current) return;
    active.current = undefined;
    setRecording(undefined);
    const note = await current.stop();
    if (note) widget.sendFile(note.blob, note.name, 'VOICE_NOTE');
    input.current?.focus();
  };

  const cancelRecording = () => {
    active.current?.cancel();
    active.current = undefined;
    setRecording(undefined);
    input.current?.focus();
  };

  const attach = (event: Event) => {
    const picked = event.currentTarget as HTMLInputElement;
    for (const file of Array.from(picked.files ?? [])) widget.sendFile(file, file.name, 'FILE');
    picked.value = '';
  };

  return (
    <>
      {error && (
        <p class="composer-error error" role="alert">
          {error}
        </p>
      )}
      <form
        class="composer"
        onSubmit={(event) => {
          event.preventDefault();
          send();
        }}
       
      >
        {picking && (
          <EmojiPicker
            label={t(T.Emoji)}
            onPick={insertEmoji}
            onClose={() => {
              setPicking(false);
              emojiButton.current?.focus();
            }}
          />
        )}
        {recording ? (
          <>
            <button class="tool" type="button" aria-label={t(T.CancelRecording)} title={t(T.CancelRecording)} onClick={cancelRecording}>
              <XIcon />
            </button>
            <span class="recording" role="status">
              <i aria-hidden="true" />
              {t(T.Recording)} {Math.floor(seconds / 60)}:{String(seconds % 60).padStart(2, '0')}
            </span>
            <button class="send" type="button" aria-label={t(T.StopAndSend)} title={t(T.StopAndSend)} onClick={() => void finishRecording()}>
              <StopIcon />
            </button>
          </>
        ) : (
          <>
            <button ref={emojiButton} class="tool" type="button" aria-label={t(T.Emoji)} title={t(T.Emoji)} aria-expanded={picking} onClick={() => setPicking(!picking)}>
              <SmileIcon />
            </button>
            {media && (
              <>
                <button class="tool" type="button" aria-label={t(T.Attach)} title={t(T.Attach)} onClick={() => files.current?.click()}>
                  <PaperclipIcon />
                </button>
                <input ref={files} type="file" accept={ACCEPT} multiple hidden onChange={attach} tabIndex={-1} />
              </>
            )}
            <textarea
              ref={input}
              rows={1}
              value={text}
              aria-label={t(T.WriteMessage)}
              placeholder={t(T.WriteMessage)}
              maxLength={5000}
              data-autofocus
              onInput={(event) => {
                setText(event.currentTarget.value);
                conversation.typing();
              }}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
                  event.preventDefault();
                  send();
                }
              }}
            />
            {media && canRecord() && text.trim() === '' ? (
              <button class="send" type="button" aria-label={t(T.Record)} title={t(T.Record)} onClick={() => void record()}>
                <MicIcon />
              </button>
            ) : (
              <button class="send" type="submit" aria-label={t(T.Send)} title={t(T.Send)} disabled={text.trim() === ''}>
                <SendIcon />
              </button>
            )}
          </>
        )}
      </form>
    </>
  );
}
