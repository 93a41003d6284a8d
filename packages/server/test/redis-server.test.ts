import { startRedisServer } from '@oemkit/test-support/redis';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';

// The helper every shared-store test stands on (the fleet token here, limits across processes):
// it must give a real server, take it away like an outage, and bring it back where clients look.
describe('startRedisServer', () => {
  it('starts a server on 127.0.0.1 that stores values, loses them when killed, and comes back empty on the same port', async () => {
    const redis = await startRedisServer();
    const client = new Redis(redis.url, { maxRetriesPerRequest: 0, retryStrategy: () => 50, lazyConnect: true });
    client.on('error', () => {});
    try {
      expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
      await client.connect();
      await client.set('greeting', 'hello');
      expect(await client.get('greeting')).toBe('hello');

      await redis.kill();
      await expect(client.get('greeting')).rejects.toThrow();

      await redis.restart();
      await waitUntilReady(client);
      expect(await client.get('greeting')).toBeNull();
    } finally {
      client.disconnect();
      await redis.stop();
      await redis.stop();
    }
  });
});

async function waitUntilReady(client: Redis): Promise<void> {
  for (let attempt = 0; attempt < 200 && client.status !== 'ready'; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
