/** The function the Order Placed rule invokes: it receives the whole EventBridge event. */

/** The envelope EventBridge wraps around every event's detail. */
export interface EventBridgeEvent<Detail> {
  id: string;
  source: string;
  'detail-type': string;
  time: string;
  detail: Detail;
}

/** Logs the order it was told about; EventBridge invokes it asynchronously and ignores the result. */
export const handler = async (event: EventBridgeEvent<{ orderId: string; totalCents: number }>) => {
  console.log(`Order Placed ${event.detail.orderId} total=${event.detail.totalCents} event=${event.id}`);
  return { seen: event.detail.orderId };
};
