/**
 * What every message between Gleaner's contexts is made of, whatever its protocol: the envelope, the answer
 * (errors travel as values: they do not serialize), the kinds of sender, and a protocol's definition.
 */
import type * as v from 'valibot';
import type { Browser } from 'wxt/browser';

/** The envelope every message travels in. */
export interface Envelope<K extends string = string, D = unknown> {
  type: K;
  data: D;
}

/** What a receiver answers: errors do not serialize, so failures travel as values. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** Who sent a message: one of our extension contexts (pages, background) or our script in a tab. */
export type SenderKind = 'extension' | 'content';

/** A protocol as the receiver sees it: a request schema and the allowed senders per message type. */
export interface ProtocolDefinition<S extends Record<string, v.GenericSchema>, R extends { [K in keyof S]: unknown }> {
  schemas: S;
  senders: { [K in keyof S]: readonly SenderKind[] };
  /** Type only: the response of each message type, so that handlers are checked against it. */
  responses?: R;
}

/** One handler per message type: a map, never a chain of `if (type === …)`. */
export type HandlersFor<S extends Record<string, v.GenericSchema>, R extends { [K in keyof S]: unknown }> = {
  [K in keyof S]: (data: v.InferOutput<S[K]>, sender: Browser.runtime.MessageSender) => Promise<R[K]>;
};
