import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { buildSchema } from 'type-graphql';
import { createPubSub, type PubSub } from '@graphql-yoga/subscription';
import type { Topics } from './pubsub';
import { refuseUnstorableText } from './storable-text';
import { messageGettersOnRoots } from '../interactions/message-fields';
import { AuthResolver } from '../auth/auth.resolver';
import { UserResolver } from '../auth/user.resolver';
import { CampaignResolver } from '../campaigns/campaign.resolver';
import { WidgetConfigResolver } from '../campaigns/widget-config.resolver';
import { QualityResolver } from '../quality/quality.resolver';
import { AgentResolver } from '../agents/agent.resolver';
import { InteractionResolver } from '../interactions/interaction.resolver';
import { CampaignStatsResolver } from '../stats/campaign-stats.resolver';
import { SupervisionResolver } from '../supervision/supervision.resolver';
import { UserAdminResolver } from '../auth/user-admin.resolver';
import { AuditResolver } from '../audit/audit.resolver';
import { QueueResolver } from '../interactions/queue.resolver';
import { SenderResolver } from '../interactions/sender.resolver';
import { CallResolver, InteractionCallsResolver } from '../calls/call.resolver';
import { ScreenMonitoringResolver } from '../monitoring/screen-monitoring.resolver';

/** Subscriptions read the pub/sub from their context; type-graphql still wants one at build time. */
export async function buildParleySchema(pubSub: PubSub<Topics> = createPubSub()): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    pubSub,
    resolvers: [AuthResolver, UserResolver, CampaignResolver, WidgetConfigResolver, QualityResolver, InteractionResolver, QueueResolver, SenderResolver, AgentResolver, CampaignStatsResolver, SupervisionResolver, UserAdminResolver, AuditResolver,
      CallResolver, InteractionCallsResolver, ScreenMonitoringResolver],
    // The contract's scalar is DateTime, not type-graphql's default DateTimeISO.
    scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
    validate: false,
  });
  return refuseUnstorableText(messageGettersOnRoots(schema));
}
