/**
 * The call view's styles, adopted by the widget's shadow root when the call
 * chunk loads (the page's CSS does not reach in; the widget's `--accent` does).
 */
export const STAGE_CSS = `.call{position:relative;display:flex;color:#f8fafc;background:#0f172a;overflow:hidden}
.call.video{height:248px}
.call.audio{align-items:center;gap:12px;padding:12px 14px 12px 16px}
.call button{border:0;margin:0;font:inherit;color:inherit;cursor:pointer}
.call svg{display:block;width:20px;height:20px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}
.call :focus-visible{outline:2px solid #fff;outline-offset:2px}
.remote{position:absolute;inset:0;width:100%;height:100%;object-fit:cover;background:#0f172a;opacity:0;transition:opacity .3s}
.live .remote{opacity:1}
.peer{display:flex;align-items:center;gap:12px;min-width:0}
.video .peer{margin:auto;flex-direction:column;gap:10px;padding-bottom:44px;text-align:center}
.live .peer{visibility:hidden}
.peer-avatar{flex:none;display:grid;place-items:center;width:44px;height:44px;border-radius:50%;background:var(--accent);color:var(--on-accent);font-size:18px;font-weight:700}
.video .peer-avatar{width:72px;height:72px;font-size:28px}
.calling .peer-avatar{animation:call-pulse 1.6s ease-out infinite}
@keyframes call-pulse{0%{box-shadow:0 0 0 0 rgba(255,255,255,.35)}100%{box-shadow:0 0 0 18px rgba(255,255,255,0)}}
.peer-text{display:flex;flex-direction:column;min-width:0}
.peer-text b{font-size:15px;font-weight:650;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.status{display:flex;align-items:center;gap:6px;font-size:13px;color:#cbd5e1;font-variant-numeric:tabular-nums}
.status i{flex:none;width:8px;height:8px;border-radius:50%;background:#22c55e}
.video .status{position:absolute;z-index:1;left:12px;top:12px;padding:4px 10px;border-radius:12px;background:rgba(15,23,42,.65);color:#f8fafc;font-weight:600}
.video .peer .status{display:none}
.self{position:absolute;right:12px;top:12px;width:92px;height:69px;border-radius:10px;object-fit:cover;transform:scaleX(-1);background:#1e293b;box-shadow:0 6px 16px rgba(0,0,0,.45)}
.camera-off .self{visibility:hidden}
.controls{display:flex;gap:12px;margin-left:auto}
.video .controls{position:absolute;left:0;right:0;bottom:0;justify-content:center;margin:0;padding:32px 0 14px;background:linear-gradient(rgba(15,23,42,0),rgba(15,23,42,.6))}
.controls button{display:grid;place-items:center;width:44px;height:44px;border-radius:50%;background:rgba(255,255,255,.16)}
.audio .controls button{width:40px;height:40px}
.controls button:hover{background:rgba(255,255,255,.28)}
.controls .off{background:#f8fafc;color:#0f172a}
.controls .off:hover{background:#e2e8f0}
.controls .hang-up{width:56px;border-radius:22px;background:#dc2626}
.audio .controls .hang-up{width:52px;border-radius:20px}
.controls .hang-up:hover{background:#b91c1c}
.hang-up svg{transform:rotate(135deg)}
.call-problem{position:absolute;left:12px;right:12px;bottom:70px;margin:0;padding:6px 10px;border-radius:8px;background:rgba(185,28,28,.92);color:#fff;font-size:13px;text-align:center}
.audio .call-problem{position:static;padding:0;background:none;color:#fecaca;text-align:left}
@media (prefers-reduced-motion:reduce){.calling .peer-avatar{animation:none}.remote{transition:none}}`;
