/**
 * Keeping the instructor's secrets out of grading: the grading processes get an allow-listed
 * environment, and every message that reaches a report is redacted of anything that looks like a
 * credential, whatever a submission managed to print.
 */

/** Host variables a grading process may inherit: what Node, Vitest and child tools need to run. */
const INHERITED = /^(PATH|HOME|USER|LOGNAME|SHELL|TMPDIR|TMP|TEMP|LANG|LANGUAGE|LC_[A-Z_]+|TZ|TERM|CI|NO_COLOR|FORCE_COLOR|XDG_CACHE_HOME|XDG_RUNTIME_DIR|SYSTEMROOT|SystemRoot|WINDIR|windir|COMSPEC|ComSpec|PATHEXT|USERPROFILE|APPDATA|LOCALAPPDATA|PROGRAMDATA|NUMBER_OF_PROCESSORS)$/;

/** Names of variables whose values are secrets, to find them again in messages. */
const SECRET_NAME = /(SECRET|TOKEN|PASSWORD|PASSWD|PRIVATE|CREDENTIAL|API_?KEY|ACCESS_?KEY|AUTH)/i;

/** Credential shapes worth hiding even when no variable held them. */
const CREDENTIAL_SHAPES: RegExp[] = [
  /\b(AKIA|ASIA|AROA|AIDA)[A-Z0-9]{16}\b/g,
  /\bgh[pousr]_[A-Za-z0-9]{30,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{30,}\b/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
  /(?<=(?:aws_)?secret_?access_?key"?\s*[:=]\s*"?)[A-Za-z0-9/+=]{30,}/gi,
];

/** The environment of a grading process: the host's basics and the kit's own WORKSHOP_* settings, no secrets. */
export function gradingEnvironment(host: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(host).filter(([key, value]) => value !== undefined && (INHERITED.test(key) || (key.startsWith('WORKSHOP_') && !SECRET_NAME.test(key)))));
}

/** The host's secret values (from variables named like secrets), longest first, so each is found whole. */
export function hostSecrets(host: NodeJS.ProcessEnv = process.env): string[] {
  return Object.entries(host)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && SECRET_NAME.test(entry[0]) && entry[1].length >= 8)
    .map(([, value]) => value)
    .sort((a, b) => b.length - a.length);
}

/** `text` with every host secret and every credential-shaped string replaced by [redacted]. */
export function redact(text: string, secrets: string[] = hostSecrets()): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('[redacted]');
  for (const shape of CREDENTIAL_SHAPES) out = out.replace(shape, '[redacted]');
  return out;
}
