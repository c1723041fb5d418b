import { inject } from '@angular/core';
import type { CanDeactivateFn } from '@angular/router';
import { I18n } from '../core/i18n/i18n.service';

/** A screen that may hold edits not saved yet. */
export interface HoldsEdits {
  hasUnsavedChanges(): boolean;
}

/** Asks before leaving a screen with unsaved edits (the browser's own reload and close are asked by beforeunload). */
export const unsavedChangesGuard: CanDeactivateFn<HoldsEdits> = (screen) =>
  !screen.hasUnsavedChanges() || window.confirm(inject(I18n).t('editorTabs.leaveQuestion'));
