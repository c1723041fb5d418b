import { signal } from '@angular/core';
import { describeError } from '../core/errors';
import type { I18n } from '../core/i18n/i18n.service';
import type { SessionStore } from '../core/session.store';
import { downloadFile } from '../shared/download';
import type { CampaignDetail } from './campaign.operations';

/** The two ways the editor hands over a campaign's widget for a website: its embed code, copied, or a WordPress plugin. */
export class CampaignEmbed {
  readonly copied = signal(false);
  readonly downloading = signal(false);
  readonly pluginError = signal('');

  constructor(
    private readonly session: SessionStore,
    private readonly t: I18n['t'],
  ) {}

  copyEmbedCode(code: string): void {
    void navigator.clipboard?.writeText(code).then(() => {
      this.copied.set(true);
      setTimeout(() => this.copied.set(false), 2000);
    });
  }

  async downloadPlugin(campaign: CampaignDetail): Promise<void> {
    this.downloading.set(true);
    this.pluginError.set('');
    try {
      const slug = campaign.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'campaign';
      await downloadFile(`/campaigns/${campaign.id}/wordpress-plugin.zip`, this.session.token(), `parley-${slug}.zip`);
    } catch (error) {
      this.pluginError.set(describeError(error, this.t));
    } finally {
      this.downloading.set(false);
    }
  }
}
