import { createServer, type Server } from 'node:net';
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

  it('refuses to come back when another server took its port meanwhile, rather than hand out that one', async () => {
    const redis = await startRedisServer();
    let impostor: Server | undefined;
    try {
      await redis.kill();
      // Another test file's server on the freed port: it answers every command as redis would PING.
      impostor = createServer((socket) => socket.on('data', () => socket.write('+PONG\r\n')));
      await new Promise<void>((resolve) => impostor!.listen(redis.port, '127.0.0.1', resolve));
      await expect(redis.restart()).rejects.toThrow(/redis-server exited/);
    } finally {
      await new Promise((resolve) => (impostor ? impostor.close(resolve) : resolve(undefined)));
      await redis.stop();
    }
  });
});

async function waitUntilReady(client: Redis): Promise<void> {
  for (let attempt = 0; attempt < 200 && client.status !== 'ready'; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
