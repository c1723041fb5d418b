import type { StageModule } from './stage-contract';

/** The call chunk's file name with its content hash, set by build.mjs. */
declare const CALL_CHUNK: string;

let loading: Promise<StageModule> | undefined;

/** The call chunk (janus.js and the call's view), fetched from the widget's own origin when a call starts. */
export function loadStage(apiBase: string): Promise<StageModule> {
  loading ??= (import(`${apiBase}/${CALL_CHUNK}`) as Promise<StageModule>).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
