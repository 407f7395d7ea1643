// What the specs of the accounts' pages (team-onboarding, team-admin) share.
import type { Page } from '@playwright/test';

/** A Rename, or a change that asks first: its <summary>, by its words and whom. */
export const disclosure = (page: Page, name: string) =>
  page.locator('summary').filter({ hasText: new RegExp(`^${name}$`) });
