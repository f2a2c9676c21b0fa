/** What lab 05's grader says, in both languages: its tests call these by id. Trace details, HTTP bodies and AWS's messages are quoted as they are. */
import { catalogue } from '../../src/core/grader/index.ts';

/** A lab 05 message by id. */
export const say = catalogue('lab05', {
  threw: { en: 'setupOrdersApi threw {name}: {message}', 'zh-cn': 'setupOrdersApi 抛出了 {name}："{message}"' },
  noEndpoint: {
    en: 'setupOrdersApi returned {returned}, not the API\'s endpoint: return the ApiEndpoint of CreateApi\'s (or GetApi\'s) answer',
    'zh-cn': 'setupOrdersApi 返回了 {returned}，而不是 API 的端点：返回 CreateApi（或 GetApi）响应中的 ApiEndpoint',
  },
  noApi: { en: 'there is no HTTP API named {name} after setupOrdersApi returned', 'zh-cn': 'setupOrdersApi 返回后，并没有名为 {name} 的 HTTP API' },
  returnedEndpoint: { en: 'the endpoint setupOrdersApi returned', 'zh-cn': 'setupOrdersApi 返回的端点' },
  missingRoute: {
    en: 'the API has no route {route} (its routes: {routes}): create it with CreateRouteCommand and Target integrations/<IntegrationId>',
    'zh-cn': 'API 没有路由 {route}（现有路由：{routes}）：用 CreateRouteCommand 创建它，Target 设为 integrations/<IntegrationId>',
  },
  noRoutes: { en: 'none', 'zh-cn': '无' },
  routeWithoutTarget: { en: 'route {route} has no target: give it Target integrations/<IntegrationId>', 'zh-cn': '路由 {route} 没有目标：给它设置 Target integrations/<IntegrationId>' },
  wrongIntegration: {
    en: 'route {route} goes to {type} {uri} with payload format {format}: it must be an AWS_PROXY integration to the orders function ({arn}) with PayloadFormatVersion 2.0',
    'zh-cn': '路由 {route} 指向 {type} {uri}，负载格式为 {format}：它必须是指向订单函数（{arn}）的 AWS_PROXY 集成，PayloadFormatVersion 为 2.0',
  },
  noStage: {
    en: 'the API has no $default stage, so its endpoint answers 404 Not Found: create it with CreateStageCommand({ StageName: \'$default\', AutoDeploy: true })',
    'zh-cn': 'API 没有 $default 阶段，所以它的端点只会回答 404 Not Found：用 CreateStageCommand({ StageName: \'$default\', AutoDeploy: true }) 创建它',
  },
  notDeployed: {
    en: 'the $default stage has nothing deployed: create it with AutoDeploy: true, or run CreateDeploymentCommand for it',
    'zh-cn': '$default 阶段上还没有部署任何东西：创建时加上 AutoDeploy: true，或者为它运行 CreateDeploymentCommand',
  },
  noPolicy: {
    en: 'function {name} has no resource policy, so API Gateway may not invoke it: add one with AddPermissionCommand for principal apigateway.amazonaws.com',
    'zh-cn': '函数 {name} 没有基于资源的策略，所以 API Gateway 不能调用它：用 AddPermissionCommand 为主体 apigateway.amazonaws.com 添加一条',
  },
  noApiStatement: {
    en: 'the resource policy of {name} has no statement for apigateway.amazonaws.com: add one with AddPermissionCommand',
    'zh-cn': '{name} 的基于资源的策略中没有针对 apigateway.amazonaws.com 的语句：用 AddPermissionCommand 添加一条',
  },
  unscoped: {
    en: 'a statement lets apigateway.amazonaws.com invoke the function with SourceArn {arn}, which is not this API: any API (any account\'s, without a SourceArn) could then call it; give SourceArn {wanted}',
    'zh-cn': '有一条语句允许 apigateway.amazonaws.com 以 SourceArn {arn} 调用函数，而它指的不是这个 API：这样任何 API（没有 SourceArn 时甚至是任何账户的）都能调用它；把 SourceArn 设为 {wanted}',
  },
  noSourceArn: { en: 'none', 'zh-cn': '无' },
  unreachable: { en: '{request} could not be sent to {url}: {reason}', 'zh-cn': '{request} 无法发送到 {url}："{reason}"' },
  status: { en: 'the status of {request}', 'zh-cn': '{request} 的状态码' },
  statusBecause: {
    en: '{request} answered {status}, not {expected}. The emulator\'s trace says: {detail}',
    'zh-cn': '{request} 的回答是 {status}，而不是 {expected}。模拟器的跟踪记录说："{detail}"',
  },
  location: { en: 'the Location header of {request}', 'zh-cn': '{request} 的 Location 头' },
  body: { en: 'the body of {request}', 'zh-cn': '{request} 的响应体' },
  notJson: { en: 'the body of {request} is not JSON: {text}', 'zh-cn': '{request} 的响应体不是 JSON：{text}' },
  stored: { en: 'the item stored for order {id}', 'zh-cn': '为订单 {id} 保存的项目' },
  notStoredAfter: {
    en: '{request} answered {status}, but order {id} is not in the table: store it before answering',
    'zh-cn': '{request} 的回答是 {status}，但订单 {id} 不在表中：先保存订单，再回答',
  },
  storedAnyway: {
    en: '{request} was refused, but order {id} was stored anyway: check the order before writing anything',
    'zh-cn': '{request} 被拒绝了，但订单 {id} 还是被保存了：在写入任何东西之前先检查订单',
  },
  fieldOf: { en: 'the field named in the 400 body of {request}', 'zh-cn': '{request} 的 400 响应体中指出的字段' },
  postOrder: { en: 'POST /orders with order {id}', 'zh-cn': '提交订单 {id} 的 POST /orders' },
  postBad: { en: 'POST /orders with {what}', 'zh-cn': '带有{what}的 POST /orders' },
  badEmpty: { en: 'no items', 'zh-cn': '没有商品的订单' },
  badQuantity: { en: 'a quantity of 0 in item {index}', 'zh-cn': '第 {index} 件商品数量为 0 的订单' },
  badPrice: { en: 'a negative unitPriceCents in item {index}', 'zh-cn': '第 {index} 件商品 unitPriceCents 为负数的订单' },
  badCurrency: { en: 'currency {currency}', 'zh-cn': '币种为 {currency} 的订单' },
  badCode: { en: 'the unknown discount code {code}', 'zh-cn': '未知折扣码 {code} 的订单' },
  badJson: { en: 'a body that is not JSON', 'zh-cn': '不是 JSON 的请求体' },
  getOrder: { en: 'GET /orders/{id}', 'zh-cn': 'GET /orders/{id}' },
  getMissing: { en: 'GET /orders/{id} (an order that does not exist)', 'zh-cn': 'GET /orders/{id}（一个不存在的订单）' },
  repeat: { en: 'the same POST /orders again, with the same Idempotency-Key {key}', 'zh-cn': '带着同一个 Idempotency-Key {key} 再次发送的同一个 POST /orders' },
  reused: { en: 'POST /orders with order {id} and the Idempotency-Key {key} of another order', 'zh-cn': '提交订单 {id}、却带着另一个订单的 Idempotency-Key {key} 的 POST /orders' },
  repeatBody: { en: 'the body of the repeated POST /orders (it must be the first answer again)', 'zh-cn': '重复的 POST /orders 的响应体（必须和第一次的回答一样）' },
  preflight: { en: 'the CORS preflight of POST /orders from {origin}', 'zh-cn': '来自 {origin} 的 POST /orders 的 CORS 预检请求' },
  allowOrigin: { en: 'the Access-Control-Allow-Origin header of {request}', 'zh-cn': '{request} 的 Access-Control-Allow-Origin 头' },
  allowMethod: {
    en: 'the preflight allows the methods {methods}, which do not include POST: add POST to AllowMethods',
    'zh-cn': '预检请求允许的方法是 {methods}，其中没有 POST：把 POST 加进 AllowMethods',
  },
  allowHeader: {
    en: 'the preflight allows the headers {headers}, which do not include content-type: add content-type to AllowHeaders',
    'zh-cn': '预检请求允许的请求头是 {headers}，其中没有 content-type：把 content-type 加进 AllowHeaders',
  },
  nothing: { en: 'none', 'zh-cn': '无' },
  pagePost: { en: 'POST /orders from a page of {origin}', 'zh-cn': '来自 {origin} 页面的 POST /orders' },
  rerunThrew: {
    en: 'setupOrdersApi threw {name} when run a second time: {message}. Setup code is run again after every change: find the API by name (GetApisCommand) instead of creating another, and create only what is missing',
    'zh-cn': '第二次运行时，setupOrdersApi 抛出了 {name}："{message}"。每次修改后设置代码都会再次运行：按名称查找 API（GetApisCommand），而不是再创建一个，并且只创建缺少的部分',
  },
  apisAfterRerun: {
    en: 'after a second run there are {count} APIs named {name}: find the first run\'s API by name (GetApisCommand) instead of creating another',
    'zh-cn': '第二次运行后，有 {count} 个名为 {name} 的 API：按名称找到第一次运行创建的 API（GetApisCommand），而不是再创建一个',
  },
  routesAfterRerun: { en: 'the routes after a second run', 'zh-cn': '第二次运行后的路由' },
  endpointAfterRerun: { en: 'the endpoint the second run returned', 'zh-cn': '第二次运行返回的端点' },
  postAfterRerun: { en: 'POST /orders with order {id} (after the second run)', 'zh-cn': '提交订单 {id} 的 POST /orders（第二次运行之后）' },
});
