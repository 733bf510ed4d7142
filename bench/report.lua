-- wrk script for bench/api.sh: at the end of the run, prints the figures as KEY=VALUE lines (prefixed BENCH_)
-- so that the shell script can read them without scraping wrk's human-readable report.
-- wrk reports latencies in microseconds and the run's duration in microseconds.

done = function(summary, latency, requests)
   local seconds = summary.duration / 1e6
   local errors = summary.errors
   io.write(string.format("BENCH_REQUESTS=%d\n", summary.requests))
   io.write(string.format("BENCH_SECONDS=%.2f\n", seconds))
   io.write(string.format("BENCH_RPS=%.1f\n", summary.requests / seconds))
   io.write(string.format("BENCH_LATENCY_AVG_MS=%.2f\n", latency.mean / 1000))
   io.write(string.format("BENCH_LATENCY_P50_MS=%.2f\n", latency:percentile(50) / 1000))
   io.write(string.format("BENCH_LATENCY_P99_MS=%.2f\n", latency:percentile(99) / 1000))
   io.write(string.format("BENCH_LATENCY_MAX_MS=%.2f\n", latency.max / 1000))
   -- errors.status counts responses with a status of 400 or more (wrk does not count 2xx/3xx as errors).
   io.write(string.format("BENCH_NON_2XX=%d\n", errors.status))
   io.write(string.format("BENCH_SOCKET_ERRORS=%d\n",
      errors.connect + errors.read + errors.write + errors.timeout))
end
