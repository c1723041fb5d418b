/**
 * The widget's only styles, adopted by its shadow root as constructable
 * stylesheets (no <style> or style attributes, which a host page's CSP may
 * forbid). `:host` resets everything the page could impose on our element;
 * its !important wins over the page's own !important (shadow cascade order).
 */
export const CSS = `:host{all:initial!important;display:block!important;position:static!important;visibility:visible!important;opacity:1!important;transform:none!important;filter:none!important}
.root{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#111827;text-align:left;-webkit-font-smoothing:antialiased}
*,:after,:before{box-sizing:border-box}
button,input,textarea{font:inherit;color:inherit;margin:0}
button{cursor:pointer}
p,h2,h3,fieldset{margin:0}
svg{display:block;flex:none;width:20px;height:20px}
.sr-only{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap}
.launcher,.panel{position:fixed;right:20px;z-index:2147483000}
.launcher{bottom:20px;width:60px;height:60px;border:0;border-radius:50%;display:grid;place-items:center;background:var(--accent);color:var(--on-accent);box-shadow:0 10px 25px -5px rgba(15,23,42,.35);transition:transform .2s}
.launcher:hover{transform:translateY(-2px)}
.launcher svg{width:28px;height:28px}
.badge{position:absolute;top:-3px;right:-3px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#c81e1e;color:#fff;font:700 12px/22px system-ui,sans-serif;box-shadow:0 0 0 2px #fff}
.panel{bottom:92px;width:380px;max-width:calc(100vw - 40px);height:min(640px,calc(100vh - 116px));height:min(640px,calc(100dvh - 116px));display:flex;flex-direction:column;background:#fff;border-radius:16px;overflow:hidden;box-shadow:0 24px 48px -12px rgba(15,23,42,.4),0 0 0 1px rgba(15,23,42,.06);animation:rise .2s ease-out}
.panel:focus{outline:0}
@keyframes rise{from{opacity:0;transform:translateY(12px)}}
@keyframes spin{to{transform:rotate(1turn)}}
@keyframes blink{40%{opacity:1;transform:translateY(-3px)}}
@keyframes pulse{50%{opacity:.3}}
.header{display:flex;align-items:center;gap:12px;padding:14px 10px 14px 16px;background:var(--accent);color:var(--on-accent)}
.avatar,.position{display:grid;place-items:center;border-radius:50%;font-weight:700}
.avatar{flex:none;width:40px;height:40px;background:var(--on-accent);color:var(--accent);font-size:16px}
.heading{flex:1;min-width:0}
.title,.subtitle{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.title{font-size:16px;font-weight:650;line-height:1.25}
.subtitle{display:flex;align-items:center;gap:6px;margin-top:2px;font-size:13px}
.dot{flex:none;width:8px;height:8px;border-radius:50%;background:#22c55e}
.dot.away{background:#9ca3af}
.icon,.tool{border:0;background:none;display:grid;place-items:center;padding:0;border-radius:10px}
.icon{width:36px;height:36px;color:inherit}
.icon+.icon{margin-left:-10px}
.icon:hover{background:rgba(0,0,0,.14)}
.header :focus-visible{outline:2px solid currentColor;outline-offset:-3px}
:focus-visible{outline:2px solid var(--ink);outline-offset:2px}
.confirm,.banner{display:flex;align-items:center;gap:8px;padding:8px 16px;font-size:13px}
.confirm{background:#fff7ed;border-bottom:1px solid #fed7aa;color:#7c2d12;font-weight:600}
.confirm span{flex:1}
.banner{background:#fef3c7;border-bottom:1px solid #fde68a;color:#713f12}
.banner svg{width:16px;height:16px}
.body{flex:1;min-height:0;overflow-y:auto;overscroll-behavior:contain;padding:16px;background:#f6f7f9;display:flex;flex-direction:column;gap:12px}
.center{margin:auto;max-width:280px;text-align:center;display:flex;flex-direction:column;align-items:center;gap:12px;color:#374151}
.spinner{width:32px;height:32px;border-radius:50%;border:3px solid #e5e7eb;border-top-color:var(--accent);animation:spin .9s linear infinite}
.notice{width:48px;height:48px;border-radius:50%;display:grid;place-items:center;background:#eceef2;color:#4b5563}
.notice svg{width:24px;height:24px}
.done{background:var(--accent);color:var(--on-accent)}
.card{width:100%;background:#fff;border:1px solid #e5e7eb;border-radius:14px;padding:16px;box-shadow:0 1px 2px rgba(15,23,42,.04)}
.card-title{margin-bottom:12px;font-size:15px;font-weight:650}
.field{display:flex;flex-direction:column;gap:6px;margin-bottom:14px}
label{font-size:13px;font-weight:600;color:#374151}
.optional{font-weight:400;color:#5b6472}
.input{width:100%;padding:10px 12px;border:1px solid #c9ced6;border-radius:10px;background:#fff}
textarea.input{resize:vertical}
.input:focus,.composer textarea:focus{outline:0;border-color:var(--ink);box-shadow:0 0 0 1px var(--ink)}
[aria-invalid=true]{border-color:#b91c1c!important}
.error{display:flex;gap:6px;font-size:12.5px;color:#b91c1c}
.error svg{width:15px;height:15px;margin-top:1px}
.form-error{margin-bottom:12px}
.primary,.secondary{display:flex;justify-content:center;width:100%;padding:11px 16px;border-radius:10px;font-weight:600}
.primary{border:0;background:var(--accent);color:var(--on-accent)}
.primary:hover{filter:brightness(.94)}
.primary:disabled{opacity:.75;cursor:progress}
.secondary{border:1px solid #c9ced6;background:#fff}
.secondary:hover{background:#f3f4f6}
.small{width:auto;padding:6px 12px;font-size:13px}
.link{border:0;background:none;padding:2px 4px;white-space:nowrap;color:var(--ink);font-size:13px;font-weight:600;text-decoration:underline}
.thread{display:flex;flex-direction:column;gap:3px}
.row{display:flex;flex-direction:column;max-width:82%;align-self:flex-start;align-items:flex-start}
.first{margin-top:10px}
.first:first-child{margin-top:0}
.own{align-self:flex-end;align-items:flex-end}
.sender{margin:0 0 4px 4px;font-size:12px;font-weight:600;color:#4b5563}
.bubble{padding:9px 13px;border-radius:18px;background:#fff;border:1px solid #e3e6ea;white-space:pre-wrap;overflow-wrap:anywhere}
.first .bubble{border-top-left-radius:6px}
.own .bubble{background:var(--accent);border-color:var(--accent);color:var(--on-accent);border-radius:18px}
.own.first .bubble{border-top-right-radius:6px}
.bubble a{color:inherit}
.row:not(.own) a{color:var(--ink)}
.media{padding:0;background:none!important;border:0!important}
.meta{display:flex;align-items:center;gap:4px;margin:3px 6px 0;font-size:11.5px;color:#5b6472}
.meta svg{width:15px;height:15px}
.read{color:var(--ink)}
.failed{color:#b91c1c}
.system{align-self:center;max-width:90%;margin:8px 0;padding:6px 12px;border-radius:12px;background:#eceef2;color:#374151;font-size:12.5px;text-align:center;white-space:pre-wrap}
.image{display:block;max-width:230px;max-height:260px;min-width:60px;min-height:60px;border-radius:14px;object-fit:cover;background:#e5e7eb}
.file{display:flex;align-items:center;gap:10px;border:0;background:none;text-align:left;padding:4px}
.name b,.name small{display:block;max-width:180px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.name small{font-size:12px}
.file .notice{width:36px;height:36px;border-radius:10px;background:rgba(0,0,0,.08);color:inherit}
audio{display:block;width:230px;height:40px}
.typing{display:flex;align-items:center;gap:8px;margin-top:6px;font-size:12.5px;color:#4b5563}
.dots{display:flex;gap:4px;padding:11px 13px;background:#fff;border:1px solid #e3e6ea;border-radius:6px 18px 18px}
.dots i{width:6px;height:6px;border-radius:50%;background:#8b93a1;opacity:.35;animation:blink 1.2s infinite}
.dots i+i{animation-delay:.15s}
.dots i+i+i{animation-delay:.3s}
.queue{display:flex;align-items:center;gap:14px}
.position{flex:none;width:48px;height:48px;background:var(--accent);color:var(--on-accent);font-size:20px}
.queue .spinner{width:48px;height:48px}
.queue b{display:block;font-size:15px;font-weight:650}
.queue-foot{display:flex;align-items:center;justify-content:space-between;gap:8px;margin-top:12px;padding-top:10px;border-top:1px solid #eceef2}
.muted{font-size:13px;color:#4b5563}
.ended{display:flex;flex-direction:column;align-items:center;gap:12px;text-align:center}
.stars{display:flex;justify-content:center;gap:4px;margin-bottom:14px;padding:0;border:0}
legend{width:100%;margin-bottom:8px;font-size:15px;font-weight:650;white-space:pre-wrap}
.star{position:relative;display:grid;place-items:center;width:40px;height:40px;border-radius:10px;color:#c3c8d0}
.star.on{color:#f59e0b}
.star svg{width:30px;height:30px}
.star input{position:absolute;inset:0;opacity:0;cursor:pointer}
.star:focus-within{outline:2px solid var(--ink)}
.composer{position:relative;display:flex;align-items:flex-end;gap:2px;padding:10px 10px 12px;border-top:1px solid #e5e7eb}
.composer textarea{flex:1;min-width:0;height:40px;max-height:120px;resize:none;border:1px solid #d4d8de;border-radius:20px;padding:9px 14px;background:#f9fafb}
::placeholder{color:#6b7280}
.tool{width:36px;height:40px;color:#4b5563}
.tool:hover,.tool[aria-expanded=true]{background:#f1f3f5;color:#111827}
.tool svg{width:22px;height:22px}
.send{flex:none;width:40px;height:40px;margin-left:4px;border:0;border-radius:50%;background:var(--accent);color:var(--on-accent);display:grid;place-items:center}
.recording{flex:1;display:flex;align-items:center;gap:10px;height:40px;padding:0 14px;border-radius:20px;background:#fef2f2;color:#991b1b;font-weight:600}
.recording i{width:10px;height:10px;border-radius:50%;background:#dc2626;animation:pulse 1s infinite}
.composer-error{padding:8px 16px;background:#fef2f2}
.emoji{position:absolute;left:8px;bottom:calc(100% + 6px);display:grid;grid-template-columns:repeat(8,1fr);gap:2px;padding:8px;background:#fff;border:1px solid #e5e7eb;border-radius:14px;box-shadow:0 16px 32px -8px rgba(15,23,42,.28)}
.emoji button{width:34px;height:34px;border:0;border-radius:8px;background:none;font-size:20px}
.emoji button:hover{background:#f1f3f5}
.ring{display:flex;flex-wrap:wrap;align-items:center;gap:10px 12px;padding:14px 16px;background:#0f172a;color:#fff}
.ring b{flex:1 0 60%}
.ring .notice{background:#15803d;color:#fff}
.ring .notice,.ringing{animation:ring 1.5s infinite}
@keyframes ring{from{box-shadow:0 0 0 0 #15803d}to{box-shadow:0 0 0 12px #15803d00}}
.ring button{flex:1 0 40%;display:flex;justify-content:center;align-items:center;gap:6px;padding:9px 4px;border:0;border-radius:20px;background:#15803d;font-size:13px;font-weight:600}
.ring .decline{background:#b91c1c}
.decline svg{transform:rotate(135deg)}
.ring :focus-visible{outline-color:#fff}
@media (max-width:479.98px){
.panel{top:0;left:0;right:0;bottom:auto;width:auto;max-width:none;height:100vh;height:100dvh;border-radius:0;animation:none}
.open .launcher{display:none}
}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}`;
