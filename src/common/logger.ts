import pino, { type Logger } from 'pino';
import type { AppConfig } from '../config/config';

/** Structured JSON logs on stdout; secrets in headers are never written. */
export function createLogger(config: Pick<AppConfig, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'hscn-supplier-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'req.headers["x-api-key"]', '*.secret', '*.password'], censor: '[redacted]' },
  });
}
