/** `--iam enforce|report|off` of `workshop emulator`: how IAM policies apply to the calls the emulator serves. */
import { EXIT, WorkshopError } from '../core/errors.ts';
import { inLanguage } from '../core/i18n/texts.ts';
import { IAM_MODES, isIamMode, type IamMode } from '../emulator/policy/mode.ts';

/** The option, for citty. */
export const iamArg = {
  type: 'string',
  description: inLanguage({
    en: 'How IAM policies apply: enforce (refuse what no policy allows, as AWS does), report (allow, but record each refusal in the trace and the log) or off. Default: enforce for functions and assumed roles, report for your own keys',
    'zh-cn': 'IAM 策略如何生效：enforce（像 AWS 一样拒绝没有策略允许的调用）、report（放行，但把每次拒绝记入事件追踪和日志）或 off。默认：函数和扮演的角色用 enforce，你自己的密钥用 report',
  }),
} as const;

/** The mode given, or undefined for the defaults; anything else is a usage error that lists the choices. */
export function parseIamMode(value: string | undefined): IamMode | undefined {
  if (value === undefined || value === '') return undefined;
  if (isIamMode(value)) return value;
  const choices = IAM_MODES.join(', ');
  const message = { id: 'badIamMode', params: { value }, texts: { en: `--iam "${value}" is not an IAM mode`, 'zh-cn': `--iam “${value}”不是 IAM 模式` } };
  const hint = { id: 'iamModes', params: { choices }, texts: { en: `give --iam one of ${choices}, for example --iam report`, 'zh-cn': `给 --iam 以下之一：${choices}，例如 --iam report` } };
  throw new WorkshopError('BAD_OPTION', message, {
    hint,
    exitCode: EXIT.usage,
  });
}
