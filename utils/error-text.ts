/** Errors in words, shared by Gleaner's pages, its page script and its background. */
import { formatNumber, message, type MessageKey } from './i18n';
import { LIMITS } from './records/limits';

/** What storage failures mean to a reader, by the error's name (IndexedDB's, or Dexie's wrapping them). */
const STORAGE_ERRORS: Record<string, MessageKey> = {
  QuotaExceededError: 'error.quota',
  VersionError: 'error.version',
  DatabaseClosedError: 'error.closed',
  OpenFailedError: 'error.openFailed',
};

/** The sentence an error carries (errors from other contexts arrive as plain values); storage failures in words. */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const inner = (error as { inner?: unknown }).inner;
  const name = inner instanceof Error && STORAGE_ERRORS[inner.name] ? inner.name : error.name;
  const key = STORAGE_ERRORS[name];
  return key ? message(key) : error.message;
}

/** An error whose message is one of Gleaner's sentences. */
export function gleanerError(key: MessageKey, substitutions?: string[]): Error {
  return new Error(message(key, substitutions));
}

/** Why a note of `length` characters is not stored; null if it fits (records/limits.ts). */
export const noteTooLong = (length: number): string | null =>
  length > LIMITS.note ? message('common.noteTooLong', [formatNumber(LIMITS.note), formatNumber(length)]) : null;
