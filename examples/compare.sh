#!/usr/bin/env bash
# Prequential comparison of LessRAM's two MOA learners with MOA's built-in learners: for every stream,
# MOA's EvaluatePrequential with the cumulative BasicClassificationPerformanceEvaluator (plus log loss and
# AUC), run once per learner by the MOA task moa.tasks.lessram.CompareLearners, with MOA's SizeOf agent
# measuring the models. Prints one table (accuracy, kappa, CPU seconds, model bytes, bytes per coefficient,
# log loss, AUC) and a check of the comparison targets, and writes them to docs/compare/ (or $OUT):
#   compare.csv  every row;   compare.md  the tables.
#
#   examples/compare.sh                 # everything: 3 to 8 minutes on 2 shared cores
#   N=20000 SPARSE_N=200000 examples/compare.sh   # a quick smaller run
#
# Streams and instances (N for MOA's generators, 100,000 by default):
#   RandomRBF, Hyperplane, SEA, Agrawal (binary); LED (10 classes), Waveform (3 classes): all learners,
#     functions.SGD (binary only) is skipped on LED and Waveform, where SGDMultiClass stands in;
#   SparseClickStreamGenerator -b 12 (4,096 hashed attributes, N instances): all learners. MOA's SGD,
#     Perceptron, NaiveBayes and HoeffdingTree do O(attributes) work per instance, hence the small -b;
#   SparseClickStreamGenerator -C 10000000 -b 24 (2^24 attributes, about 1M distinct features in
#     SPARSE_N = 1,000,000 instances): LessRAM's learners only, at their defaults and with float64
#     coefficients (+ exact counts): the memory/accuracy target. examples/quickstart.sh runs the same
#     comparison on the stream's defaults.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib.sh
source "$ROOT/examples/lib.sh"
OUT=${OUT:-$ROOT/docs/compare}
N=${N:-100000}
SPARSE_N=${SPARSE_N:-1000000}
mkdir -p "$OUT"

lessram_build compile
CSV="$OUT/compare.csv"
MD="$OUT/compare.md"
rm -f "$CSV"

ACLR=lessram.ApproximateCountLogisticRegression
RRLR=lessram.RandomizedRoundingLogisticRegression
run() { # stream instances [learners]
  local learners=${3:+ -l ($3)}
  echo "== $1, $2 instances" >&2
  lessram_dotask "lessram.CompareLearners -s ($1) -i $2 -a -c $CSV -t $MD$learners" > /dev/null
}

start=$(date +%s)
for s in generators.RandomRBFGenerator generators.HyperplaneGenerator generators.SEAGenerator \
         generators.AgrawalGenerator generators.LEDGenerator generators.WaveformGenerator; do
  run "$s" "$N"
done
run "lessram.SparseClickStreamGenerator -b 12" "$N"
# The memory target: >= 1M examples with >= 1M distinct features. The default click stream shows about
# 558,000 distinct features in 1M examples, so this run widens the largest field to 10^7 values and hashes
# into 2^24 attributes (about 1.03M distinct features in 1M examples; -D counts them, shown in the
# stream's name). LessRAM's learners only: q2.13 + Morris (default) against float64 + exact counts.
echo "== lessram.SparseClickStreamGenerator -C 10000000 -b 24, $SPARSE_N instances" >&2
lessram_dotask "lessram.CompareLearners -s (lessram.SparseClickStreamGenerator -C 10000000 -b 24) \
  -i $SPARSE_N -a -D -c $CSV -t $MD -l ($ACLR; $ACLR -m float64 -c exact; $RRLR; $RRLR -m float64)" > /dev/null

cat "$MD"
echo >&2
echo "Done in $(( $(date +%s) - start )) s; wrote $CSV and $MD ($(date -u '+%Y-%m-%d %H:%M UTC'))." >&2
