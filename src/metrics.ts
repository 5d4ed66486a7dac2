import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one process (its own registry, so several apps can live in one test). */
export interface Metrics {
  registry: Registry;
  deliveriesReceived: Counter<'type'>;
  deliveriesRejected: Counter<'reason'>;
  processingSeconds: Histogram<'type'>;
  ackSeconds: Histogram<'path'>;
  messagesDelivered: Counter<'kind'>;
  sendFailures: Counter<'code' | 'outcome'>;
  /** Long connection only: reconnects after a drop, and restarts by the watchdog. */
  larkReconnects: Counter<'reason'>;
  larkConnectionUp: Gauge;
}

/** `depths` is read at scrape time, so the gauges show the shared queues, not one process's view. */
export function createMetrics(depths: () => Promise<{ inbox: number; outbox: number }>): Metrics {
  const registry = new Registry();
  const registers = [registry];
  new Gauge({
    name: 'homewatch_queue_depth',
    help: 'Undone work in the shared queues (inbox: deliveries not yet processed; outbox: messages not yet delivered)',
    labelNames: ['queue'],
    registers,
    async collect() {
      const d = await depths();
      this.set({ queue: 'inbox' }, d.inbox);
      this.set({ queue: 'outbox' }, d.outbox);
    },
  });
  return {
    registry,
    deliveriesReceived: new Counter({ name: 'homewatch_deliveries_received_total', help: 'Lark deliveries accepted, by event type', labelNames: ['type'], registers }),
    deliveriesRejected: new Counter({ name: 'homewatch_deliveries_rejected_total', help: 'Lark deliveries refused, by reason', labelNames: ['reason'], registers }),
    processingSeconds: new Histogram({
      name: 'homewatch_processing_seconds',
      help: 'Time to process one stored delivery (one transaction)',
      labelNames: ['type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    ackSeconds: new Histogram({
      name: 'homewatch_ack_seconds',
      help: 'Time from receiving a delivery to acknowledging it (events/cards: webhook; ws-events/ws-cards: long connection)',
      labelNames: ['path'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 3],
      registers,
    }),
    messagesDelivered: new Counter({ name: 'homewatch_messages_delivered_total', help: 'Outbound Lark operations delivered, by kind', labelNames: ['kind'], registers }),
    sendFailures: new Counter({
      name: 'homewatch_send_failures_total',
      help: 'Failed outbound Lark calls, by Lark code and whether they will be retried',
      labelNames: ['code', 'outcome'],
      registers,
    }),
    larkReconnects: new Counter({
      name: 'homewatch_lark_reconnects_total',
      help: 'Long connection to Lark: reconnects after a drop (dropped) and client restarts by the watchdog (watchdog)',
      labelNames: ['reason'],
      registers,
    }),
    larkConnectionUp: new Gauge({ name: 'homewatch_lark_connection_up', help: 'Long connection to Lark: 1 while connected', registers }),
  };
}
