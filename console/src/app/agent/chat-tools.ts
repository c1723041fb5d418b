import { signal } from '@angular/core';
import { CAMPAIGN_TOOLS, QUALITY_MODELS, type CannedResponse, type QualityModel } from './agent.operations';
import type { ChatApi } from './chat-api';

/**
 * What the agent works chats with, read once a session: each campaign's canned responses (for the
 * composer) and the quality models (for closing). A failed read is not kept, so the next asks again.
 */
export class ChatTools {
  readonly qualityModels = signal<QualityModel[] | null>(null);
  private readonly canned = new Map<string, Promise<CannedResponse[]>>();

  constructor(private readonly api: ChatApi) {}

  cannedResponses(campaignId: string): Promise<CannedResponse[]> {
    let known = this.canned.get(campaignId);
    if (!known) {
      known = this.api
        .query<{ campaign: { cannedResponses: CannedResponse[] } | null }>(CAMPAIGN_TOOLS, { id: campaignId })
        .then((data) => data.campaign?.cannedResponses ?? [])
        .catch(() => {
          this.canned.delete(campaignId);
          return [];
        });
      this.canned.set(campaignId, known);
    }
    return known;
  }

  async loadQualityModels(): Promise<QualityModel[]> {
    const known = this.qualityModels();
    if (known) return known;
    const { qualityModels } = await this.api.query<{ qualityModels: QualityModel[] }>(QUALITY_MODELS);
    this.qualityModels.set(qualityModels);
    return qualityModels;
  }

  /** Forgets everything read, as the agent signs out. */
  clear(): void {
    this.canned.clear();
    this.qualityModels.set(null);
  }
}
