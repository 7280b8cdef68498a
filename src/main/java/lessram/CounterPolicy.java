package lessram;

import java.io.Serializable;

/**
 * The per-coordinate counter field and the learning rate it implies: none (global rate), an exact
 * saturating count, or a Morris approximate count with tabulated rates.
 */
abstract class CounterPolicy implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Field width in bits (0 for none). */
  abstract int bits();

  /** The learning rate for a coordinate whose counter field is {@code field}. */
  abstract double eta(long field, double globalEta);

  /**
   * The field after one more update (the counter's line of the {@link UpdateRule}); {@code random32}
   * supplies 32 uniform bits (the low half) where needed.
   */
  abstract long next(long field, long random32);

  /** The estimated number of updates recorded by {@code field}. */
  abstract double estimate(long field);

  /** The largest (saturated) field value; 0 for none. */
  abstract long maxField();

  /** Heap bytes of this policy and its tables. */
  abstract long sizeInBytes();

  static CounterPolicy of(LearnerConfig c) {
    if (c.schedule() == LearningRateSchedule.GLOBAL) {
      return new None();
    }
    if (c.counterType() == CounterType.EXACT) {
      return new Exact(c.counterBits(), c.rateScale());
    }
    return new Morris(new MorrisCounter(c.counterBits(), c.morrisBase()), c.rateScale());
  }

  /** No counter: the global rate applies. */
  static final class None extends CounterPolicy {
    private static final long serialVersionUID = 1L;

    @Override int bits() {
      return 0;
    }

    @Override double eta(long field, double globalEta) {
      return globalEta;
    }

    @Override long next(long field, long random32) {
      return 0;
    }

    @Override double estimate(long field) {
      return 0;
    }

    @Override long maxField() {
      return 0;
    }

    @Override long sizeInBytes() {
      return 16;
    }
  }

  /** Exact count in {@code bits} bits, saturating at {@code 2^bits - 1}. */
  static final class Exact extends CounterPolicy {
    private static final long serialVersionUID = 1L;
    private final int bits;
    private final long max;
    private final double alpha;

    Exact(int bits, double alpha) {
      this.bits = bits;
      this.max = (1L << bits) - 1;
      this.alpha = alpha;
    }

    @Override int bits() {
      return bits;
    }

    @Override double eta(long field, double globalEta) {
      return alpha / Math.sqrt(field + 1.0);
    }

    @Override long next(long field, long random32) {
      return field < max ? field + 1 : field;
    }

    @Override double estimate(long field) {
      return field;
    }

    @Override long maxField() {
      return max;
    }

    @Override long sizeInBytes() {
      return 32;
    }
  }

  /** Morris approximate count; rates tabulated per state. */
  static final class Morris extends CounterPolicy {
    private static final long serialVersionUID = 1L;
    private final MorrisCounter counter;
    private final double[] eta;

    Morris(MorrisCounter counter, double alpha) {
      this.counter = counter;
      this.eta = counter.learningRates(alpha);
    }

    @Override int bits() {
      return counter.bits();
    }

    @Override double eta(long field, double globalEta) {
      return eta[(int) field];
    }

    @Override long next(long field, long random32) {
      return counter.increment((int) field, random32);
    }

    @Override double estimate(long field) {
      return counter.estimate((int) field);
    }

    /** The estimate of each state (the counter's own table: read only). */
    double[] estimates() {
      return counter.estimates();
    }

    /** 1 when the estimates do not decrease with the state (as {@code b^c} grows and pow is semi-monotonic), -1 not; 0: unknown yet. */
    private transient int ascending;

    /** True when the estimates do not decrease with the state (checked once). */
    boolean estimatesAscending() {
      if (ascending == 0) {
        double[] e = counter.estimates();
        boolean up = true;
        for (int s = 1; s < e.length; s++) {
          up &= e[s - 1] <= e[s];
        }
        ascending = up ? 1 : -1;
      }
      return ascending > 0;
    }

    @Override long maxField() {
      return counter.maxState();
    }

    @Override long sizeInBytes() {
      return 24 + RecordStore.arrayBytes(eta.length, 8) + counter.sizeInBytes();
    }

  }
}
