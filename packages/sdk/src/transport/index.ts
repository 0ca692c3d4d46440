export { createTransport, type Transport, type TransportOptions } from './create-transport.ts';
export type { OhttpModule } from './relay-exchange.ts';
export {
  type BeforeSendDecision,
  type BeforeSendHook,
  DATA_CATEGORIES,
  type DataCategory,
  type FetchInit,
  type FetchLike,
  type FetchResponseLike,
  type HttpMethod,
  type ResultListener,
  type SendGate,
  type SendListener,
  type SendRecord,
  type TransportRequest,
  type TransportResponse,
} from './types.ts';
