import { useEffect, useState } from 'preact/hooks';
import { attachmentUrl, download, fileSize } from '../media';
import type { Attachment } from '../model';
import { useWidget } from './context';
import { FileIcon } from './icons';
import { T } from '../i18n';

/**
 * The bytes of an attachment as a blob: URL, fetched with the visitor token
 * (downloads are origin-checked, and <img>/<audio> send no Origin), revoked
 * when no longer shown.
 */
function useBlobUrl(url: string): string | undefined {
  const widget = useWidget();
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    const token = widget.token();
    if (!token) return;
    const abort = new AbortController();
    let objectUrl: string | undefined;
    attachmentUrl(url, token, abort.signal)
      .then((created) => {
        if (abort.signal.aborted) URL.revokeObjectURL(created);
        else setSrc((objectUrl = created));
      })
      .catch(() => undefined);
    return () => {
      abort.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [url]);
  return src;
}

/** Images inline, voice notes and audio playable, other files downloadable by name. */
export function AttachmentView({ attachment }: { attachment: Attachment }) {
  const { mimeType } = attachment;
  if (mimeType.startsWith('image/')) return <InlineImage attachment={attachment} />;
  if (mimeType.startsWith('audio/') || attachment.kind === 'VOICE_NOTE') return <Audio attachment={attachment} />;
  return <FileLink attachment={attachment} />;
}

function InlineImage({ attachment }: { attachment: Attachment }) {
  const t = useWidget().t.value;
  const src = useBlobUrl(attachment.url);
  return src ? <img class="image" src={src} alt={t(T.Image, attachment.name)} /> : <span class="image" role="img" aria-label={t(T.Image, attachment.name)} />;
}

function Audio({ attachment }: { attachment: Attachment }) {
  const t = useWidget().t.value;
  const src = useBlobUrl(attachment.url);
  return <audio controls preload="metadata" src={src} aria-label={attachment.kind === 'VOICE_NOTE' ? t(T.VoiceNote) : attachment.name} />;
}

function FileLink({ attachment }: { attachment: Attachment }) {
  const widget = useWidget();
  const t = widget.t.value;
  const save = () => {
    const token = widget.token();
    if (token) void download(attachment.url, token, attachment.name).catch(() => undefined);
  };
  return (
    <button class="file" type="button" onClick={save} aria-label={t(T.Download, attachment.name)}>
      <span class="notice" aria-hidden="true">
        <FileIcon />
      </span>
      <span class="name">
        <b>{attachment.name}</b>
        <small>{fileSize(attachment.size)}</small>
      </span>
    </button>
  );
}
