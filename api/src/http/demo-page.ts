/** What /demo shows: a campaign's embed code, or why there is none. Never another campaign than the one asked for. */
export type DemoCampaign =
  | { readonly kind: 'found'; readonly name: string; readonly key: string; readonly enabled: boolean; readonly embed: string }
  | { readonly kind: 'unknown'; readonly key: string }
  | { readonly kind: 'none' };

/** A stand-in customer website with the demo campaign's embed code pasted in, as a site owner would. */
export function demoPage(campaign: DemoCampaign): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Northwind Outfitters · Parley demo</title>
<style>
  body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #1f2933; background: #f5f7fa; }
  header { background: #243b53; color: #fff; padding: 20px 40px; font-size: 20px; font-weight: 600; }
  main { max-width: 760px; margin: 40px auto; padding: 0 24px; }
  .card { background: #fff; border-radius: 12px; padding: 24px 28px; box-shadow: 0 1px 3px rgba(0,0,0,.08); margin-bottom: 20px; }
  .notice { border-left: 4px solid #b45309; background: #fffbeb; padding: 8px 12px; }
  h1 { font-size: 28px; margin: 0 0 8px; }
  code { background: #eef2f7; padding: 2px 6px; border-radius: 4px; font-size: 13px; word-break: break-all; }
</style>
</head>
<body>
<header>Northwind Outfitters</header>
<main>
  <div class="card">
    <h1>Gear for every trail</h1>
    <p>This page stands in for a customer's website. The chat button in the corner is the Parley widget,
    added with the campaign's embed code:</p>
    ${describe(campaign)}
  </div>
</main>
${campaign.kind === 'found' ? campaign.embed : ''}
</body>
</html>`;
}

function describe(campaign: DemoCampaign): string {
  switch (campaign.kind) {
    case 'found':
      return `<p><code>${escapeHtml(campaign.embed)}</code></p>${
        campaign.enabled
          ? ''
          : `<p class="notice" role="status">The campaign “${escapeHtml(campaign.name)}” (<code>${escapeHtml(campaign.key)}</code>) is disabled: the widget shows that chat is unavailable. Enable it in the console.</p>`
      }`;
    case 'unknown':
      return `<p class="notice" role="alert">No campaign has the key <code>${escapeHtml(campaign.key)}</code>.</p>`;
    case 'none':
      return '<p>There is no campaign yet: create one in the console.</p>';
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
