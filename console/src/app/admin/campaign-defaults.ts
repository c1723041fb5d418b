import type { CampaignInput } from './campaign.operations';

const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '18:00' }));

/** What a new campaign starts with: weekdays 09:00-18:00 and sensible call-center thresholds. */
export function newCampaignInput(timezone: string): CampaignInput {
  return {
    name: '',
    enabled: true,
    distribution: 'RRMEMORY',
    availability: 'NOCALL',
    serviceLevelTarget: 0.8,
    schedule: { timezone, ranges: weekdays, exceptions: [] },
    welcomeMessage: { en: 'Hi! How can we help you?', es: '¡Hola! ¿En qué podemos ayudarte?', pt: 'Olá! Como podemos ajudar?' },
    outOfTimeMessage: { en: 'We are closed right now.', es: 'Ahora estamos cerrados.', pt: 'Estamos fechados agora.' },
    notAvailableMessage: {
      en: 'All our agents are busy. Please try again soon.',
      es: 'Todos nuestros agentes están ocupados. Inténtalo de nuevo pronto.',
      pt: 'Todos os nossos agentes estão ocupados. Tente novamente em breve.',
    },
    feedbackMessage: { en: 'How did we do?', es: '¿Qué tal lo hicimos?', pt: 'Como foi o atendimento?' },
    maxInteractionsPerAgent: 3,
    offerTimeoutSeconds: 30,
    qualityModelId: null,
    automaticAgentMessage: null,
    thresholds: {
      serviceLevelSeconds: 30,
      abandonSeconds: 10,
      chatTimeWarnSeconds: 300,
      chatTimeLimitSeconds: 600,
      agentIdleWarnSeconds: 300,
      acd: 5,
      maxChats: 20,
      waitTimeoutSeconds: 300,
      autoFinishSeconds: 120,
    },
    colour: '#2563EB',
    showAgentName: true,
    feedbackEnabled: true,
    emailRequired: false,
    mediaEnabled: false,
    offlineMessageEnabled: false,
    offlineMessageEmail: null,
    customField: { label: '', visible: false, required: false },
    allowedDomains: [],
  };
}
