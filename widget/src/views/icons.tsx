/** Inline SVG icons (24×24, currentColor), decorative: their buttons carry the names. */
const icon = (d: string, filled?: boolean) =>
  function Icon() {
    return (
      <svg viewBox="0 0 24 24" aria-hidden="true" fill={filled ? 'currentColor' : 'none'} stroke={filled ? undefined : 'currentColor'} stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
        <path d={d} />
      </svg>
    );
  };

export const ChatIcon = icon('M6 3h12a3 3 0 0 1 3 3v8a3 3 0 0 1-3 3H9l-5 4V6a3 3 0 0 1 3-3z', true);
export const ChevronDownIcon = icon('M6 9l6 6 6-6');
export const ExitIcon = icon('M15 12H4m4-4-4 4 4 4m6-12h4a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-4');
export const SendIcon = icon('M3 11 21 3l-8 18-2-8z', true);
export const SmileIcon = icon('M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zm-4-7s1 2 4 2 4-2 4-2M9 9h0m6 0h0');
export const PaperclipIcon = icon('m20 11-8 8a5 5 0 0 1-7-7l8-8a3 3 0 0 1 5 5l-8 8a1 1 0 0 1-3-3l7-7');
export const MicIcon = icon('M12 15a3 3 0 0 0 3-3V6a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm7-4a7 7 0 0 1-14 0m7 7v3');
export const StopIcon = icon('M7 7h10v10H7z', true);
export const XIcon = icon('M6 6l12 12M18 6 6 18');
export const CheckIcon = icon('m5 12 5 5 9-10');
export const DoubleCheckIcon = icon('m2 12 5 5 9-10m-4 8 2 2 9-10');
export const ClockIcon = icon('M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zm0-14v5l3 2');
export const AlertIcon = icon('M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zm0-13v5m0 3h0');
export const FileIcon = icon('M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8zm0 0v5h5');
export const OfflineIcon = icon('M2 9a15 15 0 0 1 20 0M5 13a10 10 0 0 1 14 0m-10 3a5 5 0 0 1 6 0m-3 4h0M3 3l18 18');
export const StarIcon = icon('m12 3 3 6 6 1-5 4 1 7-5-3-5 3 1-7-5-4 6-1z', true);
export const PhoneIcon = icon('M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 5a2 2 0 0 1 2-2');
export const VideoIcon = icon('m16 10 6-4v12l-6-4M2 6h14v12H2z');
