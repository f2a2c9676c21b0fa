/** `workshop doctor`: checks what the kit needs and prints a verdict per line, with the fix. */
import { styleText } from 'node:util';
import { defineCommand } from 'citty';
import { EXIT, WorkshopError } from '../../core/errors.ts';
import { runDoctor, type Finding } from '../../core/doctor.ts';
import { EMULATOR_PORT } from '../../core/target.ts';
import { parsePort } from '../options.ts';

const MARKS = { ok: styleText('green', '✔'), warn: styleText('yellow', '!'), fail: styleText('red', '✖') };

function formatFinding(finding: Finding): string {
  const head = `${MARKS[finding.status]} ${finding.subject}: ${finding.detail}`;
  return finding.fix ? `${head}\n    fix: ${finding.fix}` : head;
}

export default defineCommand({
  meta: { name: 'doctor', description: 'Check Node.js, the emulator port, Docker and LocalStack, with a fix for each problem' },
  args: {
    port: { type: 'string', description: 'The port the emulator uses', default: String(EMULATOR_PORT) },
  },
  async run({ args }) {
    const findings = await runDoctor(parsePort(args.port));
    for (const finding of findings) console.log(formatFinding(finding));
    const failed = findings.filter((finding) => finding.status === 'fail').length;
    if (failed > 0) {
      throw new WorkshopError('DOCTOR_FAILED', `${failed} problem${failed === 1 ? '' : 's'} to fix before the labs can run`, {
        hint: 'follow the fix lines above, then run `workshop doctor` again',
        exitCode: EXIT.failed,
      });
    }
    console.log('Ready: run `npm start` and open the lessons.');
  },
});
