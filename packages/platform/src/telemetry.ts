import { context, propagation, trace, SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, NoopSpanProcessor } from '@opentelemetry/sdk-trace-base';

/** A started telemetry SDK; `shutdown` flushes pending spans (the last shutdown phase). */
export interface Telemetry {
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry for a process. Spans are always recorded (so logs and jobs carry real trace
 * ids and one trace follows a message across services); they are exported over OTLP/HTTP only when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` is set.
 */
export function startTelemetry(opts: { service: string; version: string; otlpEndpoint?: string | undefined }): Telemetry {
  const processor = opts.otlpEndpoint
    ? new BatchSpanProcessor(new OTLPTraceExporter({ url: `${opts.otlpEndpoint.replace(/\/$/, '')}/v1/traces` }))
    : new NoopSpanProcessor();
  const sdk = new NodeSDK({
    serviceName: opts.service,
    spanProcessors: [processor],
    instrumentations: [],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}

/** Runs `fn` inside a server span continued from W3C trace headers (used per HTTP request). */
export function withIncomingSpan<T>(name: string, headers: Record<string, unknown>, fn: (span: Span) => T): T {
  const parent = propagation.extract(context.active(), headers);
  const tracer = trace.getTracer('hvar');
  return context.with(parent, () => tracer.startActiveSpan(name, { kind: SpanKind.SERVER }, (span) => fn(span)));
}

/** Marks a span failed. */
export function failSpan(span: Span, message: string): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message });
}

/** The active trace id, if any. */
export function activeTraceId(): string | undefined {
  return trace.getActiveSpan()?.spanContext().traceId;
}
