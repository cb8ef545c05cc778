import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium; the suite never downloads a browser of its own. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Starts headless Chromium, or fails with how to install it: browser tests never skip. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(
      `Chromium is not installed at ${chromiumPath}. Install it with ` +
        '"apt-get install -y chromium fonts-noto-cjk" (Debian), or set CHROMIUM_PATH.',
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

const axeSource = fs.readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core with the WCAG 2.2 A and AA rules on the page; returns the violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    type Result = { violations: AxeViolation[]; passes: unknown[] };
    const axe = (window as unknown as { axe: { run: (o: object) => Promise<Result> } }).axe;
    const result = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    const violations = result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
    return { violations, passed: result.passes.length };
  });
  // No passing rule at all would mean axe never looked at the page.
  if (result.passed === 0) {
    throw new Error('axe-core checked nothing on this page');
  }
  return result.violations;
}

/**
 * Moves the keyboard focus with Tab (forward only) until `selector` has it, as a person
 * without a mouse would; fails when the control cannot be reached that way.
 */
export async function tabTo(page: Page, selector: string, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    const found = await page.evaluate(
      (wanted) => document.activeElement?.matches(wanted) ?? false,
      selector,
    );
    if (found) {
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} cannot be reached with the Tab key`);
}

/** Tabs to a text field and types into it. */
export async function typeInto(
  page: Page,
  selector: string,
  text: string,
  limit = 80,
): Promise<void> {
  await tabTo(page, selector, limit);
  await page.keyboard.type(text);
}
