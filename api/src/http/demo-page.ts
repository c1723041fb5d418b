/** A stand-in customer website with the demo campaign's embed code pasted in, as a site owner would. */
export function demoPage(embed: string | undefined): string {
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
    <p>${embed ? `<code>${escapeHtml(embed)}</code>` : 'No campaign is enabled yet: create one in the console.'}</p>
  </div>
</main>
${embed ?? ''}
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
