#!/usr/bin/env bash
# Prequential comparison of LessRAM's two MOA learners with MOA's built-in learners: for every stream,
# MOA's EvaluatePrequential with the cumulative BasicClassificationPerformanceEvaluator (plus log loss and
# AUC), run once per learner by the MOA task moa.tasks.lessram.CompareLearners, with MOA's SizeOf agent
# measuring the models. Prints one table (accuracy, kappa, CPU seconds, model bytes, bytes per coefficient,
# log loss, AUC) and a check of the comparison targets, and writes them to docs/compare/ (or $OUT):
#   compare.csv  every row;   compare.md  the tables.
#
#   examples/compare.sh                 # everything, about 5-8 minutes on 2 cores
#   N=20000 SPARSE_N=200000 examples/compare.sh   # a quick smaller run
#
# Streams and instances (N for MOA's generators, 100,000 by default):
#   RandomRBF, Hyperplane, SEA, Agrawal (binary); LED (10 classes), Waveform (3 classes): all learners,
#     functions.SGD (binary only) is skipped on LED and Waveform, where SGDMultiClass stands in;
#   SparseClickStreamGenerator -b 12 (4,096 hashed attributes, N instances): all learners. MOA's SGD,
#     Perceptron, NaiveBayes and HoeffdingTree do O(attributes) work per instance, hence the small -b;
#   SparseClickStreamGenerator at its defaults (2^22 attributes, SPARSE_N = 1,000,000 instances): LessRAM's
#     learners only (default q2.13 + Morris, the float64 + exact-count control, global-rate learner).
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
# -D counts the distinct features of the stream (shown in the stream's name).
echo "== lessram.SparseClickStreamGenerator (defaults), $SPARSE_N instances" >&2
lessram_dotask "lessram.CompareLearners -s lessram.SparseClickStreamGenerator -i $SPARSE_N -a -D \
  -c $CSV -t $MD -l ($ACLR; $ACLR -m float64 -c exact; $RRLR; $RRLR -m float64)" > /dev/null

cat "$MD"
echo >&2
echo "Done in $(( $(date +%s) - start )) s; wrote $CSV and $MD ($(date -u '+%Y-%m-%d %H:%M UTC'))." >&2
