import { ApiKey } from '../auth/api-key.entity';
import { LoginFailure } from '../auth/login-failure.entity';
import { StaffSession } from '../auth/staff-session.entity';
import { User } from '../auth/user.entity';
import { VisitorSession } from '../auth/visitor-session.entity';
import { CampaignMember } from '../campaigns/campaign-member.entity';
import { Campaign } from '../campaigns/campaign.entity';
import { CannedResponse } from '../campaigns/canned-response.entity';
import { Contact } from '../contacts/contact.entity';
import { QualityModel } from '../quality/quality-model.entity';

/** Every persisted entity, listed once for the ORM. */
export const ENTITIES = [User, StaffSession, ApiKey, LoginFailure, VisitorSession, Contact, QualityModel, Campaign, CampaignMember, CannedResponse];
