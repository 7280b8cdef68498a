#!/usr/bin/env bash
# Prediction-time compression (Golovin et al., ICML 2013, section 5): a trained model compressed to a coarse
# q2.m grid and stored in a real entropy code, predicting straight from the compact form.
#
#   1. Table 1 of the paper, reproduced by the MOA task moa.tasks.lessram.CompressionTable: an
#      ApproximateCountLogisticRegression trained on N instances of SparseClickStreamGenerator, compressed at
#      q2.3, q2.5, q2.7, q2.9, scored on the next T instances against the uncompressed model. Three
#      set-ups (see docs/compression/README.md): -h 20 on the default stream, -h 20 on a stream with
#      more than 1M distinct features, -h 24 on that stream. Tables go to $OUT/table1-*-$LAYOUT.md.
#   2. The command-line path: LearnModel -> lessram.CompressModel -> EvaluateModel on both models.
#
#   examples/compression.sh                  # N=2,000,000, T=200,000: a few minutes on 2 shared cores
#   N=100000 T=20000 examples/compression.sh # quick
#   LAYOUT=compact examples/compression.sh   # the smallest layout of the compressed code
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib.sh
source "$ROOT/examples/lib.sh"
OUT=${OUT:-$ROOT/docs/compression}
N=${N:-2000000}
T=${T:-200000}
LAYOUT=${LAYOUT:-ranked}   # layout of the compressed code: ranked (default), direct, compact, grouped, fast, direct_fast
mkdir -p "$OUT"
lessram_build compile

# moa.DoTask exits 0 even when the task fails: check the output for the expected text instead.
dotask() { # expected-text task...
  local expect=$1 out
  shift
  out=$("${LESSRAM_JAVA[@]}" moa.DoTask "$*") || { echo "error: java failed" >&2; return 1; }
  if ! grep -q -- "$expect" <<<"$out"; then
    echo "$out" >&2
    echo "error: the task failed: $*" >&2
    return 1
  fi
  printf '%s\n' "$out"
}

# -a 0.2: the former fixed default, at which docs/compression.md's tables were measured (they are about the
# compression of a trained model, not its learning rate; the adaptive default is -a 0).
AC="lessram.ApproximateCountLogisticRegression -a 0.2"
WIDE="lessram.SparseClickStreamGenerator -C 10000000 -b 24"
table() { # name learner-options stream
  echo "== Table 1: $AC $2 on $3" >&2
  dotask '| q2.9 ' "lessram.CompressionTable -S -l ($AC $2) -s ($3) -n $N -t $T -m 3,5,7,9 -r 1 -L $LAYOUT -o $OUT/table1-$1-$LAYOUT.md"
}
table h20-default "-h 20" "lessram.SparseClickStreamGenerator"
table h20-wide "-h 20" "$WIDE"
table h24-wide "-h 24" "$WIDE"

echo "== LearnModel -> CompressModel -> EvaluateModel" >&2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
STREAM="lessram.SparseClickStreamGenerator"
dotask 'Model description' "LearnModel -S -l ($AC -h 20) -s ($STREAM) -m $N -O $WORK/model.moa" >/dev/null
dotask 'realized' "lessram.CompressModel -S -m $WORK/model.moa -o $WORK/model.lrfz -f 7 -r 1 -L $LAYOUT" \
  | tee "$OUT/compress-model-$LAYOUT.txt"
# EvaluateModel restarts the stream, and another seed is another ground truth: both models are scored on
# the first T instances (seen in training). This compares the two models; CompressionTable above gives the
# held-out figures.
for model in "file:$WORK/model.moa" "(lessram.CompressedLogisticRegression -f $WORK/model.lrfz)"; do
  echo "-- EvaluateModel -m $model" >&2
  dotask 'classifications correct' "EvaluateModel -S -m $model -s ($STREAM) -i $T -f $T" \
    | tail -2
done
