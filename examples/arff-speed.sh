#!/usr/bin/env bash
# Reading speed of a wide sparse ARFF file: MOA's ArffFileStream against lessram.SparseArffFileStream, both
# measured with MOA's own MeasureStreamSpeed task (instances per second of CPU time of the reading thread),
# run alternately in fresh JVMs on the same generated file. The file is a bag-of-words corpus shaped like a
# mail collection (moa.streams.lessram.WideSparseArff, a test-scope tool): INSTANCES mails over WORDS word
# attributes plus a nominal class, about 98 non-zeros per mail. It is written to a temporary directory and
# deleted afterwards.
#
#   examples/arff-speed.sh                        # 6,046 mails x 37,992 words, 3 rounds: about 5 minutes
#   RUNS=1 INSTANCES=2000 examples/arff-speed.sh  # quicker
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib.sh
source "$ROOT/examples/lib.sh"
INSTANCES=${INSTANCES:-6046}
WORDS=${WORDS:-37992}
RUNS=${RUNS:-3}

lessram_build test-compile
CP="$ROOT/target/classes:$ROOT/target/test-classes:$(cat "$ROOT/target/examples-classpath.txt")"
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
java -cp "$CP" moa.streams.lessram.WideSparseArff "$DIR/mail.arff" "$INSTANCES" "$WORDS" 1
gzip -k "$DIR/mail.arff"
# ten times the mails over the same words, for a longer measurement of the fast reader
java -cp "$CP" moa.streams.lessram.WideSparseArff "$DIR/mail10.arff" "$((10 * INSTANCES))" "$WORDS" 1
echo "file: $INSTANCES mails x $WORDS words, $(du -h "$DIR/mail.arff" | cut -f1) ($(du -h "$DIR/mail.arff.gz" | cut -f1) gzip)"

# measure <stream CLI> <instances>: prints "instances/s cpu_seconds wall_seconds"
measure() {
  local start end out
  start=$(date +%s.%N)
  out=$(java -Xmx"${HEAP:-3g}" -cp "$CP" moa.DoTask "MeasureStreamSpeed -s ($1) -g $2" 2>/dev/null)
  end=$(date +%s.%N)
  local rate cpu
  rate=$(grep -m1 '^Instances per second' <<<"$out" | sed 's/.*= //; s/,//g')
  cpu=$(grep -m1 '^Time elapsed' <<<"$out" | sed 's/.*= //; s/,//g')
  [[ -n "$rate" ]] || { echo "$out" >&2; echo "error: MeasureStreamSpeed failed on $1" >&2; return 1; }
  echo "$rate $cpu $(echo "$end - $start" | bc)"
}

printf '| round | stream | file | instances | instances/s (CPU) | CPU s | JVM wall s |\n|---|---|---|---|---|---|---|\n'
for round in $(seq 1 "$RUNS"); do
  for s in "ArffFileStream|mail.arff|$INSTANCES" \
           "lessram.SparseArffFileStream|mail.arff|$INSTANCES" \
           "lessram.SparseArffFileStream|mail.arff.gz|$INSTANCES" \
           "lessram.SparseArffFileStream|mail10.arff|$((10 * INSTANCES))"; do
    IFS='|' read -r stream file n <<<"$s"
    read -r rate cpu wall < <(measure "$stream -f $DIR/$file" "$n")
    printf '| %s | %s | %s | %s | %.0f | %.3f | %.1f |\n' "$round" "$stream" "$file" "$n" "$rate" "$cpu" "$wall"
  done
done
