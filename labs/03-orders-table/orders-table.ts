/** Lab 03: the orders table and a customer's order history. Complete every TODO, then run `npx workshop check 03`. */
import { CreateTableCommand, ResourceInUseException, waitUntilTableExists, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The global secondary index that finds a customer's orders. */
export const CUSTOMER_INDEX = 'byCustomer';

/** An order as the table stores it. */
export interface StoredOrder {
  orderId: string;
  customerId: string;
  /** ISO 8601 time, like `2025-05-01T10:15:00.000Z`: strings in this form sort by time. */
  createdAt: string;
  currency: string;
  totalCents: number;
}

/** Creates the orders table (or leaves an existing one alone) and resolves once it is ACTIVE. */
export async function createOrdersTable(dynamodb: DynamoDBClient, tableName: string): Promise<void> {
  // TODO: send a CreateTableCommand: on-demand billing, key orderId (string), and the index
  //       CUSTOMER_INDEX on customerId (partition) and createdAt (sort), projecting ALL attributes.
  // TODO: when the table exists already (ResourceInUseException), carry on without failing.
  // TODO: wait with waitUntilTableExists({ client: dynamodb, minDelay: 1, maxWaitTime: 60 }, ...).
}

/** The customer's orders, newest first. */
export async function listCustomerOrders(documents: DynamoDBDocumentClient, tableName: string, customerId: string): Promise<StoredOrder[]> {
  // TODO: query CUSTOMER_INDEX for this customerId, newest createdAt first, following every page.
  return [];
}
