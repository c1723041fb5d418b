/** The snippet a site owner pastes before `</body>`. The key is base64url, so it needs no escaping. */
export function embedCode(publicUrl: string, campaignKey: string, language?: 'en' | 'es' | 'pt'): string {
  const lang = language ? ` data-lang="${language}"` : '';
  return `<script src="${publicUrl}/widget.js" data-campaign="${campaignKey}"${lang} async></script>`;
}
