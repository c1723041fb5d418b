import { labels, type WidgetLanguage } from './language';
import type { WidgetConfig } from './transport';

const STYLE = `
:host { all: initial; }
* { box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.launcher { position: fixed; right: 24px; bottom: 24px; width: 60px; height: 60px; border-radius: 50%; border: 0;
  background: var(--parley-colour); color: #fff; cursor: pointer; box-shadow: 0 6px 20px rgba(0,0,0,.22);
  display: flex; align-items: center; justify-content: center; z-index: 2147483000; transition: transform .15s; }
.launcher:hover { transform: scale(1.06); }
.launcher:focus-visible { outline: 3px solid #fff; outline-offset: -6px; }
.launcher svg { width: 28px; height: 28px; fill: currentColor; }
.panel { position: fixed; right: 24px; bottom: 100px; width: 360px; max-width: calc(100vw - 32px);
  background: #fff; border-radius: 14px; box-shadow: 0 12px 40px rgba(0,0,0,.2); overflow: hidden;
  z-index: 2147483000; display: none; flex-direction: column; color: #1f2933; }
.panel.open { display: flex; }
.header { background: var(--parley-colour); color: #fff; padding: 16px 18px; display: flex; align-items: center; justify-content: space-between; }
.title { font-size: 16px; font-weight: 600; margin: 0; }
.status { font-size: 12px; opacity: .85; margin-top: 2px; }
.close { background: transparent; border: 0; color: #fff; font-size: 22px; line-height: 1; cursor: pointer; padding: 4px 8px; border-radius: 6px; }
.close:hover { background: rgba(255,255,255,.15); }
.body { padding: 18px; min-height: 140px; background: #f7f8fa; }
.bubble { background: #fff; border-radius: 12px 12px 12px 4px; padding: 12px 14px; font-size: 14px; line-height: 1.45;
  box-shadow: 0 1px 2px rgba(0,0,0,.06); max-width: 90%; white-space: pre-wrap; overflow-wrap: anywhere; }
.notice { font-size: 13px; color: #52606d; }
`;

const CHAT_ICON = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg>';

/** Renders the launcher and panel inside a shadow root, so the host page's CSS and ours never meet. */
export function renderWidget(host: HTMLElement, config: WidgetConfig, language: WidgetLanguage): ShadowRoot {
  const text = labels(language);
  const root = host.attachShadow({ mode: 'open' });
  host.style.setProperty('--parley-colour', /^#[0-9a-fA-F]{6}$/.test(config.colour) ? config.colour : '#2563EB');

  const style = document.createElement('style');
  style.textContent = STYLE;

  const launcher = document.createElement('button');
  launcher.className = 'launcher';
  launcher.type = 'button';
  launcher.setAttribute('aria-label', text.open);
  launcher.setAttribute('aria-expanded', 'false');
  launcher.innerHTML = CHAT_ICON;

  const panel = document.createElement('section');
  panel.className = 'panel';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', config.name);

  const header = document.createElement('div');
  header.className = 'header';
  const heading = document.createElement('div');
  const title = document.createElement('p');
  title.className = 'title';
  title.textContent = config.name;
  heading.append(title);
  if (!config.openNow) {
    const status = document.createElement('div');
    status.className = 'status';
    status.textContent = text.closed;
    heading.append(status);
  }
  const close = document.createElement('button');
  close.className = 'close';
  close.type = 'button';
  close.setAttribute('aria-label', text.close);
  close.textContent = '×';
  header.append(heading, close);

  const body = document.createElement('div');
  body.className = 'body';
  const bubble = document.createElement('div');
  bubble.className = 'bubble';
  bubble.setAttribute('data-testid', 'welcome');
  bubble.textContent = config.openNow ? config.welcomeMessage : config.outOfTimeMessage;
  body.append(bubble);
  panel.append(header, body);

  const toggle = (open: boolean) => {
    panel.classList.toggle('open', open);
    launcher.setAttribute('aria-expanded', String(open));
  };
  launcher.addEventListener('click', () => toggle(!panel.classList.contains('open')));
  close.addEventListener('click', () => toggle(false));

  root.append(style, panel, launcher);
  return root;
}
