import type { Page } from 'playwright-core';

/** What Janus, or the API's /janus socket in front of it, answered to one join. */
export interface JoinAnswer {
  /** `janus: "error"` frames: refused by the API's socket before Janus saw it (or by Janus' core). */
  coreError?: number;
  /** VideoRoom's own refusal (`error_code`). */
  roomError?: number;
  /** `"joined"` when let in. */
  videoroom?: string;
  /** The participant id the join got. */
  id?: unknown;
}

/**
 * From inside the page, as any script on it could: opens a call's /janus socket with a ticket, makes a
 * session and a VideoRoom handle, and sends each join in `attempts` in turn on that handle. Answers
 * what each attempt got, by name.
 */
export function probeRoom<Name extends string>(page: Page, socketUrl: string, attempts: Record<Name, Record<string, unknown>>): Promise<Record<Name, JoinAnswer>> {
  return page.evaluate(async ({ socketUrl, attempts }) => {
    type Frame = { janus?: string; transaction?: string; data?: { id?: number }; error?: { code?: number }; plugindata?: { data?: Record<string, unknown> } };
    const socket = new WebSocket(socketUrl, 'janus-protocol');
    const waiting = new Map<string, (frame: Frame) => void>();
    socket.onmessage = (event) => {
      const frame = JSON.parse(String(event.data)) as Frame;
      if (frame.janus === 'ack' || !frame.transaction) return;
      waiting.get(frame.transaction)?.(frame);
      waiting.delete(frame.transaction);
    };
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = () => reject(new Error(`the /janus socket did not open: ${socketUrl}`));
    });
    let next = 0;
    const request = (frame: Record<string, unknown>) =>
      new Promise<Frame>((resolve, reject) => {
        const transaction = `probe-${++next}`;
        const timer = setTimeout(() => reject(new Error(`no answer to ${JSON.stringify(frame)}`)), 10_000);
        waiting.set(transaction, (answer) => {
          clearTimeout(timer);
          resolve(answer);
        });
        socket.send(JSON.stringify({ ...frame, transaction }));
      });
    const session = (await request({ janus: 'create' })).data?.id;
    const handle = (await request({ janus: 'attach', session_id: session, plugin: 'janus.plugin.videoroom' })).data?.id;
    const join = async (body: Record<string, unknown>) => {
      const answer = await request({ janus: 'message', session_id: session, handle_id: handle, body });
      const data = answer.plugindata?.data;
      return {
        coreError: answer.janus === 'error' ? answer.error?.code : undefined,
        roomError: typeof data?.error_code === 'number' ? data.error_code : undefined,
        videoroom: typeof data?.videoroom === 'string' ? data.videoroom : undefined,
        id: data?.id,
      };
    };
    const answers: Record<string, unknown> = {};
    for (const [name, body] of Object.entries(attempts)) answers[name] = await join(body);
    socket.close();
    // Without undefined fields, so the answers compare plainly.
    return JSON.parse(JSON.stringify(answers)) as Record<Name, JoinAnswer>;
  }, { socketUrl, attempts: attempts as Record<string, Record<string, unknown>> });
}
