#!/usr/bin/env bash
# Memory versus accuracy (Golovin et al., ICML 2013, Figure 2) in one command: runs the MOA task
# moa.tasks.lessram.MemoryAccuracyTradeoff and writes tradeoff.csv, tradeoff-logloss.png and
# tradeoff-aucloss.png to docs/tradeoff/ (or to $OUT).
#
#   examples/tradeoff.sh                         # default: 1,000,000 instances of the click generator
#   examples/tradeoff.sh -i 200000               # any task option is passed on
#   OUT=/tmp/rcv1 examples/tradeoff.sh -s "(lessram.LibSvmFileStream -f rcv1_train.binary)" -i -1 \
#       -t "RCV1"
#   examples/tradeoff.sh -c "percoord-exact32-float32,*-randomized"
#
# Task options (see the README): -s stream, -i instances (-1 = whole stream), -c configurations,
# -C control, -b reference budget, -k reference folding bits, -a alpha, -A former fixed alphas, -r seed,
# -x extra learner options, -d CSV file, -p plot prefix, -t plot title, -q progress seconds.
#
# The frontier compares storage at the learners' former fixed alphas (0.2 per coordinate, 0.5 global:
# task option -A, added here), as the figures in docs/tradeoff.md were measured; ALPHAS=adaptive runs the
# learners at their adaptive default instead.
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=${OUT:-docs/tradeoff}
HEAP=${HEAP:-3g}
mkdir -p "$OUT" target

echo "Building (mvn compile) and resolving the class path..." >&2
mvn -q -DskipTests compile dependency:build-classpath -DexcludeTypes=pom -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/tradeoff-classpath.txt
CP="target/classes:$(cat target/tradeoff-classpath.txt)"
AGENT=$(tr ':' '\n' < target/tradeoff-classpath.txt | grep -m1 'sizeofag-.*\.jar$' || true)
JAVA_OPTS=(-Xmx"$HEAP" -Djava.awt.headless=true)
if [[ -n "$AGENT" ]]; then
  # MOA's SizeOf agent measures MOA's own learners; on Java 17 it needs these packages opened.
  JAVA_OPTS+=(-javaagent:"$AGENT"
    --add-opens java.base/java.util=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED
    --add-opens java.base/java.util.concurrent=ALL-UNNAMED)
else
  echo "warning: sizeofag jar not found; MOA's learners' bytes will be unknown" >&2
fi

CSV="$OUT/tradeoff.csv"
rm -f "$CSV"
# -S: no status line on stderr (the task prints progress lines itself); moa.DoTask exits 0 even
# when the task fails, so success is judged by the CSV it writes.
FORMER=-A
[[ "${ALPHAS:-former}" == adaptive ]] && FORMER=
java "${JAVA_OPTS[@]}" -cp "$CP" moa.DoTask \
    "lessram.MemoryAccuracyTradeoff -S $FORMER -d $CSV $*"
if [[ ! -s "$CSV" ]]; then
  echo "error: the task failed (no $CSV); see the messages above" >&2
  exit 1
fi
echo "Wrote $CSV, $OUT/tradeoff-logloss.png and $OUT/tradeoff-aucloss.png" >&2
