import type { Reader } from '../graphql/authorization-matrix';
import { queryDatabase } from './api-process';
import { activeChat, buildWorld, scratchCampaignInput, type World } from './authorization-world';
import { ADMIN_ENV } from './conversation-fixtures';
import { login, ok } from './graphql-client';
import type { GenerationContext } from './input-generators';

/**
 * The people and things a mutation fuzz aims at: the authorization matrix's
 * world, with a keeper admin who is never a target and puts back, between
 * rounds, what the fuzz may have changed (sessions ended, passwords and roles
 * changed, the agent paused, campaign 1 archived or reconfigured, chat A
 * closed), so every round reaches as deep as the first.
 */

export type FuzzReader = 'admin' | 'agent' | 'visitor' | 'anonymous';
export const FUZZ_READERS: readonly FuzzReader[] = ['admin', 'agent', 'visitor', 'anonymous'];

/** Each fuzz reader's column in the authorization matrix. */
export const MATRIX_COLUMN: Readonly<Record<FuzzReader, Reader>> = { admin: 'admin', agent: 'agentMember', visitor: 'visitorA', anonymous: 'anonymous' };

const KEEPER = { name: 'Fuzz Keeper', email: 'fuzz-keeper@example.test', password: 'fuzz keeper password' };

/** Campaign 1 as authorization-world.ts makes it. */
const mainCampaignInput = (qualityModelId: string) => ({
  ...scratchCampaignInput(),
  name: 'Matrix main',
  qualityModelId,
  showAgentName: true,
  offlineMessageEnabled: true,
  offlineMessageEmail: 'desk@example.test',
});

interface StaffReader {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly password: string;
  readonly role: 'ADMIN' | 'AGENT';
}

export class FuzzWorld {
  private constructor(
    private world: World,
    private readonly keeper: string,
    private readonly databaseUrl: string,
  ) {}

  static async build(url: string, databaseUrl: string): Promise<FuzzWorld> {
    const world = await buildWorld(url, databaseUrl);
    await world.as(world.staff.admin.token).ok('mutation($input: UserInput!) { createUser(input: $input) { id } }', { input: { ...KEEPER, role: 'ADMIN' } });
    return new FuzzWorld(world, await login(url, KEEPER.email, KEEPER.password), databaseUrl);
  }

  get current(): World {
    return this.world;
  }

  token(reader: FuzzReader): string | undefined {
    return this.world.tokens[MATRIX_COLUMN[reader]];
  }

  /** Everyone's ids but the keeper's, and every campaign key but campaign 1's (its agent must stay free for chat A). */
  context(): GenerationContext {
    const w = this.world;
    const ids = [
      ...Object.values(w.staff).map((account) => account.id),
      ...Object.values(w.spare).map((account) => account.id),
      ...Object.values(w.campaigns).map((campaign) => campaign.id),
      ...Object.values(w.chats).map((chat) => chat.id),
      ...Object.values(w.keyIds),
      w.qualityModelId,
      w.qualityQuestionId,
      w.spareQualityModelId,
      w.retiredQualityModelId,
      w.spareCannedResponseId,
    ];
    const campaignKeys = Object.entries(w.campaigns)
      .filter(([name]) => name !== 'main')
      .map(([, campaign]) => campaign.key);
    return { ids, campaignKeys };
  }

  /** Puts back what the fuzz may have changed; cheap when nothing was. */
  async heal(): Promise<void> {
    const w = this.world;
    // Failed sign-ins of the fuzz count against 127.0.0.1; the keeper must still sign the readers back in.
    await queryDatabase(this.databaseUrl, 'DELETE FROM sign_in_throttles');
    const admin = await this.restoreStaff({ ...w.staff.admin, name: 'Administrator', role: 'ADMIN', password: ADMIN_ENV.PARLEY_ADMIN_PASSWORD });
    const agentMember = await this.restoreStaff({ ...w.staff.agentMember, name: 'Mia Member', role: 'AGENT' });
    this.world = { ...w, tokens: { ...w.tokens, admin: admin ?? w.tokens.admin, agentMember: agentMember ?? w.tokens.agentMember } };
    await this.restoreMainCampaign();
    const { myActivity } = await this.as(this.world.tokens.agentMember as string)<{ myActivity: { state: string } | null }>('{ myActivity { state } }');
    if (myActivity?.state !== 'AVAILABLE') await this.as(this.world.tokens.agentMember as string)('mutation { setAgentState(state: AVAILABLE) { state } }');
    await this.restoreChatA();
  }

  private as(token: string) {
    return <T = unknown>(query: string, variables: Record<string, unknown> = {}) => ok<T>(this.world.url, query, variables, { token });
  }

  /** The account as it was, signed in; a new token when its session had ended or it had changed. */
  private async restoreStaff(account: StaffReader): Promise<string | undefined> {
    const token = this.world.tokens[account.role === 'ADMIN' ? 'admin' : 'agentMember'] as string;
    const { me } = await this.as(token)<{ me: { email: string; role: string; name: string } | null }>('{ me { email role name } }').catch(() => ({ me: null }));
    if (me && me.email === account.email && me.role === account.role) return undefined;
    const keeper = this.as(this.keeper);
    await keeper('mutation($id: ID!) { reactivateUser(id: $id) { id } }', { id: account.id });
    await keeper('mutation($id: ID!, $input: UserUpdateInput!) { updateUser(id: $id, input: $input) { id } }', { id: account.id, input: { name: account.name, email: account.email, role: account.role } });
    await keeper('mutation($id: ID!, $p: String!) { resetPassword(id: $id, password: $p) { id } }', { id: account.id, p: account.password });
    return login(this.world.url, account.email, account.password);
  }

  private async restoreMainCampaign(): Promise<void> {
    const keeper = this.as(this.keeper);
    const { main } = this.world.campaigns;
    const { campaign } = await keeper<{ campaign: { archived: boolean; members: { agent: { id: string } }[] } }>('query($id: ID!) { campaign(id: $id) { archived members { agent { id } } } }', { id: main.id });
    if (campaign.archived) await keeper('mutation($id: ID!) { restoreCampaign(id: $id) { id } }', { id: main.id });
    await keeper('mutation($id: ID!, $input: CampaignInput!) { updateCampaign(id: $id, input: $input) { id } }', { id: main.id, input: mainCampaignInput(this.world.qualityModelId) });
    if (!campaign.members.some((member) => member.agent.id === this.world.staff.agentMember.id)) {
      await keeper('mutation($c: ID!, $a: ID!) { setCampaignMember(campaignId: $c, agentId: $a, penalty: 0) { id } }', { c: main.id, a: this.world.staff.agentMember.id });
    }
  }

  /** Chat A active with the member agent; a new one for visitor A when it was closed. */
  private async restoreChatA(): Promise<void> {
    const w = this.world;
    const { interaction } = await this.as(this.keeper)<{ interaction: { state: string; agent: { id: string } | null } | null }>('query($id: ID!) { interaction(id: $id) { state agent { id } } }', { id: w.chats.a.id });
    if (interaction?.state === 'ACTIVE' && interaction.agent?.id === w.staff.agentMember.id) return;
    const a = await activeChat(w.url, w.campaigns.main, 'Ada Matrix', { email: 'ada@example.test' }, w.tokens.visitorA).catch(() => activeChat(w.url, w.campaigns.main, 'Ada Matrix', { email: 'ada@example.test' }));
    this.world = { ...w, chats: { ...w.chats, a }, tokens: { ...w.tokens, visitorA: a.token } };
  }
}
