import { storage } from 'nestjs-pino/storage';

export interface RequestContext {
  requestId?: string;
}

// Carries the request id to code far from the controller (audit rows, logs).
//
// It rides on the one AsyncLocalStorage a request already has: nestjs-pino's, which its
// middleware enters for every request so that logs carry the request. A second storage of our
// own cost about 8 % of the API's CPU per request on Node 20 (every promise copies each active
// storage), measured with the bench. The context is kept beside nestjs-pino's store, keyed by it,
// and goes with it when the request ends.
const contexts = new WeakMap<object, RequestContext>();

// Called by the API's request middleware, inside nestjs-pino's storage. Outside a request (the
// worker, scripts) there is no store and nothing is kept.
export function setRequestContext(context: RequestContext): void {
  const store = storage.getStore();
  if (store) contexts.set(store, context);
}

export function currentRequestId(): string | undefined {
  const store = storage.getStore();
  return store ? contexts.get(store)?.requestId : undefined;
}
