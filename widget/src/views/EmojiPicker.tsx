import { useEffect, useRef } from 'preact/hooks';

/** A curated set: faces, gestures and the symbols people use in support chats. */
const EMOJI = '😀 😄 😊 🙂 😉 😍 🥰 😎 🤔 😅 😂 🥲 😢 😮 😴 😬 🙁 😡 🙏 👍 👎 👌 👏 🙌 👋 💪 🤝 ✌️ ❤️ 💙 ✨ 🎉 🔥 ⭐ ✅ ❌ ⚠️ ❓ 📦 ⏰'.split(' ');

/** A grid of emoji buttons; Escape closes it and returns to the emoji button. */
export function EmojiPicker({ label, onPick, onClose }: { label: string; onPick(emoji: string): void; onClose(): void }) {
  const grid = useRef<HTMLDivElement>(null);
  useEffect(() => grid.current?.querySelector('button')?.focus(), []);
  return (
    <div
      class="emoji"
      ref={grid}
      role="group"
      aria-label={label}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        onClose();
      }}
    >
      {EMOJI.map((emoji) => (
        <button key={emoji} type="button" onClick={() => onPick(emoji)}>
          {emoji}
        </button>
      ))}
    </div>
  );
}
