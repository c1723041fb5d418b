import type { AppDeps } from '../graphql/context';
import { LiveFeed, type FeedSink } from '../graphql/live-feed';
import { followMessages } from './message-catch-up';
import { messagesAfter, revived, type MessageView } from './message.store';

/** Notifications a stream holds while waiting for an earlier one, before it reads storage instead. */
const MAX_EARLY = 256;
/** Messages read from storage at once when filling a gap. */
const READ_LIMIT = 500;

/**
 * Messages of one chat after `afterSeq` from storage, then live ones, in seq
 * order, none twice. It listens before reading storage. A notification that
 * carries the next message is passed on at once, in the loop that hands the
 * event to every subscriber of the chat in this process; one that carries a
 * later message waits (up to MAX_EARLY of them) for the one before, which
 * concurrent sends publish in any order; any other (a notification without
 * the message, too many waiting) reads whatever follows the last seq sent.
 * Only a subscriber reading storage waits: it holds what arrives meanwhile
 * and passes it on after what it read. A notification that never comes
 * (pub/sub dropped it) is made up for by the periodic catch-up (see
 * `followMessages`), so a dropped one delays a message by a few seconds at
 * most. The caller has checked that the reader may read the interaction;
 * the feed holds its id only.
 */
export class MessageFeed extends LiveFeed<MessageView> {
  constructor(
    private readonly deps: AppDeps,
    private readonly interactionId: string,
    private readonly afterSeq: number | null,
  ) {
    super();
  }

  open(sink: FeedSink<MessageView>): () => void {
    const { deps, interactionId } = this;
    let lastSent = Math.max(0, this.afterSeq ?? 0);
    let closed = false;
    let reading = false;
    // A read was asked for while one ran: what it found may be behind already.
    let readAgain = false;
    // Notifications that overtook an earlier one (concurrent sends commit in any order), by seq, until it comes.
    const early = new Map<number, MessageView>();

    const send = (message: MessageView) => {
      lastSent = message.seq;
      sink.next(message);
    };
    const sendEarly = () => {
      if (early.size === 0) return;
      for (const seq of early.keys()) if (seq <= lastSent) early.delete(seq);
      for (let following = early.get(lastSent + 1); following && !closed; following = early.get(lastSent + 1)) {
        early.delete(lastSent + 1);
        send(revived(following));
      }
    };
    const read = (first: boolean) => {
      if (reading) {
        readAgain = true;
        return;
      }
      reading = true;
      readAgain = false;
      messagesAfter(deps.orm.em, interactionId, lastSent, READ_LIMIT)
        .then(
          (messages) => {
            reading = false;
            let sent = 0;
            for (const message of messages) {
              if (closed) return;
              if (message.seq <= lastSent) continue;
              if (message.seq !== lastSent + 1) break; // a concurrent send not yet committed: wait for its notification
              send(message);
              sent += 1;
            }
            if (closed) return;
            sendEarly();
            // A full page sent whole: more may follow it in storage.
            if (readAgain || sent === READ_LIMIT) read(false);
          },
          (err: unknown) => {
            reading = false;
            if (closed) return;
            // The first read failing fails the subscription; later, the next catch-up tries again.
            if (first) return end(err);
            deps.logger.warn({ err }, 'message catch-up read failed');
            if (readAgain) read(false);
          },
        );
    };
    const onNotification = ({ seq, message }: { seq: number; message?: MessageView }) => {
      if (closed || seq <= lastSent) return;
      if (!reading && seq === lastSent + 1 && message) {
        send(revived(message));
        sendEarly();
      } else if (message && early.size < MAX_EARLY) {
        // The one before is on its way (or being read); one that never comes is read from storage by the periodic catch-up.
        early.set(seq, message);
      } else read(false);
    };

    const unlisten = deps.pubSub.listen('MESSAGE_ADDED', interactionId, onNotification);
    const unfollow = followMessages(deps, { interactionId, lastSent: () => lastSent, wake: () => read(false) });
    const close = () => {
      if (closed) return;
      closed = true;
      unlisten();
      unfollow();
    };
    const end = (error: unknown) => {
      close();
      sink.end(error);
    };
    read(true);
    return close;
  }
}
