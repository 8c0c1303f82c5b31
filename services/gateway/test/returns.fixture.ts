import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { announceService, closeServer, listen } from '@hvar/platform';
import express from 'express';
import type { Redis } from 'ioredis';
import { mountReadApi } from '../../returns/src/http.js';
import type { LegRow } from '../../returns/src/legs/store.js';
import { returnRequest, startReturnsStack, type ReturnsStack } from '../../returns/test/harness.js';

/** The returns service in-process: its worker against a Bosta simulator, its read API announced in the gateway's registry. */
export interface ReturnsService {
  stack: ReturnsStack;
  /** A pickup created at Bosta (it has a tracking number and an airway bill). */
  created: LegRow;
  /** A pickup Bosta could not take (no address): no tracking number. */
  rejected: LegRow;
  stop(): Promise<void>;
}

/** Starts the real returns service (migrated, emptied schema, its own simulator) with two pickups, announced under `prefix`. */
export async function startReturns(redis: Redis, prefix: string): Promise<ReturnsService> {
  const stack = await startReturnsStack();
  const app = express();
  mountReadApi(app, { database: stack.database, log: stack.deps.log, bosta: stack.deps.bosta, awb: stack.deps.settings.awb });
  const server: Server = await listen(app, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const announcement = announceService(redis, prefix, {
    name: 'returns', instance: 'test', version: 'test', internal_url: url, queues: ['returns'], started_at: new Date().toISOString(),
  });
  const a = returnRequest();
  const b = returnRequest({ pickup_address: null });
  await stack.run('return-requested', a);
  await stack.run('return-requested', b);
  const created = await stack.waitLeg(a.action_id, (l) => l.status === 'created');
  const rejected = await stack.waitLeg(b.action_id, (l) => l.status === 'rejected');
  return {
    stack, created, rejected,
    async stop() {
      await announcement.stop();
      await closeServer(server);
      await stack.close();
    },
  };
}
