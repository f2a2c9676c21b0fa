/** `workshop doctor`: checks what the kit needs and prints a verdict per line, with the fix. */
import { styleText } from 'node:util';
import { defineCommand } from 'citty';
import { EXIT, WorkshopError } from '../../core/errors.ts';
import { runDoctor, type Finding } from '../../core/doctor.ts';
import { EMULATOR_PORT } from '../../core/target.ts';
import { parsePort } from '../options.ts';
import { helpText } from '../command-help.ts';
import { commandMessage, commandText } from '../command-messages.ts';

const MARKS = { ok: styleText('green', '✔'), warn: styleText('yellow', '!'), fail: styleText('red', '✖') };

function formatFinding(finding: Finding): string {
  const head = commandText('findingLine', { mark: MARKS[finding.status], subject: finding.subject, detail: finding.detail });
  return finding.fix ? `${head}\n${commandText('fixLine', { fix: finding.fix })}` : head;
}

export default defineCommand({
  meta: { name: 'doctor', description: helpText('doctor') },
  args: {
    port: { type: 'string', description: helpText('doctorPort'), default: String(EMULATOR_PORT) },
  },
  async run({ args }) {
    const findings = await runDoctor(parsePort(args.port));
    for (const finding of findings) console.log(formatFinding(finding));
    const failed = findings.filter((finding) => finding.status === 'fail').length;
    if (failed > 0) {
      throw new WorkshopError('DOCTOR_FAILED', failed === 1 ? commandMessage('doctorProblem') : commandMessage('doctorProblems', { count: failed }), {
        hint: commandMessage('doctorAgain'),
        exitCode: EXIT.failed,
      });
    }
    console.log(commandText('doctorReady'));
  },
});
