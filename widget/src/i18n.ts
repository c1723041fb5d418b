/** The widget's languages: the embed code's `data-lang`, else the browser's, else English. */
export type Language = 'en' | 'es' | 'pt';

export function chooseLanguage(requested: string | null | undefined, browser: readonly string[]): Language {
  for (const candidate of [requested, ...browser]) {
    const code = candidate?.slice(0, 2).toLowerCase();
    if (code === 'en' || code === 'es' || code === 'pt') return code;
  }
  return 'en';
}

export const isLanguage = (value: unknown): value is Language => value === 'en' || value === 'es' || value === 'pt';

/**
 * The widget's texts, by key. A const enum: the bundle carries numbers, not names,
 * which keeps three languages inside the size budget. `{0}`, `{1}` take values.
 */
export const enum T {
  Launcher,
  UnreadOne,
  UnreadMany,
  Minimize,
  Loading,
  Online,
  ClosedNow,
  InQueue,
  ChattingWith,
  ChatEnded,
  YouLeft,
  AgentFallback,
  You,
  Name,
  Email,
  Optional,
  Message,
  StartChat,
  OfflineTitle,
  SendOffline,
  Sending,
  OfflineSent,
  OfflineReply,
  PositionOne,
  PositionMany,
  EstimateOne,
  EstimateMany,
  NoEstimate,
  Connecting,
  WaitHint,
  LeaveQueue,
  EndChat,
  EndConfirm,
  KeepChatting,
  TryAgain,
  NewChat,
  Typing,
  WriteMessage,
  Send,
  Emoji,
  Attach,
  Record,
  StopAndSend,
  CancelRecording,
  Recording,
  VoiceNote,
  Image,
  Download,
  StatusQueued,
  StatusSending,
  StatusSent,
  StatusRead,
  StatusFailed,
  Retry,
  Discard,
  AttachmentFrom,
  OfflineBanner,
  Reconnecting,
  RateOutOfOne,
  RateOutOfMany,
  FeedbackNote,
  SendFeedback,
  ChooseRating,
  FeedbackThanks,
  DomainNotAllowed,
  CampaignDisabled,
  Network,
  RateLimited,
  Generic,
  NameRequired,
  TooLong,
  EmailRequired,
  EmailInvalid,
  FieldRequired,
  MessageRequired,
  FileTooLarge,
  FileType,
  MediaOff,
  Microphone,
  StartVoiceCall,
  StartVideoCall,
  VoiceCallFrom,
  VideoCallFrom,
  AcceptCall,
  DeclineCall,
}

/**
 * Each text in English, Spanish and Portuguese: one row per key, in the order
 * of `T` (i18n.test.ts checks rows, order and placeholders). Positions rather
 * than keys: the bundle carries the texts alone.
 */
const TEXTS: readonly string[] = [
  /* Launcher */ 'Chat with us', 'Chatea con nosotros', 'Fale conosco',
  /* UnreadOne */ '1 new message', '1 mensaje nuevo', '1 nova mensagem',
  /* UnreadMany */ '{0} new messages', '{0} mensajes nuevos', '{0} novas mensagens',
  /* Minimize */ 'Minimize chat', 'Minimizar el chat', 'Minimizar a conversa',
  /* Loading */ 'Loading…', 'Cargando…', 'Carregando…',
  /* Online */ 'We are online', 'Estamos en línea', 'Estamos online',
  /* ClosedNow */ 'We are closed now', 'Ahora estamos cerrados', 'Estamos fechados agora',
  /* InQueue */ 'Waiting for an agent', 'Esperando a un agente', 'Aguardando um atendente',
  /* ChattingWith */ 'Chatting with {0}', 'Hablando con {0}', 'Conversando com {0}',
  /* ChatEnded */ 'The chat has ended.', 'El chat ha terminado.', 'A conversa foi encerrada.',
  /* YouLeft */ 'You left the chat.', 'Saliste del chat.', 'Você saiu da conversa.',
  /* AgentFallback */ 'Support agent', 'Agente de soporte', 'Atendente',
  /* You */ 'You', 'Tú', 'Você',
  /* Name */ 'Name', 'Nombre', 'Nome',
  /* Email */ 'Email', 'Correo electrónico', 'E-mail',
  /* Optional */ 'optional', 'opcional', 'opcional',
  /* Message */ 'Message', 'Mensaje', 'Mensagem',
  /* StartChat */ 'Start chat', 'Iniciar chat', 'Iniciar conversa',
  /* OfflineTitle */ 'Leave us a message', 'Déjanos un mensaje', 'Deixe uma mensagem',
  /* SendOffline */ 'Send message', 'Enviar mensaje', 'Enviar mensagem',
  /* Sending */ 'Sending…', 'Enviando…', 'Enviando…',
  /* OfflineSent */ 'Thanks, {0}! We got your message.', '¡Gracias, {0}! Recibimos tu mensaje.', 'Obrigado, {0}! Recebemos sua mensagem.',
  /* OfflineReply */ 'We will reply to {0}.', 'Te responderemos a {0}.', 'Responderemos para {0}.',
  /* PositionOne */ 'You are next in line', 'Eres el siguiente en la fila', 'Você é o próximo da fila',
  /* PositionMany */ 'You are number {0} in line', 'Eres el número {0} en la fila', 'Você é o número {0} na fila',
  /* EstimateOne */ 'Estimated wait: about 1 minute', 'Espera estimada: alrededor de 1 minuto', 'Espera estimada: cerca de 1 minuto',
  /* EstimateMany */ 'Estimated wait: about {0} minutes', 'Espera estimada: alrededor de {0} minutos', 'Espera estimada: cerca de {0} minutos',
  /* NoEstimate */ 'An agent will be with you as soon as possible.', 'Un agente te atenderá lo antes posible.', 'Um atendente falará com você o quanto antes.',
  /* Connecting */ 'Connecting you with an agent…', 'Te estamos conectando con un agente…', 'Conectando você a um atendente…',
  /* WaitHint */ 'You can write while you wait.', 'Puedes escribir mientras esperas.', 'Você pode escrever enquanto espera.',
  /* LeaveQueue */ 'Leave the queue', 'Salir de la fila', 'Sair da fila',
  /* EndChat */ 'End chat', 'Terminar chat', 'Encerrar conversa',
  /* EndConfirm */ 'End this chat?', '¿Terminar este chat?', 'Encerrar esta conversa?',
  /* KeepChatting */ 'Keep chatting', 'Seguir hablando', 'Continuar conversando',
  /* TryAgain */ 'Try again', 'Intentar de nuevo', 'Tentar novamente',
  /* NewChat */ 'Start a new chat', 'Iniciar un nuevo chat', 'Iniciar nova conversa',
  /* Typing */ '{0} is typing…', '{0} está escribiendo…', '{0} está digitando…',
  /* WriteMessage */ 'Write a message', 'Escribe un mensaje', 'Escreva uma mensagem',
  /* Send */ 'Send', 'Enviar', 'Enviar',
  /* Emoji */ 'Add an emoji', 'Añadir un emoji', 'Adicionar um emoji',
  /* Attach */ 'Attach a file', 'Adjuntar un archivo', 'Anexar um arquivo',
  /* Record */ 'Record a voice note', 'Grabar una nota de voz', 'Gravar uma mensagem de voz',
  /* StopAndSend */ 'Send the voice note', 'Enviar la nota de voz', 'Enviar a mensagem de voz',
  /* CancelRecording */ 'Cancel the recording', 'Cancelar la grabación', 'Cancelar a gravação',
  /* Recording */ 'Recording', 'Grabando', 'Gravando',
  /* VoiceNote */ 'Voice note', 'Nota de voz', 'Mensagem de voz',
  /* Image */ 'Image: {0}', 'Imagen: {0}', 'Imagem: {0}',
  /* Download */ 'Download {0}', 'Descargar {0}', 'Baixar {0}',
  /* StatusQueued */ 'Waiting for connection', 'Esperando conexión', 'Aguardando conexão',
  /* StatusSending */ 'Sending', 'Enviando', 'Enviando',
  /* StatusSent */ 'Sent', 'Enviado', 'Enviada',
  /* StatusRead */ 'Read', 'Leído', 'Lida',
  /* StatusFailed */ 'Not sent', 'No enviado', 'Não enviada',
  /* Retry */ 'Retry', 'Reintentar', 'Tentar de novo',
  /* Discard */ 'Discard', 'Descartar', 'Descartar',
  /* AttachmentFrom */ '{0} sent a file', '{0} envió un archivo', '{0} enviou um arquivo',
  /* OfflineBanner */ 'You are offline. Messages will be sent when you are back.', 'Estás sin conexión. Los mensajes se enviarán cuando vuelvas.', 'Você está sem conexão. As mensagens serão enviadas quando voltar.',
  /* Reconnecting */ 'Reconnecting…', 'Reconectando…', 'Reconectando…',
  /* RateOutOfOne */ '1 star out of 5', '1 estrella de 5', '1 estrela de 5',
  /* RateOutOfMany */ '{0} stars out of 5', '{0} estrellas de 5', '{0} estrelas de 5',
  /* FeedbackNote */ 'Anything to add?', '¿Algo que añadir?', 'Algo a acrescentar?',
  /* SendFeedback */ 'Send feedback', 'Enviar valoración', 'Enviar avaliação',
  /* ChooseRating */ 'Please choose 1 to 5 stars.', 'Elige de 1 a 5 estrellas.', 'Escolha de 1 a 5 estrelas.',
  /* FeedbackThanks */ 'Thank you for your feedback!', '¡Gracias por tu valoración!', 'Obrigado pela sua avaliação!',
  /* DomainNotAllowed */ 'This chat is not available on this website.', 'Este chat no está disponible en este sitio web.', 'Esta conversa não está disponível neste site.',
  /* CampaignDisabled */ 'Chat is not available right now.', 'El chat no está disponible ahora.', 'O chat não está disponível agora.',
  /* Network */ 'Cannot connect. Check your connection and try again.', 'No hay conexión. Revisa tu conexión e inténtalo de nuevo.', 'Sem conexão. Verifique sua conexão e tente novamente.',
  /* RateLimited */ 'Too many attempts. Please wait a moment.', 'Demasiados intentos. Espera un momento.', 'Muitas tentativas. Aguarde um momento.',
  /* Generic */ 'Something went wrong. Please try again.', 'Algo salió mal. Inténtalo de nuevo.', 'Algo deu errado. Tente novamente.',
  /* NameRequired */ 'Please enter your name.', 'Escribe tu nombre.', 'Digite seu nome.',
  /* TooLong */ 'Please use at most {0} characters.', 'Usa como máximo {0} caracteres.', 'Use no máximo {0} caracteres.',
  /* EmailRequired */ 'Please enter your email.', 'Escribe tu correo electrónico.', 'Digite seu e-mail.',
  /* EmailInvalid */ 'Please enter a valid email, like name@example.com.', 'Escribe un correo válido, como nombre@ejemplo.com.', 'Digite um e-mail válido, como nome@exemplo.com.',
  /* FieldRequired */ 'Please fill in “{0}”.', 'Completa «{0}».', 'Preencha “{0}”.',
  /* MessageRequired */ 'Please write your message.', 'Escribe tu mensaje.', 'Escreva sua mensagem.',
  /* FileTooLarge */ 'This file is too large to send.', 'Este archivo es demasiado grande para enviarlo.', 'Este arquivo é grande demais para ser enviado.',
  /* FileType */ 'This type of file cannot be sent.', 'Este tipo de archivo no se puede enviar.', 'Este tipo de arquivo não pode ser enviado.',
  /* MediaOff */ 'Files cannot be sent in this chat.', 'En este chat no se pueden enviar archivos.', 'Não é possível enviar arquivos nesta conversa.',
  /* Microphone */ 'Please allow the microphone to record.', 'Permite el micrófono para grabar.', 'Permita o microfone para gravar.',
  /* StartVoiceCall */ 'Start a voice call', 'Iniciar una llamada de voz', 'Iniciar uma chamada de voz',
  /* StartVideoCall */ 'Start a video call', 'Iniciar una videollamada', 'Iniciar uma chamada de vídeo',
  /* VoiceCallFrom */ 'Voice call from {0}', 'Llamada de voz de {0}', 'Chamada de voz de {0}',
  /* VideoCallFrom */ 'Video call from {0}', 'Videollamada de {0}', 'Chamada de vídeo de {0}',
  /* AcceptCall */ 'Accept call', 'Aceptar llamada', 'Atender chamada',
  /* DeclineCall */ 'Decline call', 'Rechazar llamada', 'Recusar chamada',
];

const COLUMN: Record<Language, number> = { en: 0, es: 1, pt: 2 };

/** Texts of one language: `t(T.Launcher)`, `t(T.ChattingWith, name)`. */
export type Translate = (key: T, ...values: (string | number)[]) => string;

export function translator(language: Language): Translate {
  const column = COLUMN[language];
  return (key, ...values) => (TEXTS[key * 3 + column] ?? '').replace(/\{(\d)\}/g, (_, index: string) => String(values[Number(index)] ?? ''));
}

/** Singular or plural: `plural(n, T.UnreadOne, T.UnreadMany)`. */
export const plural = (count: number, one: T, many: T): T => (count === 1 ? one : many);

/** Clock time of a message in the widget's language, e.g. "14:05" or "2:05 PM". */
export function clockTime(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  try {
    return date.toLocaleTimeString(language === 'pt' ? 'pt-BR' : language, { hour: 'numeric', minute: '2-digit' });
  } catch {
    return `${date.getHours()}:${String(date.getMinutes()).padStart(2, '0')}`;
  }
}
