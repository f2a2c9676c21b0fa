/**
 * Lab 10: the shop's payment step, given complete. It reads the payment provider's API key from
 * Secrets Manager (PAYMENT_SECRET_ID) and signs the charge with it, so the key itself never leaves
 * the function. Nothing to change here.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createHmac } from 'node:crypto';

const secrets = new SecretsManagerClient({});

/** The charge to sign. */
export interface PaymentOrder {
  orderId: string;
  amountCents: number;
}

/** Answers the charge's signature: HMAC-SHA256 of `orderId:amountCents` with the provider's key. */
export async function chargePayment(order: PaymentOrder): Promise<{ orderId: string; signature: string }> {
  const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: process.env.PAYMENT_SECRET_ID }));
  const signature = createHmac('sha256', SecretString ?? '').update(`${order.orderId}:${order.amountCents}`).digest('hex');
  return { orderId: order.orderId, signature };
}
