/** `workshop aws <args...>`: the AWS CLI against the current target, as LocalStack's `awslocal`. */
import { defineCommand } from 'citty';
import { localstackText } from '../localstack-messages.ts';
import { runAwsCli } from '../aws-run.ts';

export default defineCommand({
  meta: { name: 'aws', description: localstackText('awsSummary') },
  args: {
    args: { type: 'positional', required: false, description: localstackText('awsArgs') },
  },
  // Every argument is the AWS CLI's, passed as typed: citty's parse of them is not used.
  async run({ rawArgs }) {
    return runAwsCli(rawArgs);
  },
});
