import { CALL } from '../operations';

/** The call chunk's operations (widget.js has none of them: it draws the buttons and the ringing prompt only). */

export const START_CALL = `mutation StartCall($id: ID!, $kind: CallKind!) { startCall(interactionId: $id, kind: $kind) { ${CALL} } }`;

export const ANSWER_CALL = `mutation AnswerCall($id: ID!, $accept: Boolean!) { answerCall(callId: $id, accept: $accept) { ${CALL} } }`;

export const END_CALL = `mutation EndCall($id: ID!) { endCall(callId: $id) { ${CALL} } }`;

export const JOIN_CALL = 'mutation JoinCall($id: ID!) { joinCall(callId: $id) { url room token display iceServers } }';
