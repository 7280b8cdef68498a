#!/usr/bin/env bash
# LessRAM quickstart: build the project and run its main job end to end, in a couple of minutes.
#
# Needs Java 11+ (17 tested) and Maven; the first run downloads MOA and the other dependencies.
#   examples/quickstart.sh            # 1,000,000 instances
#   N=200000 examples/quickstart.sh   # shorter
#
# What it does: a prequential evaluation (MOA's EvaluatePrequential: every instance is predicted first,
# then learned) on the sparse click-through-like stream lessram.SparseClickStreamGenerator (20 categorical
# fields hashed into 2^22 = 4,194,304 binary features, 15% clicks), of three settings of LessRAM's
# online logistic regression (Golovin et al., "Large-Scale Learning with Less RAM via Randomization",
# ICML 2013):
#   1. ApproximateCountLogisticRegression at its defaults: coefficients in 16-bit fixed point (q2.13)
#      with randomized rounding, per-coordinate learning rates from 8-bit Morris counters: 3 bytes per
#      coordinate;
#   2. the same learner with 64-bit doubles and exact 32-bit counts (-m float64 -c exact): 12 bytes per
#      coordinate, the uncompressed control;
#   3. RandomizedRoundingLogisticRegression: q2.13 coefficients with one global learning rate, 2 bytes.
# Model sizes are measured by MOA's SizeOf agent (the whole learner object).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib.sh
source "$ROOT/examples/lib.sh"
N=${N:-1000000}

lessram_build package
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
ACLR=lessram.ApproximateCountLogisticRegression
echo "Running the prequential evaluation ($N instances of lessram.SparseClickStreamGenerator, 3 learners)..." >&2
start=$(date +%s)
table=$(lessram_dotask "lessram.CompareLearners -s lessram.SparseClickStreamGenerator -i $N -a -D \
  -c $WORK/q.csv -l (q2.13 + Morris counts, default=$ACLR; float64 + exact counts, control=$ACLR \
  -m float64 -c exact; global rate q2.13=lessram.RandomizedRoundingLogisticRegression)")
echo
echo "Prequential results after $N instances (done in $(( $(date +%s) - start )) s):"
echo
# the first table only (the second one checks targets against MOA's learners, not run here)
sed '/^$/q' <<<"$table"
# The default against the float64 control, from the task's CSV (rows 2 and 3; quoted fields hold commas).
awk 'NR > 1 { line = $0; gsub(/"[^"]*"/, "L", line); split(line, f, ",");
    bytes[NR] = f[7]; coef[NR] = f[8]; loss[NR] = f[9]; auc[NR] = f[10] }
  END {
    printf "Default (q2.13 + Morris) against the float64 + exact-count control:\n";
    printf "  memory:   %.3f vs %.3f bytes per coordinate (%.0f%% less)\n",
      bytes[2] / coef[2], bytes[3] / coef[3], 100 * (1 - bytes[2] / bytes[3]);
    printf "  log loss: %.5f vs %.5f (%+.3f%% relative)\n", loss[2], loss[3], 100 * (loss[2] / loss[3] - 1);
    printf "  AUC:      %.5f vs %.5f (%+.5f)\n", auc[2], auc[3], auc[2] - auc[3] }' "$WORK/q.csv"
cat <<'TXT'

How to read this: accuracy and kappa are MOA's cumulative prequential figures (kappa is low because
clicks are rare: always predicting "no click" already gets about 85%); log loss (lower is better) and AUC
(higher is better; about 0.80 is the best any learner can reach on this stream) measure the predicted
click probabilities. "model bytes" is the learner's heap size measured by MOA's SizeOf agent,
"coefficients" the number of model coordinates (one per hashed feature, plus the bias).
Next: examples/compare.sh compares with MOA's own learners; examples/tradeoff.sh plots memory against
accuracy for many settings.
TXT
