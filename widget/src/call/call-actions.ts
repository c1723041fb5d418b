import { graphql } from '../http';
import type { Call, CallKind } from '../model';
import { ANSWER_CALL, END_CALL, START_CALL } from './call-operations';
import type { StageHost } from './stage-contract';

/** The customer's call mutations; each answer is shown at once through the host. */

async function mutate(host: StageHost, query: string, variables: Record<string, unknown>): Promise<void> {
  const data = await graphql<Record<string, Call>>(host.apiBase, query, variables, host.token());
  for (const call of Object.values(data)) host.changed(call);
}

export const startCall = (host: StageHost, kind: CallKind) => mutate(host, START_CALL, { id: host.interactionId, kind });

/** The call ringing for the customer: accepted, or declined with `accept` false. */
export const answerCall = (host: StageHost, call: Call, accept: boolean) => mutate(host, ANSWER_CALL, { id: call.id, accept });

export const endCall = (host: StageHost, call: Call) => mutate(host, END_CALL, { id: call.id });
