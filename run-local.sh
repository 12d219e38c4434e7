#!/usr/bin/env bash
# Runs the whole platform locally on embedded defaults: Kafka, PostgreSQL, Keycloak and the four
# services, all on 127.0.0.1, no Docker, nothing installed by hand. Ctrl-C stops everything.
#
#   ./run-local.sh                                     well-known ports (8081-8084, Keycloak 8180, Kafka 9092, PostgreSQL 5433)
#   ./run-local.sh -Dchildvoice.stack.random-ports=true
#   ./run-local.sh -Dchildvoice.geography.directory=/path/to/ONSPD_NOV_2025_UK.csv.gz
set -euo pipefail
cd "$(dirname "$0")"

echo "[local-stack] building the services (tests skipped; first run downloads Maven, dependencies and Keycloak)..."
./mvnw -B -q -DskipTests install

CLASSPATH="launcher/target/classes:$(cat launcher/target/launcher.classpath)"
exec java -Xmx768m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "$@" -cp "$CLASSPATH" uk.childvoice.launcher.LocalStack
