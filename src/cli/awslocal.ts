/** The `awslocal` command: `workshop aws` under LocalStack's name, with the same messages and exit codes. */
import { isWorkshopError } from '../core/errors.ts';
import { language } from '../core/i18n/language.ts';
import { runAwsCli } from './aws-run.ts';
import { cliMessage } from './messages.ts';

try {
  process.exitCode = await runAwsCli(process.argv.slice(2));
} catch (error) {
  if (!isWorkshopError(error)) throw error;
  console.error(cliMessage('errorPrefix', { message: error.message }).texts[language()]);
  if (error.hint) console.error(cliMessage('next', { hint: error.hint }).texts[language()]);
  process.exitCode = error.exitCode;
}
