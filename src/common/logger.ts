import pino, { type Logger } from 'pino';

/** The levels LOG_LEVEL accepts, most severe first; `silent` writes nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Structured JSON logs on stdout; secrets in headers are never written. */
export function createLogger(config: { readonly logLevel: LogLevel }): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'hscn-supplier-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'req.headers["x-api-key"]', '*.secret', '*.password'], censor: '[redacted]' },
  });
}
