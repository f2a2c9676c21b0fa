/**
 * Messages for Lambda's refusals of a change while another is under way. AWS says only "An update
 * is in progress", the same words for UpdateFunctionCode and UpdateFunctionConfiguration; which
 * call it was shows in the function afterwards: if it runs the new code, the code update went
 * through and the configuration update was the one refused.
 */
import { GetFunctionConfigurationCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { createHash } from 'node:crypto';
import { waitUntilReady } from '../deploy.ts';
import type { Message } from '../i18n/texts.ts';
import { contextMessage } from './context-messages.ts';

/** The update calls Lambda refuses while an earlier change of the function is InProgress. */
export type UpdateCall = 'UpdateFunctionCode' | 'UpdateFunctionConfiguration';

/** True for Lambda's ResourceConflictException about a change under way (an update, or a function still Pending). */
export function isChangeInProgress(error: { name: string; message: string }): boolean {
  return error.name === 'ResourceConflictException' && /update is in progress|currently in the following state: Pending/.test(error.message);
}

/** Lambda's CodeSha256 of a zip: the base64 SHA-256 of its bytes. */
export function codeSha256(zip: Uint8Array): string {
  return createHash('sha256').update(zip).digest('base64');
}

/** The message for a refused `call`: what Lambda said, why, and where to wait. */
export function refusedUpdateMessage(call: UpdateCall, awsMessage: string): Message {
  const pending = /state: Pending/.test(awsMessage);
  const before = contextMessage(pending ? 'stillPending' : call === 'UpdateFunctionConfiguration' ? 'codeUpdateInProgress' : 'earlierUpdateInProgress');
  const wait = pending ? contextMessage('waitActive', { call }) : contextMessage(call === 'UpdateFunctionConfiguration' ? 'waitBetween' : 'waitBefore');
  return contextMessage('refusedUpdate', { call, awsMessage, before, wait });
}

/**
 * Which update Lambda refused, judged from the function once it has settled: it runs `newZip`
 * when the code update went through, so the refused call was the configuration update.
 */
export async function refusedUpdate(lambda: LambdaClient, name: string, newZip: Uint8Array): Promise<UpdateCall> {
  await waitUntilReady(lambda, name, 30_000);
  const configuration = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
  return configuration.CodeSha256 === codeSha256(newZip) ? 'UpdateFunctionConfiguration' : 'UpdateFunctionCode';
}
