import type { WidgetLanguage } from './language';

/** The public, pre-chat view of a campaign (the contract's WidgetConfig). */
export interface WidgetConfig {
  campaignKey: string;
  name: string;
  colour: string;
  openNow: boolean;
  welcomeMessage: string;
  outOfTimeMessage: string;
  notAvailableMessage: string;
  feedbackMessage: string;
  emailRequired: boolean;
  customField: { label: string; visible: boolean; required: boolean };
  feedbackEnabled: boolean;
  mediaEnabled: boolean;
  offlineMessageEnabled: boolean;
  showAgentName: boolean;
}

export class WidgetError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const WIDGET_CONFIG = `query WidgetConfig($campaignKey: String!, $language: Language) {
  widgetConfig(campaignKey: $campaignKey, language: $language) {
    campaignKey name colour openNow welcomeMessage outOfTimeMessage notAvailableMessage feedbackMessage
    emailRequired customField { label visible required } feedbackEnabled mediaEnabled offlineMessageEnabled showAgentName
  }
}`;

async function request<T>(apiBase: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${apiBase}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  const error = body.errors?.[0];
  if (error || !body.data) throw new WidgetError(error?.extensions?.code ?? 'INTERNAL_SERVER_ERROR', error?.message ?? 'No answer');
  return body.data;
}

export async function loadWidgetConfig(apiBase: string, campaignKey: string, language: WidgetLanguage): Promise<WidgetConfig> {
  const data = await request<{ widgetConfig: WidgetConfig }>(apiBase, WIDGET_CONFIG, { campaignKey, language: language.toUpperCase() });
  return data.widgetConfig;
}
