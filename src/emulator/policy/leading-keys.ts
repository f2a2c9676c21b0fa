/**
 * dynamodb:LeadingKeys: the partition key values of the items a DynamoDB call touches, read with
 * the table's key schema from DynamoDB's own DescribeTable.
 */
import type { Emulator } from '../emulator.ts';

/** The partition key values (as text) of `items` in `table`; empty when the table cannot be described. */
export async function leadingKeys(emulator: Emulator, scope: { account: string; region: string }, table: string, items: Array<Record<string, unknown>>): Promise<string[]> {
  let hashKey: string | undefined;
  try {
    const described = await emulator.call('dynamodb', 'DescribeTable', { TableName: table }, scope);
    hashKey = (described?.Table?.KeySchema as Array<{ AttributeName: string; KeyType: string }> | undefined)?.find((key) => key.KeyType === 'HASH')?.AttributeName;
  } catch {
    return [];
  }
  if (!hashKey) return [];
  return items.flatMap((item) => {
    const value = item[hashKey!] as Record<string, unknown> | undefined;
    const scalar = value?.S ?? value?.N ?? value?.B;
    return scalar === undefined ? [] : [String(scalar)];
  });
}
