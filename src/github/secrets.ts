/**
 * Keeping credentials out of everything the actions print. The runner hides a value registered with
 * `::add-mask::` in the log, but our README promises more: the token never appears at all, and GitHub's
 * error bodies (or a proxy's, or a Pushgateway's) can quote the very Authorization header we sent. So every
 * message both actions print about a failure goes through `redactSecrets` first, which removes:
 * - each registered secret, also as base64, base64url and percent-encoding (how it travels in headers and URLs);
 * - the value of an Authorization header, whatever its scheme (`token`, `Bearer`, `Basic`);
 * - a `Bearer` credential, and a `Basic` one (base64 of `user:password`), wherever they stand;
 * - anything shaped like a GitHub token (`ghp_`, `ghs_`, `github_pat_`, ...), ours or not:
 *   https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/
 */
import * as core from '@actions/core';
import { annotate, logDebug, logLine } from './log.js';

const HIDDEN = '***';

const secrets = new Set<string>();

/** Masks `value` in the runner's log and removes it from every message `redactSecrets` sees. */
export function registerSecret(value: string): void {
  if (value === '') return;
  core.setSecret(value);
  for (const form of [value, Buffer.from(value).toString('base64'), Buffer.from(value).toString('base64url'), encodeURIComponent(value)])
    secrets.add(form);
}

const AUTHORIZATION_HEADER = /(authorization["']?\s*[:=]\s*["']?)(?:(bearer|token|basic)\s+)?[^\s"',;]+/gi;
const BEARER = /\b(bearer)\s+[A-Za-z0-9._~+/-]{8,}=*/gi;
const BASIC = /\b(basic)\s+([A-Za-z0-9+/]{4,}={0,2})(?![A-Za-z0-9+/=])/gi;
const GITHUB_TOKEN = /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g;

export function redactSecrets(text: string): string {
  let redacted = text;
  // Longest first, so a secret that contains another is removed whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) redacted = redacted.split(secret).join(HIDDEN);
  return redacted
    .replace(
      AUTHORIZATION_HEADER,
      (_match, header: string, scheme: string | undefined) => `${header}${scheme ? `${scheme} ` : ''}${HIDDEN}`,
    )
    .replace(BEARER, (_match, scheme: string) => `${scheme} ${HIDDEN}`)
    .replace(BASIC, (match, scheme: string, value: string) => (isBasicCredential(value) ? `${scheme} ${HIDDEN}` : match))
    .replace(GITHUB_TOKEN, HIDDEN);
}

/** base64 of printable `user:password`: what follows `Basic` in a header, and not the word "authentication". */
function isBasicCredential(value: string): boolean {
  if (value.length % 4 !== 0) return false;
  const decoded = Buffer.from(value, 'base64').toString('latin1');
  return decoded.includes(':') && /^[\x20-\x7e]+$/.test(decoded);
}

/** A logger for `getOctokit` whose lines (retries, deprecations) are redacted like every other message. */
export const redactingLog = {
  debug: (message: string) => logDebug(redactSecrets(message)),
  info: (message: string) => logLine(redactSecrets(message)),
  // Retries need no one's attention unless they run out, so they are plain log lines.
  warn: (message: string) => logLine(redactSecrets(message)),
  error: (message: string) => annotate('error', redactSecrets(message)),
};
