import { registerEnumType } from 'type-graphql';

export enum Role {
  ADMIN = 'ADMIN',
  SUPERVISOR = 'SUPERVISOR',
  AGENT = 'AGENT',
}
registerEnumType(Role, { name: 'Role' });

export enum ApiScope {
  CAMPAIGNS_READ = 'CAMPAIGNS_READ',
  INTERACTIONS_READ = 'INTERACTIONS_READ',
  STATS_READ = 'STATS_READ',
}
registerEnumType(ApiScope, { name: 'ApiScope' });
