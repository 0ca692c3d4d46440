/**
 * Oblivious HTTP (RFC 9458) with Binary HTTP (RFC 9292): the client that sends requests through a
 * relay, and the pieces a gateway needs. Isomorphic (Web Crypto via @hpke/core, no Node built-ins) so
 * the SDK and the server share it. See docs/oblivious-http.md.
 */
export { decodeRequest, decodeResponse } from './bhttp-decode.ts';
export { type EncodeOptions, encodeRequest, encodeResponse } from './bhttp-encode.ts';
export type { BhttpRequest, BhttpResponse, Field } from './bhttp-message.ts';
export { type RandomBytes, secureRandomBytes, WireFormatError } from './bytes.ts';
export {
  GATEWAY_PATH,
  type InnerRequest,
  KEYS_PATH,
  type ObliviousFetchOptions,
  ObliviousHttpClient,
  type ObliviousHttpOptions,
  ObliviousRequestError,
  OHTTP_KEYS_TYPE,
  OHTTP_REQUEST_TYPE,
  OHTTP_RESPONSE_TYPE,
} from './client.ts';
export {
  decapsulateRequest,
  decapsulateResponse,
  type ExchangeContext,
  encapsulateRequest,
  encapsulateResponse,
  REQUEST_HEADER_LENGTH,
} from './encapsulation.ts';
export { parseHttpDate, requestDate } from './http-date.ts';
export {
  decodeKeyConfig,
  decodeKeyConfigList,
  encodeKeyConfig,
  encodeKeyConfigList,
  type KeyConfig,
} from './key-config.ts';
export { OhttpError, type OhttpErrorCode } from './ohttp-error.ts';
export { MIN_REQUEST_PADDING, MIN_RESPONSE_PADDING, paddedLength } from './padding.ts';
export {
  AEAD_AES_128_GCM,
  type GatewayKey,
  generateGatewayKey,
  importGatewayKey,
  KDF_HKDF_SHA256,
  KEM_X25519_HKDF_SHA256,
} from './suite.ts';
