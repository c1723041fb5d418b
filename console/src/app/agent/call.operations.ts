import { gql } from 'apollo-angular';
import { MEDIA_JOIN_FIELDS, type MediaJoin } from '../shared/media-room';
import type { CallKind, CallSummary } from './call-state';

const CALL = 'id kind state startedBy answeredAt';

export const START_CALL = gql`
  mutation StartCall($interactionId: ID!, $kind: CallKind!) { startCall(interactionId: $interactionId, kind: $kind) { ${CALL} } }
`;
export const ANSWER_CALL = gql`
  mutation AnswerCall($callId: ID!, $accept: Boolean!) { answerCall(callId: $callId, accept: $accept) { ${CALL} } }
`;
export const END_CALL = gql`
  mutation EndCall($callId: ID!) { endCall(callId: $callId) { ${CALL} } }
`;
export const JOIN_CALL = gql`
  mutation JoinCall($callId: ID!) { joinCall(callId: $callId) { ${MEDIA_JOIN_FIELDS} } }
`;

export interface StartCallData { startCall: CallSummary }
export interface AnswerCallData { answerCall: CallSummary }
export interface EndCallData { endCall: CallSummary }
export interface JoinCallData { joinCall: MediaJoin }
export type { CallKind };
