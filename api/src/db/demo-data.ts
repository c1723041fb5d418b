import type { EntityManager } from '@mikro-orm/postgresql';
import { AuthService } from '../auth/auth.service';
import { Role } from '../auth/role';
import { User } from '../auth/user.entity';
import { CampaignMember } from '../campaigns/campaign-member.entity';
import { Campaign } from '../campaigns/campaign.entity';
import { Availability, Distribution } from '../campaigns/campaign.enums';
import { CannedResponse } from '../campaigns/canned-response.entity';
import { QualityModel, QualityQuestionKind } from '../quality/quality-model.entity';
import { randomUUID } from 'node:crypto';

export const DEMO_LOGINS = [
  { name: 'Ada Admin', email: 'admin@parley.local', password: 'parley-admin', role: Role.ADMIN },
  { name: 'Sam Supervisor', email: 'supervisor@parley.local', password: 'parley-supervisor', role: Role.SUPERVISOR },
  { name: 'Alex Agent', email: 'agent1@parley.local', password: 'parley-agent', role: Role.AGENT },
  { name: 'Bea Agent', email: 'agent2@parley.local', password: 'parley-agent', role: Role.AGENT },
] as const;

const allDay = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));

/** Demo users and an open campaign, created on a database that has no campaign yet. */
export async function createDemoData(em: EntityManager, now: () => Date): Promise<boolean> {
  if ((await em.count(Campaign, {})) > 0) return false;
  const auth = new AuthService(em, now);
  const users: User[] = [];
  for (const login of DEMO_LOGINS) {
    users.push((await em.findOne(User, { email: login.email })) ?? (await auth.createUser({ ...login })));
  }
  const quality = em.create(QualityModel, {
    name: 'Standard service review',
    questions: [
      { id: randomUUID(), text: 'Greeted the customer by name', kind: QualityQuestionKind.YES_NO, weight: 1 },
      { id: randomUUID(), text: 'Resolution quality', kind: QualityQuestionKind.SCORE, weight: 3 },
      { id: randomUUID(), text: 'Notes', kind: QualityQuestionKind.TEXT, weight: 0 },
    ],
  });
  const campaign = em.create(Campaign, {
    name: 'Web support',
    enabled: true,
    distribution: Distribution.RRMEMORY,
    availability: Availability.NOCALL,
    serviceLevelTarget: 0.8,
    schedule: { timezone: 'UTC', ranges: allDay, exceptions: [] },
    welcomeMessage: { en: 'Hi! How can we help you today?', es: '¡Hola! ¿En qué podemos ayudarte hoy?', pt: 'Olá! Como podemos ajudar hoje?' },
    outOfTimeMessage: {
      en: 'We are closed right now. Leave us a message and we will write back.',
      es: 'Ahora estamos cerrados. Déjanos un mensaje y te responderemos.',
      pt: 'Estamos fechados agora. Deixe uma mensagem e responderemos.',
    },
    notAvailableMessage: {
      en: 'All our agents are busy. Please try again in a few minutes.',
      es: 'Todos nuestros agentes están ocupados. Inténtalo de nuevo en unos minutos.',
      pt: 'Todos os nossos agentes estão ocupados. Tente novamente em alguns minutos.',
    },
    feedbackMessage: { en: 'How did we do?', es: '¿Qué tal lo hicimos?', pt: 'Como foi o atendimento?' },
    maxInteractionsPerAgent: 3,
    qualityModel: quality,
    automaticAgentMessage: 'Hello, I am here to help.',
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
    mediaEnabled: true,
    offlineMessageEnabled: true,
    offlineMessageEmail: 'support@parley.local',
    customField: { label: 'Order number', visible: true, required: false },
    allowedDomains: [],
  });
  users
    .filter((user) => user.role === Role.AGENT)
    .forEach((agent, i) => em.persist(em.create(CampaignMember, { campaign, agent, penalty: i * 10, position: i + 1 })));
  em.persist(em.create(CannedResponse, { campaign, shortcut: 'hello', text: 'Hello! Thanks for reaching out. Let me look into that for you.' }));
  em.persist(em.create(CannedResponse, { campaign, shortcut: 'bye', text: 'Thanks for chatting with us. Have a great day!' }));
  await em.persistAndFlush([quality, campaign]);
  return true;
}
