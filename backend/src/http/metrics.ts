/**
 * Prometheus metrics, written by hand (text format 0.0.4): request counts and
 * latency histograms by route, model inference time, process memory.
 * Labels are bounded: route templates, a fixed set of methods, status codes.
 */

export const metricsDefaults = {
  requestBuckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  inferenceBuckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
  methods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
} as const;

class Histogram {
  readonly buckets: readonly number[];
  readonly counts: number[];
  sum = 0;
  count = 0;

  constructor(buckets: readonly number[]) {
    this.buckets = buckets;
    this.counts = buckets.map(() => 0);
  }

  observe(value: number): void {
    this.sum += value;
    this.count += 1;
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]!) this.counts[i]! += 1;
  }
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labels(pairs: Record<string, string>): string {
  const body = Object.entries(pairs).map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',');
  return body === '' ? '' : `{${body}}`;
}

function histogramLines(name: string, labelPairs: Record<string, string>, h: Histogram): string[] {
  const lines = h.buckets.map((b, i) => `${name}_bucket${labels({ ...labelPairs, le: String(b) })} ${h.counts[i]}`);
  lines.push(`${name}_bucket${labels({ ...labelPairs, le: '+Inf' })} ${h.count}`);
  lines.push(`${name}_sum${labels(labelPairs)} ${h.sum}`);
  lines.push(`${name}_count${labels(labelPairs)} ${h.count}`);
  return lines;
}

export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly latency = new Map<string, Histogram>();
  private readonly inference = new Map<string, Histogram>();
  private readonly inferenceRows = new Map<string, number>();
  private readonly info: Record<string, string>;
  private readonly started = Date.now();

  constructor(info: Record<string, string> = {}) {
    this.info = info;
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const m = (metricsDefaults.methods as readonly string[]).includes(method) ? method : 'OTHER';
    const countKey = JSON.stringify([m, route, String(status)]);
    this.requests.set(countKey, (this.requests.get(countKey) ?? 0) + 1);
    const latencyKey = JSON.stringify([m, route]);
    let h = this.latency.get(latencyKey);
    if (!h) this.latency.set(latencyKey, (h = new Histogram(metricsDefaults.requestBuckets)));
    h.observe(seconds);
  }

  observeInference(kind: string, seconds: number, rows: number): void {
    let h = this.inference.get(kind);
    if (!h) this.inference.set(kind, (h = new Histogram(metricsDefaults.inferenceBuckets)));
    h.observe(seconds);
    this.inferenceRows.set(kind, (this.inferenceRows.get(kind) ?? 0) + rows);
  }

  /** The exposition text for GET /metrics. */
  render(ready: boolean): string {
    const out: string[] = [];
    out.push('# HELP http_requests_total HTTP requests by method, route template and status.', '# TYPE http_requests_total counter');
    for (const [key, n] of this.requests) {
      const [method, route, status] = JSON.parse(key) as [string, string, string];
      out.push(`http_requests_total${labels({ method, route, status })} ${n}`);
    }
    out.push('# HELP http_request_duration_seconds Request latency by method and route template.', '# TYPE http_request_duration_seconds histogram');
    for (const [key, h] of this.latency) {
      const [method, route] = JSON.parse(key) as [string, string];
      out.push(...histogramLines('http_request_duration_seconds', { method, route }, h));
    }
    out.push('# HELP model_inference_duration_seconds Time of one ONNX run (kind="onnx") or one TreeSHAP explanation (kind="shap").', '# TYPE model_inference_duration_seconds histogram');
    for (const [kind, h] of this.inference) out.push(...histogramLines('model_inference_duration_seconds', { kind }, h));
    out.push('# HELP model_inference_rows_total Rows scored or explained.', '# TYPE model_inference_rows_total counter');
    for (const [kind, n] of this.inferenceRows) out.push(`model_inference_rows_total${labels({ kind })} ${n}`);
    const mem = process.memoryUsage();
    out.push(
      '# HELP model_info The model being served.', '# TYPE model_info gauge', `model_info${labels(this.info)} 1`,
      '# HELP app_ready 1 when the API accepts traffic.', '# TYPE app_ready gauge', `app_ready ${ready ? 1 : 0}`,
      '# HELP process_resident_memory_bytes Resident memory size in bytes.', '# TYPE process_resident_memory_bytes gauge', `process_resident_memory_bytes ${mem.rss}`,
      '# HELP nodejs_heap_used_bytes V8 heap in use.', '# TYPE nodejs_heap_used_bytes gauge', `nodejs_heap_used_bytes ${mem.heapUsed}`,
      '# HELP process_uptime_seconds Seconds since the API started.', '# TYPE process_uptime_seconds gauge', `process_uptime_seconds ${(Date.now() - this.started) / 1000}`,
    );
    return `${out.join('\n')}\n`;
  }
}
