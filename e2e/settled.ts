import type { Locator, Page } from 'playwright-core';

/**
 * `popup` (a dialog, a drawer's panel) once its opening animation has ended. antd's popups open with an
 * animation that can hold its first frame for a moment; Playwright then finds a button "stable" at a
 * fraction of its size and clicks there, the popup grows, and the click lands beside the button — lost
 * without an error, the form never sent. The trace of such a failure: the dialog's OK button was 13 × 6
 * px when clicked, 0.15 s after the dialog was opened. rc-motion marks an opening popup with
 * `…-appear` / `…-enter` classes and removes them when the animation ends.
 */
export async function settled(popup: Locator): Promise<Locator> {
  await popup.and(popup.page().locator(':not([class*="-appear"]):not([class*="-enter"])')).waitFor();
  return popup;
}

/** The open dialog (by its title when given), ready to be clicked. */
export const openDialog = (page: Page, name?: string): Promise<Locator> =>
  settled(page.getByRole('dialog', name === undefined ? {} : { name }));
