/** Lambda's REST-JSON bindings, as botocore's lambda/2015-03-31 model declares them. */
import type { RestRoute } from '../../types.ts';

const FN = '/2015-03-31/functions/{FunctionName}';
const EVENT_CONFIG = '/2019-09-25/functions/{FunctionName}/event-invoke-config';
const QUALIFIER = { Qualifier: 'Qualifier' };
const PAGING = { Marker: 'Marker', MaxItems: 'MaxItems' };
const ESM = '/2015-03-31/event-source-mappings';
const URL_CONFIG = '/2021-10-31/functions/{FunctionName}/url';

/** The route table of the Lambda service. */
export const lambdaRoutes: RestRoute[] = [
  { method: 'POST', path: '/2015-03-31/functions', operation: 'CreateFunction', status: 201 },
  { method: 'GET', path: '/2015-03-31/functions', operation: 'ListFunctions', query: { ...PAGING, MasterRegion: 'MasterRegion', FunctionVersion: 'FunctionVersion' } },
  { method: 'GET', path: FN, operation: 'GetFunction', query: QUALIFIER },
  { method: 'DELETE', path: FN, operation: 'DeleteFunction', query: QUALIFIER, status: 204 },
  { method: 'GET', path: `${FN}/configuration`, operation: 'GetFunctionConfiguration', query: QUALIFIER },
  { method: 'PUT', path: `${FN}/configuration`, operation: 'UpdateFunctionConfiguration' },
  { method: 'PUT', path: `${FN}/code`, operation: 'UpdateFunctionCode' },
  {
    method: 'POST',
    path: `${FN}/invocations`,
    operation: 'Invoke',
    query: QUALIFIER,
    headers: { 'x-amz-invocation-type': 'InvocationType', 'x-amz-log-type': 'LogType', 'x-amz-client-context': 'ClientContext' },
    payload: 'Payload',
  },
  { method: 'POST', path: '/2014-11-13/functions/{FunctionName}/invoke-async', operation: 'InvokeAsync', payload: 'InvokeArgs', status: 202 },
  { method: 'POST', path: `${FN}/versions`, operation: 'PublishVersion', status: 201 },
  { method: 'GET', path: `${FN}/versions`, operation: 'ListVersionsByFunction', query: PAGING },
  { method: 'POST', path: `${FN}/aliases`, operation: 'CreateAlias', status: 201 },
  { method: 'GET', path: `${FN}/aliases`, operation: 'ListAliases', query: { ...PAGING, FunctionVersion: 'FunctionVersion' } },
  { method: 'GET', path: `${FN}/aliases/{Name}`, operation: 'GetAlias' },
  { method: 'PUT', path: `${FN}/aliases/{Name}`, operation: 'UpdateAlias' },
  { method: 'DELETE', path: `${FN}/aliases/{Name}`, operation: 'DeleteAlias', status: 204 },
  { method: 'POST', path: `${FN}/policy`, operation: 'AddPermission', query: QUALIFIER, status: 201 },
  { method: 'GET', path: `${FN}/policy`, operation: 'GetPolicy', query: QUALIFIER },
  { method: 'DELETE', path: `${FN}/policy/{StatementId}`, operation: 'RemovePermission', query: { ...QUALIFIER, RevisionId: 'RevisionId' }, status: 204 },
  { method: 'PUT', path: EVENT_CONFIG, operation: 'PutFunctionEventInvokeConfig', query: QUALIFIER },
  { method: 'POST', path: EVENT_CONFIG, operation: 'UpdateFunctionEventInvokeConfig', query: QUALIFIER },
  { method: 'GET', path: EVENT_CONFIG, operation: 'GetFunctionEventInvokeConfig', query: QUALIFIER },
  { method: 'DELETE', path: EVENT_CONFIG, operation: 'DeleteFunctionEventInvokeConfig', query: QUALIFIER, status: 204 },
  { method: 'GET', path: `${EVENT_CONFIG}/list`, operation: 'ListFunctionEventInvokeConfigs', query: PAGING },
  { method: 'PUT', path: '/2017-10-31/functions/{FunctionName}/concurrency', operation: 'PutFunctionConcurrency' },
  { method: 'GET', path: '/2019-09-30/functions/{FunctionName}/concurrency', operation: 'GetFunctionConcurrency' },
  { method: 'DELETE', path: '/2017-10-31/functions/{FunctionName}/concurrency', operation: 'DeleteFunctionConcurrency', status: 204 },
  { method: 'GET', path: '/2016-08-19/account-settings', operation: 'GetAccountSettings' },
  { method: 'POST', path: '/2017-03-31/tags/{Resource}', operation: 'TagResource', status: 204 },
  { method: 'DELETE', path: '/2017-03-31/tags/{Resource}', operation: 'UntagResource', query: { tagKeys: 'TagKeys' }, status: 204 },
  { method: 'GET', path: '/2017-03-31/tags/{Resource}', operation: 'ListTags' },
  { method: 'POST', path: ESM, operation: 'CreateEventSourceMapping', status: 202 },
  { method: 'GET', path: ESM, operation: 'ListEventSourceMappings', query: { EventSourceArn: 'EventSourceArn', FunctionName: 'FunctionName', ...PAGING } },
  { method: 'GET', path: `${ESM}/{UUID}`, operation: 'GetEventSourceMapping' },
  { method: 'PUT', path: `${ESM}/{UUID}`, operation: 'UpdateEventSourceMapping', status: 202 },
  { method: 'DELETE', path: `${ESM}/{UUID}`, operation: 'DeleteEventSourceMapping', status: 202 },
  { method: 'POST', path: URL_CONFIG, operation: 'CreateFunctionUrlConfig', query: QUALIFIER, status: 201 },
  { method: 'GET', path: URL_CONFIG, operation: 'GetFunctionUrlConfig', query: QUALIFIER },
  { method: 'PUT', path: URL_CONFIG, operation: 'UpdateFunctionUrlConfig', query: QUALIFIER },
  { method: 'DELETE', path: URL_CONFIG, operation: 'DeleteFunctionUrlConfig', query: QUALIFIER, status: 204 },
  { method: 'GET', path: '/2021-10-31/functions/{FunctionName}/urls', operation: 'ListFunctionUrlConfigs', query: PAGING },
];
