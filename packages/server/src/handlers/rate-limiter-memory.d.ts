// rate-limiter-flexible's index requires every limiter, among them RateLimiterCluster with
// node:cluster, which a worker or edge bundle cannot resolve. The handlers import the memory
// limiter's own file, which the package ships without types: these are its index's.
declare module 'rate-limiter-flexible/lib/RateLimiterMemory.js' {
  import { RateLimiterMemory } from 'rate-limiter-flexible';
  export default RateLimiterMemory;
}
