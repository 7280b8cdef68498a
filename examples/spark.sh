#!/usr/bin/env bash
# LessRAM on Apache Spark, on this machine (Spark's local mode): distributed training by parameter mixing of the
# click-through-like stream, written to LIBSVM first and read with Spark's libsvm source.
#
# Needs Java 11+ (17 tested) and Maven; the first run downloads Spark (about 280 MB into the Maven repository;
# examples/quickstart.sh never does).
#   examples/spark.sh                         # 1,000,000 instances, 4 partitions on 2 cores, single-machine baseline
#   N=200000 examples/spark.sh                # shorter
#   examples/spark.sh --round-sizes 500,2000,8000,32000 --rounds   # loss against round size, per-round table
#   examples/spark.sh stream                  # Structured Streaming: LIBSVM files arriving in a folder
# Options after the command go to lessram.spark.examples.ClickStreamFit (see its Javadoc): --partitions,
# --round-sizes, --master (default local[2]), --exchange-bits, --mixing, --alpha, --moa (the MOA learner's own speed).
# What it prints: per run the progressive log loss and AUC (every example predicted by its partition's copy
# before training on it), bytes exchanged per partition and round (and as a share of the model as dense
# float32), and the time: reading and caching the input, the rounds, the tasks' training time; then where the
# rounds' CPU went ("rounds CPU ...": the task threads split into training, model and copy, changes and Spark's task
# wrapper; the driver's merge and its Spark jobs; Spark's other threads by pool; garbage collection and JIT).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${N:-1000000}
HEAP=${HEAP:-6g}
WORK=${WORK:-$ROOT/target/spark-example}
mkdir -p "$WORK"

command -v java >/dev/null || { echo "error: java not found (Java 11+ needed, 17 tested)" >&2; exit 1; }
command -v mvn >/dev/null || { echo "error: mvn (Maven) not found" >&2; exit 1; }
echo "Building the core and Spark jars (mvn -q -B -DskipTests verify)..." >&2
(cd "$ROOT" && mvn -q -B -Dstyle.color=never -DskipTests verify) || { echo "error: the build failed" >&2; exit 1; }
SPARK_BUILD="$ROOT/target/spark/target"
CP="$SPARK_BUILD/classes:$(cat "$SPARK_BUILD/examples-classpath.txt")"
# Spark on Java 17 needs these packages opened.
OPENS=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false)
JAVA=(java -Xmx"$HEAP" "${OPENS[@]}" -Dlog4j.configurationFile="$ROOT/examples/spark-log4j2.properties" -cp "$CP")
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
DATA="$WORK/click-$N.libsvm"

if [[ "${1:-}" == "stream" ]]; then
  shift
  rm -rf "$WORK/stream"
  mkdir -p "$WORK/stream"
  if [[ ! -f "$DATA" ]]; then
    "${JAVA[@]}" lessram.spark.examples.ClickStreamFit --data "$DATA" --n "$N" --write-only
  fi
  echo "Streaming: $DATA cut into 10 files arriving one by one in $WORK/stream/incoming" >&2
  exec "${JAVA[@]}" lessram.spark.examples.StreamingLibSvm --watch "$WORK/stream/incoming" --feed "$DATA" --parts 10 \
    --every 3 "$@"
fi

ARGS=("$@")
if [[ ${#ARGS[@]} -eq 0 ]]; then
  ARGS=(--baseline)
fi
echo "Distributed fit of $N click-stream instances (data: $DATA)..." >&2
"${JAVA[@]}" lessram.spark.examples.ClickStreamFit --data "$DATA" --n "$N" "${ARGS[@]}"
