/** The widget's GraphQL operations: a narrow slice of the public API (schema/schema.graphql). */

const MESSAGE = 'id seq clientId text createdAt sender { kind name } attachment { id kind name mimeType size url }';
export const CALL = 'id kind state startedBy answeredAt';
const INTERACTION = `id state closeReason agentReadSeq contactReadSeq agent { name } feedback { rating }
  contact { name email customFieldValue } queue { position estimatedWaitSeconds } call { ${CALL} }`;

export const WIDGET_CONFIG = `query WidgetConfig($campaignKey: String!, $language: Language) {
  widgetConfig(campaignKey: $campaignKey, language: $language) {
    campaignKey name colour openNow welcomeMessage outOfTimeMessage notAvailableMessage feedbackMessage
    emailRequired customField { label visible required } feedbackEnabled mediaEnabled offlineMessageEnabled showAgentName callsAvailable
  }
}`;

export const START_CHAT = `mutation StartChat($input: StartChatInput!) {
  startChat(input: $input) { token interaction { ${INTERACTION} messages { ${MESSAGE} } } }
}`;

export const READ_INTERACTION = `query Interaction($id: ID!) { interaction(id: $id) { ${INTERACTION} messages { ${MESSAGE} } } }`;

export const MESSAGES_AFTER = `query Messages($id: ID!, $afterSeq: Int) { interaction(id: $id) { ${INTERACTION} messages(afterSeq: $afterSeq) { ${MESSAGE} } } }`;

export const SEND_MESSAGE = `mutation Send($interactionId: ID!, $clientId: ID!, $text: String, $attachmentId: ID) {
  sendMessage(interactionId: $interactionId, clientId: $clientId, text: $text, attachmentId: $attachmentId) { ${MESSAGE} }
}`;

export const LEAVE_CHAT = `mutation Leave($id: ID!) { leaveChat(interactionId: $id) { ${INTERACTION} } }`;

export const MARK_READ = 'mutation Read($id: ID!, $seq: Int!) { markRead(interactionId: $id, seq: $seq) { id } }';

export const SET_TYPING = 'mutation Typing($id: ID!, $typing: Boolean!) { setTyping(interactionId: $id, typing: $typing) }';

export const LEAVE_FEEDBACK = `mutation Feedback($id: ID!, $rating: Int!, $note: String) {
  leaveFeedback(interactionId: $id, rating: $rating, note: $note) { ${INTERACTION} }
}`;

export const OFFLINE_MESSAGE = 'mutation Offline($input: OfflineMessageInput!) { sendOfflineMessage(input: $input) { id } }';

export const MESSAGE_ADDED = `subscription Messages($interactionId: ID!, $afterSeq: Int) {
  messageAdded(interactionId: $interactionId, afterSeq: $afterSeq) { ${MESSAGE} }
}`;

export const INTERACTION_UPDATED = `subscription Updated($interactionId: ID!) { interactionUpdated(interactionId: $interactionId) { ${INTERACTION} } }`;

export const TYPING = 'subscription Typing($interactionId: ID!) { typing(interactionId: $interactionId) { typing sender { kind name } } }';

export const QUEUE_STATUS = `subscription Queue($interactionId: ID!) {
  queueStatus(interactionId: $interactionId) { interactionId position estimatedWaitSeconds }
}`;
