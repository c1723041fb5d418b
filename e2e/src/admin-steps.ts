import type { Browser, Locator, Page } from 'playwright-core';
import { screenshot } from './browser';
import { signIn } from './stack';

/** A new browser context (its own storage, so its own session) signed in to the console as `email`. */
export async function consoleAs(browser: Browser, baseUrl: string, email: string, password: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'en-GB' });
  const page = await context.newPage();
  await signIn(page, baseUrl, email, password);
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));
  return page;
}

/** Opens a campaign from the list in the navigation, as a person would. */
export async function openCampaign(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Campaigns', exact: true }).click();
  await page.getByRole('table', { name: 'Campaigns' }).waitFor();
  await page.getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { name, exact: true }).waitFor();
}

/** The editor's tab of that name (Basic, Other fields, …), opened. */
export async function openTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tablist', { name: 'Campaign settings' }).getByRole('tab', { name, exact: true });
  await tab.click();
  await page.waitForFunction((id) => document.getElementById(id ?? '')?.hidden === false, await tab.getAttribute('aria-controls'));
}

/** The messages of one language ("English", "Español", "Português"), its tab opened. */
export async function messagesIn(page: Page, language: string): Promise<Locator> {
  await page.getByRole('tablist', { name: 'Message language' }).getByRole('tab', { name: language }).click();
  const panel = page.getByRole('tabpanel', { name: language });
  await panel.waitFor();
  return panel;
}

/** The text of the option a <select> shows. */
export function shownOption(select: Locator): Promise<string> {
  return select.evaluate((element) => (element as HTMLSelectElement).selectedOptions[0]?.textContent?.trim() ?? '');
}

/**
 * What a person would see as broken layout in the main area: the page scrolling sideways, text or
 * controls cut off by their box, controls overlapping one another. Answers one line per problem.
 */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.className && typeof element.className === 'string' ? `.${element.className.trim().split(/\s+/).join('.')}` : ''} "${(element.textContent ?? '').trim().slice(0, 40)}"`;
    if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth}px in ${window.innerWidth}px)`);
    const visible = (element: Element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden' && !element.closest('[hidden], [aria-hidden="true"], .visually-hidden');
    };
    const main = document.querySelector('main') ?? document.body;
    for (const element of Array.from(main.querySelectorAll('*'))) {
      if (!visible(element)) continue;
      const style = getComputedStyle(element);
      const clips = style.overflowX !== 'visible' && style.overflowX !== 'auto' && style.overflowX !== 'scroll';
      // Single-line inputs scroll their own text; a cut-off is what their ellipsis is for only when one is set.
      if (clips && !(element instanceof HTMLInputElement) && !(element instanceof HTMLTextAreaElement) && !(element instanceof HTMLSelectElement) && element.scrollWidth > element.clientWidth + 1 && style.textOverflow !== 'ellipsis') {
        problems.push(`${describe(element)} cuts off its content (${element.scrollWidth}px in ${element.clientWidth}px)`);
      }
      if (style.textOverflow === 'ellipsis' && element.scrollWidth > element.clientWidth + 1) problems.push(`${describe(element)} is truncated with an ellipsis`);
    }
    // A button's words on two lines ("+ New / user") read as two things.
    for (const button of Array.from(main.querySelectorAll('button, a.button, [role="tab"]')).filter(visible)) {
      const walker = document.createTreeWalker(button, NodeFilter.SHOW_TEXT);
      const tops: number[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim() || node.parentElement?.closest('.visually-hidden, [aria-hidden="true"]')) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of Array.from(range.getClientRects())) if (rect.width > 1) tops.push(rect.top);
      }
      const lineHeight = parseFloat(getComputedStyle(button).fontSize) || 14;
      const lines = tops.sort((a, b) => a - b).filter((top, i, all) => i === 0 || top - all[i - 1]! > lineHeight / 2).length;
      if (lines > 1) problems.push(`${describe(button)} wraps onto ${lines} lines`);
    }
    // Controls that overlap (a label running into a button, a select under a field); a sticky bar of
    // actions covers what scrolls under it by design.
    const pinned = (element: Element) => {
      for (let at: Element | null = element; at; at = at.parentElement) if (['sticky', 'fixed'].includes(getComputedStyle(at).position)) return true;
      return false;
    };
    const controls = Array.from(main.querySelectorAll('input:not([type="hidden"]), select, textarea, button, a[href]')).filter((element) => visible(element) && !pinned(element));
    for (let i = 0; i < controls.length; i++) {
      for (let j = i + 1; j < controls.length; j++) {
        const [a, b] = [controls[i]!.getBoundingClientRect(), controls[j]!.getBoundingClientRect()];
        const overlapX = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const overlapY = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (overlapX > 2 && overlapY > 2 && !controls[i]!.contains(controls[j]!) && !controls[j]!.contains(controls[i]!)) {
          problems.push(`${describe(controls[i]!)} overlaps ${describe(controls[j]!)}`);
        }
      }
    }
    return problems;
  });
}

/**
 * A screenshot of the whole page as one tall window would show it: a full-page capture of a short
 * window leaves sticky bars in the middle of the picture.
 */
export async function tallScreenshot(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 1280, height: 900 };
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await screenshot(page, name);
  await page.setViewportSize(viewport);
}
