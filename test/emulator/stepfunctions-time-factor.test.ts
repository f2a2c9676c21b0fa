/**
 * Step Functions' waits follow the per-account time factor a grader sets (/_workshop/time-factor):
 * a Wait of half a minute, fixed or read from the input, passes in milliseconds in that account,
 * while the emulator itself runs in real time.
 */
import { CreateStateMachineCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { SFN_ROLE, finished, sfnClient } from './stepfunctions-support.ts';

const ACCOUNT = '000000000000';

describe('Step Functions under an account\'s time factor', () => {
  const emulator = useEmulator();

  it('scales Wait states (Seconds and SecondsPath) by the account\'s own factor', async () => {
    const answer = await fetch(`${emulator.running.url}/_workshop/time-factor?account=${ACCOUNT}&factor=0.001`, { method: 'PUT' });
    expect(answer.status).toBe(200);
    const sfn = sfnClient(emulator.running.url);
    const definition = {
      StartAt: 'Fixed',
      States: {
        Fixed: { Type: 'Wait', Seconds: 30, Next: 'FromInput' },
        FromInput: { Type: 'Wait', SecondsPath: '$.seconds', Next: 'Done' },
        Done: { Type: 'Succeed' },
      },
    };
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'waits', definition: JSON.stringify(definition), roleArn: SFN_ROLE }));
    const started = Date.now();
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ seconds: 30 }) }));
    // A minute of waits at 0.001 is 60 ms; at the emulator's own factor it would be a real minute.
    expect((await finished(sfn, executionArn!, 10_000)).status).toBe('SUCCEEDED');
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 20_000);
});
