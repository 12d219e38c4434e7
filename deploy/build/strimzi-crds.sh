#!/bin/sh
# Generates Strimzi's official CRDs (the same CrdGenerator call as Strimzi's api/pom.xml makes for
# packaging/install/cluster-operator/04x-Crd-*.yaml) from io.strimzi:api and io.strimzi:crd-generator
# on Maven Central. Strimzi 1.x is compiled for Java 21, so this picks a JDK >= 21: $CRDGEN_JAVA if set,
# else the first one under /usr/lib/jvm (these machines carry Temurin 25 beside the default JDK 17).
# Usage: strimzi-crds.sh <classpath> <output dir>
set -eu
classpath="$1"
out="$2"

# Up to date when generated from the same artifacts (the classpath names their versions).
stamp=$(printf '%s' "$classpath" | cksum | cut -d' ' -f1)
if [ -f "$out/.generated-from" ] && [ "$(cat "$out/.generated-from")" = "$stamp" ] && [ -s "$out/040-Crd-kafka.yaml" ]; then
  echo "deploy: Strimzi CRDs in $out are up to date"
  exit 0
fi

major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'; }

java_bin=""
for candidate in ${CRDGEN_JAVA:-} ${JAVA_HOME:+$JAVA_HOME/bin/java} /usr/lib/jvm/*/bin/java; do
  [ -x "$candidate" ] || continue
  v=$(major "$candidate")
  if [ -n "$v" ] && [ "$v" -ge 21 ]; then java_bin="$candidate"; break; fi
done
if [ -z "$java_bin" ]; then
  echo "deploy: generating Strimzi's CRDs needs a JDK 21 or newer (Strimzi 1.x is compiled for Java 21)." >&2
  echo "        Install one under /usr/lib/jvm or point CRDGEN_JAVA at its bin/java." >&2
  exit 1
fi

mkdir -p "$out"
rm -f "$out/.generated-from"
"$java_bin" -classpath "$classpath" io.strimzi.crdgenerator.CrdGenerator \
  --label app:strimzi --target-kube 1.16+ \
  --crd-api-version v1 --api-versions v1 --storage-version v1 --yaml \
  io.strimzi.api.kafka.model.kafka.Kafka="$out/040-Crd-kafka.yaml" \
  io.strimzi.api.kafka.model.topic.KafkaTopic="$out/043-Crd-kafkatopic.yaml" \
  io.strimzi.api.kafka.model.user.KafkaUser="$out/044-Crd-kafkauser.yaml" \
  io.strimzi.api.kafka.model.nodepool.KafkaNodePool="$out/045-Crd-kafkanodepool.yaml"
echo "$stamp" > "$out/.generated-from"
