package lessram;

import java.util.Locale;

/**
 * The largest feature coefficients of a model by magnitude (ties: the lower coordinate first), found in
 * one pass over the non-zero coefficients with a bounded insertion list, and their listing for
 * {@link OnlineClassifier#describe}. The bias is listed apart.
 */
final class CoefficientRanking {
  private final LogisticRegression model;
  private final int[] coordinate;
  private final double[] value;
  private int count;
  private long nonZero;

  private CoefficientRanking(LogisticRegression model, int k) {
    this.model = model;
    this.coordinate = new int[Math.max(0, k)];
    this.value = new double[coordinate.length];
  }

  /** The {@code k} largest feature coefficients of {@code model}. */
  static CoefficientRanking of(LogisticRegression model, int k) {
    CoefficientRanking r = new CoefficientRanking(model, k);
    int biasSlot = model.biasSlot();
    int outputs = model.numOutputs();
    model.forEachNonZeroCoefficient((c, v) -> {
      r.nonZero++;
      if (c / outputs != biasSlot) {
        r.offer(c, v);
      }
    });
    return r;
  }

  private void offer(int c, double v) {
    int n = count;
    double a = Math.abs(v);
    if (n == coordinate.length && (n == 0 || !beats(a, c, n - 1))) {
      return;
    }
    int i = n == coordinate.length ? n - 1 : n;
    while (i > 0 && beats(a, c, i - 1)) {
      coordinate[i] = coordinate[i - 1];
      value[i] = value[i - 1];
      i--;
    }
    coordinate[i] = c;
    value[i] = v;
    count = Math.min(n + 1, coordinate.length);
  }

  /** True if |v| = {@code a} at coordinate {@code c} ranks before entry {@code i}. */
  private boolean beats(double a, int c, int i) {
    double b = Math.abs(value[i]);
    return a > b || (a == b && c < coordinate[i]);
  }

  /** Number of non-zero coefficients, the bias included. */
  long nonZero() {
    return nonZero;
  }

  /** Number of feature coefficients ranked (at most k). */
  int size() {
    return count;
  }

  /** The coordinate ({@code slot * outputs + output}) of rank {@code i}. */
  int coordinate(int i) {
    return coordinate[i];
  }

  /** The coefficient of rank {@code i}. */
  double value(int i) {
    return value[i];
  }

  /** Appends the ranked coefficients, then the bias of every output, one per line. */
  void appendTo(StringBuilder b, FeatureNames names, String[] classLabels) {
    int outputs = model.numOutputs();
    b.append('\n');
    b.append(outputs == 1 ? "Coefficients of the log-odds of class '" + classLabels[1] + "'"
        : "Coefficients of the class scores");
    b.append(names.hashed() ? " (hashed slots: colliding features share a value)" : "")
        .append(", largest |value| first:\n");
    int[] slots = new int[count];
    for (int i = 0; i < count; i++) {
      slots[i] = coordinate[i] / outputs;
    }
    String[] named = names.of(slots);
    for (int i = 0; i < count; i++) {
      line(b, value[i], outputs == 1 ? null : classLabels[coordinate[i] % outputs], named[i]);
    }
    if (count == 0) {
      b.append("  (all feature coefficients are zero)\n");
    }
    for (int k = 0; k < outputs; k++) {
      line(b, model.coefficient(model.biasSlot(), k), outputs == 1 ? null : classLabels[k], "(bias)");
    }
  }

  private static void line(StringBuilder b, double v, String label, String name) {
    b.append(String.format(Locale.ROOT, "  %10.5f  ", v));
    if (label != null) {
      b.append('[').append(label).append("] ");
    }
    b.append(name).append('\n');
  }
}
