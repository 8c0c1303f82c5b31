import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The Prometheus registry of one service, with the metrics every service reports. */
export interface ServiceMetrics {
  registry: Registry;
  jobDuration: Histogram<'queue' | 'job'>;
  jobOutcomes: Counter<'queue' | 'job' | 'status'>;
  queueDepth: Gauge<'queue' | 'state'>;
}

/** Creates a fresh registry (not the global one, so tests can build several services in one process). */
export function createMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    jobDuration: new Histogram({
      name: 'hvar_job_duration_seconds',
      help: 'Time to process one job',
      labelNames: ['queue', 'job'],
      buckets: [0.005, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    jobOutcomes: new Counter({
      name: 'hvar_jobs_total',
      help: 'Jobs by outcome (completed, failed = will retry, dead = in the failed set for good)',
      labelNames: ['queue', 'job', 'status'],
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: 'hvar_queue_jobs',
      help: 'Jobs in a queue by state, read at scrape time',
      labelNames: ['queue', 'state'],
      registers: [registry],
    }),
  };
}
