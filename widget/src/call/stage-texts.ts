import type { Language } from '../i18n';

/** The call view's texts, kept in the call chunk: widget.js carries only what shows before a call. */
export const enum S {
  VideoCall,
  VoiceCall,
  Calling,
  Connecting,
  Reconnecting,
  Mute,
  Unmute,
  CameraOff,
  CameraOn,
  HangUp,
  AgentVideo,
  YourVideo,
  AllowDevices,
  AllowMicrophone,
  CouldNotConnect,
}

type Texts = Record<S, string>;

const en: Texts = {
  [S.VideoCall]: 'Video call',
  [S.VoiceCall]: 'Voice call',
  [S.Calling]: 'Calling…',
  [S.Connecting]: 'Connecting…',
  [S.Reconnecting]: 'Reconnecting…',
  [S.Mute]: 'Mute microphone',
  [S.Unmute]: 'Unmute microphone',
  [S.CameraOff]: 'Turn camera off',
  [S.CameraOn]: 'Turn camera on',
  [S.HangUp]: 'Hang up',
  [S.AgentVideo]: "Agent's video",
  [S.YourVideo]: 'Your video',
  [S.AllowDevices]: 'Allow the camera and microphone to join the call.',
  [S.AllowMicrophone]: 'Allow the microphone to join the call.',
  [S.CouldNotConnect]: 'The call could not connect.',
};

const es: Texts = {
  [S.VideoCall]: 'Videollamada',
  [S.VoiceCall]: 'Llamada de voz',
  [S.Calling]: 'Llamando…',
  [S.Connecting]: 'Conectando…',
  [S.Reconnecting]: 'Reconectando…',
  [S.Mute]: 'Silenciar micrófono',
  [S.Unmute]: 'Activar micrófono',
  [S.CameraOff]: 'Apagar cámara',
  [S.CameraOn]: 'Encender cámara',
  [S.HangUp]: 'Colgar',
  [S.AgentVideo]: 'Video del agente',
  [S.YourVideo]: 'Tu video',
  [S.AllowDevices]: 'Permite la cámara y el micrófono para unirte a la llamada.',
  [S.AllowMicrophone]: 'Permite el micrófono para unirte a la llamada.',
  [S.CouldNotConnect]: 'No se pudo conectar la llamada.',
};

const pt: Texts = {
  [S.VideoCall]: 'Chamada de vídeo',
  [S.VoiceCall]: 'Chamada de voz',
  [S.Calling]: 'Chamando…',
  [S.Connecting]: 'Conectando…',
  [S.Reconnecting]: 'Reconectando…',
  [S.Mute]: 'Silenciar microfone',
  [S.Unmute]: 'Ativar microfone',
  [S.CameraOff]: 'Desligar câmera',
  [S.CameraOn]: 'Ligar câmera',
  [S.HangUp]: 'Encerrar chamada',
  [S.AgentVideo]: 'Vídeo do atendente',
  [S.YourVideo]: 'Seu vídeo',
  [S.AllowDevices]: 'Permita a câmera e o microfone para entrar na chamada.',
  [S.AllowMicrophone]: 'Permita o microfone para entrar na chamada.',
  [S.CouldNotConnect]: 'Não foi possível conectar a chamada.',
};

const TEXTS: Record<Language, Texts> = { en, es, pt };

export const stageTexts = (language: Language): Texts => TEXTS[language];
