/**
 * Logging errors from the bot without leaking the token: grammY's errors (and the fetch errors inside them)
 * carry request URLs, which hold the token. Every error is reduced to plain fields, each passed through
 * `redactSecrets`, before it reaches any logger.
 */
import { BotError, GrammyError, HttpError } from 'grammy';
import type { Logger } from 'pino';
import { redactSecrets } from '../log.js';

const secrets = new Set<string>();

/** Makes `redact` remove this exact string too (the configured token, whatever its shape). */
export function registerSecret(secret: string): void {
  if (secret.length >= 8) secrets.add(secret);
}

/**
 * `redactSecrets` from src/log.ts, plus two guards: its pattern starts with `\b`, which does not match a token
 * inside a Bot API URL (`/bot123456:AA…/sendMessage`: no word boundary between "bot" and the digits), so a
 * token after any letter is redacted here as well; and every registered secret is removed verbatim.
 */
export function redact(text: string): string {
  let out = redactSecrets(text).replace(/(?<!\d)\d{5,}:[A-Za-z0-9_-]{30,}/g, '[redacted-token]');
  for (const s of secrets) out = out.split(s).join('[redacted-token]');
  return out;
}

/** The part of a pino logger the bot uses; tests pass a recorder. */
export type BotLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

/** Plain, redacted fields describing an error (never the payload of an API call, which holds user text). */
export function errorFields(err: unknown, depth = 0): Record<string, unknown> {
  if (err instanceof BotError) return { ...errorFields(err.error, depth + 1), update_id: err.ctx?.update?.update_id };
  if (err instanceof GrammyError) return { name: err.name, method: err.method, error_code: err.error_code, description: redact(err.description ?? '') };
  if (err instanceof HttpError) return { name: err.name, message: redact(err.message), cause: depth < 3 ? errorFields(err.error, depth + 1) : undefined };
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    const cause = (err as { cause?: unknown }).cause;
    return {
      name: err.name,
      message: redact(err.message),
      ...(code !== undefined ? { code: String(code) } : {}),
      ...(cause !== undefined && depth < 3 ? { cause: errorFields(cause, depth + 1) } : {}),
      stack: redact((err.stack ?? '').split('\n').slice(1, 6).join('\n')),
    };
  }
  return { value: redact(String(err)) };
}
