#!/usr/bin/env bash
# The project's benchmark: starts the whole platform on 127.0.0.1 (Kafka, PostgreSQL, Keycloak and the
# four services, no Docker), measures intake alone against a no-op endpoint on the same HTTP stack,
# replays a Big-Ask-sized survey (557,077 responses) end to end into PostgreSQL, and prints throughput,
# latency percentiles, errors, lag per stage, the reconciliation ledger, a duplicate check and each
# service's resident memory. Stops everything it started when it ends.
#
#   ./benchmark.sh                         the full run (about 10 minutes plus start-up)
#   ./benchmark.sh --responses 20000       a quick run
#   ./benchmark.sh --help                  every option (see benchmark/README.md)
#   ./benchmark.sh components              the per-service benchmarks instead: postcode index (lookups/s per
#                                          core, heap), scrubber (quality tables and answers/s), and
#                                          disclosure-controlled tables over a 12-million-record cube (p95)
set -euo pipefail
cd "$(dirname "$0")"

if [[ "${1:-}" == "components" ]]; then
  ./mvnw -B -q -DskipTests install -pl geography-service,anonymiser,reporting-service -am
  echo "[benchmark] geography-service: postcode index"
  ./mvnw -B -q -pl geography-service -Pbenchmark verify
  echo "[benchmark] anonymiser: scrubber quality and speed"
  ./mvnw -B -q -pl anonymiser -Peval verify
  echo "[benchmark] reporting-service: two-way tables over a cube sized for 12 million records"
  ./mvnw -B -q -pl reporting-service -Pbenchmark test-compile exec:exec
  exit 0
fi

if [[ " $* " == *" --help "* || " $* " == *" -h "* ]]; then
  SKIP_BUILD=1
fi
if [[ -z "${SKIP_BUILD:-}" ]]; then
  echo "[benchmark] building the services and the driver (tests skipped)..."
  ./mvnw -B -q -DskipTests install
fi

CLASSPATH="benchmark/target/classes:$(cat benchmark/target/benchmark.classpath)"
exec java -Xms512m -Xmx2g -XX:+UseParallelGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  ${BENCHMARK_JAVA_OPTS:-} -cp "$CLASSPATH" uk.childvoice.benchmark.Benchmark "$@"
