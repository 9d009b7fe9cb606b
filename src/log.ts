import { pino, type Logger } from 'pino';

/** Strips Telegram bot tokens (`123456:AA…`) from any string, wherever they appear (URLs in errors included). */
export function redactSecrets(text: string): string {
  return text.replace(/(?<!\d)\d{5,}:[A-Za-z0-9_-]{30,}/g, '[redacted-token]');
}

/**
 * The process-wide logger: JSON lines on stderr (stdout stays for answers), level from LOG_LEVEL.
 * Every message passes through `redactSecrets`, so a token can never reach a log line.
 */
export const log: Logger = pino(
  {
    level: process.env.LOG_LEVEL ?? 'info',
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((a) =>
            typeof a === 'string'
              ? redactSecrets(a)
              : a instanceof Error
                ? Object.assign(new Error(redactSecrets(a.message)), { name: a.name, stack: redactSecrets(a.stack ?? '') })
                : a && typeof a === 'object'
                  ? JSON.parse(redactSecrets(JSON.stringify(a)))
                  : a,
          ) as Parameters<typeof method>,
        );
      },
    },
  },
  pino.destination(2),
);
