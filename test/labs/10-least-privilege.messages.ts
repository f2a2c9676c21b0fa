/** What lab 10's grader says, in both languages: its tests call these by id. AWS's error codes and messages are quoted as they are. */
import { catalogue } from '../../src/core/grader/index.ts';

/** A lab 10 message by id. */
export const say = catalogue('lab10', {
  threw: { en: '{fn} threw {name}: {message}', 'zh-cn': '{fn} 抛出了 {name}："{message}"' },
  functionFailed: {
    en: 'the {fn} function failed with {errorType}: {errorMessage}. Its role {role} must allow {needed}: write that statement in {policy} (least-privilege.ts) and check it is put on {role}',
    'zh-cn': '函数 {fn} 以 {errorType} 失败："{errorMessage}"。它的角色 {role} 必须允许 {needed}：在 least-privilege.ts 的 {policy} 中写出这条语句，并确认它被附加到了 {role} 上',
  },
  notStored: {
    en: 'the order writer answered for order {id}, but the table {table} has no item with that orderId',
    'zh-cn': '订单写入函数对订单 {id} 返回了结果，但表 {table} 中没有该 orderId 的条目',
  },
  noReceipt: {
    en: 'the receipt writer answered, but the bucket {bucket} has no object {key}',
    'zh-cn': '收据写入函数返回了结果，但存储桶 {bucket} 中没有对象 {key}',
  },
  badSignature: {
    en: 'the payment step signed order {id} with another key than the payment secret {secret}: is PAYMENT_SECRET_ID the secret your policy allows?',
    'zh-cn': '支付步骤为订单 {id} 签名时用的不是支付密钥 {secret}：PAYMENT_SECRET_ID 指向的是你的策略允许的那个密钥吗？',
  },
  allowed: {
    en: 'the role {role} could {what}, which its function never needs: {advice}',
    'zh-cn': '角色 {role} 能够{what}，而它的函数从来不需要这样做：{advice}',
  },
  notDenied: {
    en: 'the role {role} trying to {what} got {got}, not AccessDenied: IAM should refuse it before the service looks at the request; {advice}',
    'zh-cn': '角色 {role} 尝试{what}时得到的是 {got}，而不是 AccessDenied：IAM 应当在服务处理请求之前就拒绝它；{advice}',
  },
  mustWorkFirst: {
    en: 'the role {role} cannot even {what}, the one thing its function needs, so there is nothing to narrow yet: make "{check}" pass first',
    'zh-cn': '角色 {role} 连它的函数唯一需要做的事（{what}）都做不到，所以还谈不上收窄权限：先让“{check}”通过',
  },
  checkOrderWriter: { en: 'The order writer stores orders with its own role', 'zh-cn': '订单写入函数用自己的角色保存订单' },
  whatPutOrder: { en: 'put an order into {table}', 'zh-cn': '向 {table} 写入订单' },
  noPolicy: {
    en: 'the {where} is missing: a resource without a policy of yours is not least privilege, it is not done; grantLeastPrivilege puts all five in place',
    'zh-cn': '缺少{where}：没有你编写的策略并不是最小权限，而是还没有完成；grantLeastPrivilege 要把五份策略都放好',
  },
  whereRolePolicy: { en: 'policy of the role {role}', 'zh-cn': '角色 {role} 的策略' },
  whatOtherTable: { en: 'put an item into another table ({table})', 'zh-cn': '向另一张表（{table}）写入条目' },
  whatDelete: { en: 'delete an order from {table} (DeleteItem)', 'zh-cn': '从 {table} 删除订单（DeleteItem）' },
  whatOtherKey: { en: 'put an item with partition key {key} into {table}', 'zh-cn': '向 {table} 写入分区键为 {key} 的条目' },
  whatScan: { en: 'read the whole table {table} (Scan)', 'zh-cn': '读取整张表 {table}（Scan）' },
  whatOtherPrefix: { en: 'write {key} in {bucket}, outside the receipts prefix', 'zh-cn': '在 {bucket} 中写入收据前缀之外的 {key}' },
  whatRead: { en: 'read the receipt {key} back (GetObject)', 'zh-cn': '读回收据 {key}（GetObject）' },
  whatDeleteObject: { en: 'delete the receipt {key} (DeleteObject)', 'zh-cn': '删除收据 {key}（DeleteObject）' },
  whatOtherSecret: { en: 'read the secret {secret}', 'zh-cn': '读取密钥 {secret}' },
  adviceOrders: {
    en: 'allow only dynamodb:PutItem, only on {arn}, with the condition ForAllValues:StringLike dynamodb:LeadingKeys ["ord-*"]',
    'zh-cn': '只允许 dynamodb:PutItem，只针对 {arn}，并加上条件 ForAllValues:StringLike dynamodb:LeadingKeys ["ord-*"]',
  },
  adviceReceipts: {
    en: 'allow only s3:PutObject, only on arn:aws:s3:::{bucket}/{prefix}*',
    'zh-cn': '只允许 s3:PutObject，只针对 arn:aws:s3:::{bucket}/{prefix}*',
  },
  adviceSecret: {
    en: 'allow secretsmanager:GetSecretValue on the payment secret\'s own ARN ({arn}), not on every secret',
    'zh-cn': '只对支付密钥自己的 ARN（{arn}）允许 secretsmanager:GetSecretValue，而不是对所有密钥',
  },
  orderLost: {
    en: 'a message published to the order topic {topic} never reached the queue {queue}: the queue policy must allow Principal {"Service":"sns.amazonaws.com"} sqs:SendMessage with the condition ArnEquals aws:SourceArn {topic}',
    'zh-cn': '发布到订单主题 {topic} 的消息始终没有到达队列 {queue}：队列策略必须允许 Principal {"Service":"sns.amazonaws.com"} 执行 sqs:SendMessage，并带上条件 ArnEquals aws:SourceArn {topic}',
  },
  strangerDelivered: {
    en: 'a message published to another topic ({other}) that subscribed the queue reached {queue}: add the condition ArnEquals aws:SourceArn {topic} so that only the order topic may send',
    'zh-cn': '订阅了该队列的另一个主题（{other}）发布的消息到达了 {queue}：加上条件 ArnEquals aws:SourceArn {topic}，只让订单主题发送消息',
  },
  plainHttpAllowed: {
    en: 'a request to the bucket {bucket} over plain HTTP ({operation}) was answered {got}, not AccessDenied: add a bucket policy statement that denies s3:* to Principal "*" on the bucket and its objects with the condition Bool aws:SecureTransport "false"',
    'zh-cn': '通过明文 HTTP 访问存储桶 {bucket} 的请求（{operation}）得到的是 {got}，而不是 AccessDenied：在存储桶策略中加一条语句，对 Principal "*" 拒绝针对存储桶及其对象的 s3:*，条件为 Bool aws:SecureTransport "false"',
  },
  tlsRefused: {
    en: 'a request to the bucket {bucket} over TLS ({operation}) was refused with {got}: the Deny must apply only when aws:SecureTransport is "false" (the condition Bool aws:SecureTransport "false")',
    'zh-cn': '通过 TLS 访问存储桶 {bucket} 的请求（{operation}）被 {got} 拒绝：这条 Deny 只应在 aws:SecureTransport 为 "false" 时生效（条件 Bool aws:SecureTransport "false"）',
  },
  wildcard: {
    en: 'the {where} allows {what}: a wildcard grants every present and future action or resource; name the action and the resource ARN',
    'zh-cn': '{where} 允许了 {what}：通配符会授予现在和将来的所有操作或资源；请写出具体的操作和资源 ARN',
  },
  whereRole: { en: 'policy {policy} of the role {role}', 'zh-cn': '角色 {role} 的策略 {policy}' },
  whereQueue: { en: 'policy of the queue {queue}', 'zh-cn': '队列 {queue} 的策略' },
  whereBucket: { en: 'policy of the bucket {bucket}', 'zh-cn': '存储桶 {bucket} 的策略' },
  whatAction: { en: 'the action {action}', 'zh-cn': '操作 {action}' },
  whatResource: { en: 'the resource {resource}', 'zh-cn': '资源 {resource}' },
  whatNot: { en: 'everything but what {element} names', 'zh-cn': '除 {element} 所列之外的一切' },
  managedAttached: {
    en: 'the managed policy {policy} is attached to the role {role}: a managed policy is written for many functions; put one inline policy of your own on each role (PutRolePolicy) instead',
    'zh-cn': '角色 {role} 上附加了托管策略 {policy}：托管策略是为许多函数写的；请改为给每个角色放一条你自己的内联策略（PutRolePolicy）',
  },
});
