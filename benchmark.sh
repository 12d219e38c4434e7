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
set -euo pipefail
cd "$(dirname "$0")"

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
