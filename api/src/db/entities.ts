import { ApiKey } from '../auth/api-key.entity';
import { SignInThrottle } from '../auth/sign-in-throttle.entity';
import { StaffSession } from '../auth/staff-session.entity';
import { User } from '../auth/user.entity';
import { VisitorSession } from '../auth/visitor-session.entity';
import { CampaignMember } from '../campaigns/campaign-member.entity';
import { Campaign } from '../campaigns/campaign.entity';
import { CannedResponse } from '../campaigns/canned-response.entity';
import { Contact } from '../contacts/contact.entity';
import { QualityModel } from '../quality/quality-model.entity';
import { AgentStatus } from '../agents/agent-status.entity';
import { PauseReason } from '../agents/pause-reason.entity';
import { Deadline } from '../deadlines/deadline.entity';
import { Interaction } from '../interactions/interaction.entity';
import { Message } from '../interactions/message.entity';
import { InteractionOffer } from '../routing/interaction-offer.entity';
import { RoutingMemory } from '../routing/routing-memory.entity';
import { RoutingRoster } from '../routing/routing-roster.entity';
import { OutboxEmail } from '../mail/outbox-email.entity';
import { Connection } from '../presence/connection.entity';
import { Upload } from '../uploads/upload.entity';
import { SpySession } from '../supervision/spy-session.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { StaffMessage } from '../supervision/staff-message.entity';
import { Call } from '../calls/call.entity';
import { ScreenMonitoring } from '../monitoring/screen-monitoring.entity';

/** Every persisted entity, listed once for the ORM. */
export const ENTITIES = [User, StaffSession, ApiKey, SignInThrottle, VisitorSession, Contact, QualityModel, Campaign, CampaignMember, CannedResponse,
  Interaction, Message, AgentStatus, PauseReason, RoutingMemory, RoutingRoster, InteractionOffer, Deadline, OutboxEmail, Connection, Upload, SpySession, StaffMessage, AuditEvent,
  Call, ScreenMonitoring];
