/** webrtc-adapter's browser detection alone: the package's types cover only its main entry. */
declare module 'webrtc-adapter/src/js/utils.js' {
  export interface BrowserDetails {
    browser: string | null;
    version: number | null;
  }
  export function detectBrowser(window: Window): BrowserDetails;
}
