import { Availability, Distribution } from './campaign.enums';
import type { CampaignInput } from './campaign.inputs';

const allWeek = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
const text = (en: string) => ({ en, es: `${en} (es)`, pt: `${en} (pt)` });

/** A complete, valid campaign input (open around the clock) for tests to vary one field at a time. */
export function validCampaignInput(overrides: Partial<CampaignInput> = {}): CampaignInput {
  return {
    name: 'Support',
    enabled: true,
    distribution: Distribution.RRMEMORY,
    availability: Availability.NOCALL,
    serviceLevelTarget: 0.8,
    schedule: { timezone: 'Europe/Madrid', ranges: allWeek, exceptions: [] },
    welcomeMessage: text('Welcome'),
    outOfTimeMessage: text('Closed'),
    notAvailableMessage: text('Busy'),
    feedbackMessage: text('Rate us'),
    maxInteractionsPerAgent: 2,
    qualityModelId: null,
    automaticAgentMessage: 'Hi, I am here',
    thresholds: {
      serviceLevelSeconds: 20,
      abandonSeconds: 5,
      chatTimeWarnSeconds: 120,
      chatTimeLimitSeconds: 300,
      agentIdleWarnSeconds: 60,
      acd: 3,
      maxChats: 10,
      waitTimeoutSeconds: 120,
      autoFinishSeconds: 60,
    },
    colour: '#112233',
    showAgentName: true,
    feedbackEnabled: true,
    emailRequired: false,
    mediaEnabled: false,
    offlineMessageEnabled: false,
    offlineMessageEmail: null,
    customField: { label: 'Order', visible: true, required: false },
    allowedDomains: [],
    ...overrides,
  } as CampaignInput;
}
