package lessram.bench;

import lessram.CounterType;
import lessram.FeatureSpace;
import lessram.LearnerConfig;
import lessram.LearnerOption;
import lessram.LearningRateSchedule;
import lessram.CoefficientStorage;

/** The coefficient-table layouts the benchmarks compare, by name (the JMH {@code layout} parameter). */
final class Layouts {
  private Layouts() {
  }

  /** float64 coefficients, global rate alpha/sqrt(t): 8 bytes per coordinate. */
  static final String FLOAT64_GLOBAL = "float64-global";
  /** float32 coefficients with exact 32-bit counts: 8 bytes per coordinate. */
  static final String FLOAT32_EXACT32 = "float32-exact32";
  /** q2.13 with randomized rounding and 8-bit Morris counts: 3 bytes per coordinate (the method). */
  static final String Q2_13_MORRIS8_RANDOMIZED = "q2.13-morris8-randomized";
  /** q2.13 with round-to-nearest and 8-bit Morris counts (the ablation). */
  static final String Q2_13_MORRIS8_NEAREST = "q2.13-morris8-nearest";

  /** Adaptive precision, 16 bits per coordinate, 8-bit Morris counts (base 1.1), gamma 1/16. */
  static final String ADAPTIVE16_MORRIS8 = "adaptive16-morris8";
  /** Adaptive precision, 12 bits per coordinate, 6-bit Morris counts (base 1.25), gamma 1/16. */
  static final String ADAPTIVE12_MORRIS6 = "adaptive12-morris6";

  /**
   * A configuration for a named layout over {@code space}, at the fixed alpha that was the default before the
   * adaptive rate (0.5 global, 0.2 per coordinate), at which docs/benchmarks.md's figures were measured: these
   * benchmarks compare layouts, not learning rates.
   */
  static LearnerConfig config(String layout, FeatureSpace space) {
    LearningRateSchedule schedule = FLOAT64_GLOBAL.equals(layout) ? LearningRateSchedule.GLOBAL
        : LearningRateSchedule.PER_COORDINATE;
    LearnerConfig.Builder b = LearnerConfig.builder().featureSpace(space).seed(42)
        .alpha(LearnerOption.fixedDefaultAlpha(schedule));
    switch (layout) {
      case FLOAT64_GLOBAL:
        return b.storage(CoefficientStorage.FLOAT64).schedule(LearningRateSchedule.GLOBAL).build();
      case FLOAT32_EXACT32:
        return b.storage(CoefficientStorage.FLOAT32).schedule(LearningRateSchedule.PER_COORDINATE)
            .counterType(CounterType.EXACT).counterBits(32).build();
      case Q2_13_MORRIS8_RANDOMIZED:
        return b.fixedPoint(2, 13).storage(CoefficientStorage.RANDOMIZED)
            .schedule(LearningRateSchedule.PER_COORDINATE).counterType(CounterType.MORRIS).counterBits(8).build();
      case Q2_13_MORRIS8_NEAREST:
        return b.fixedPoint(2, 13).storage(CoefficientStorage.NEAREST)
            .schedule(LearningRateSchedule.PER_COORDINATE).counterType(CounterType.MORRIS).counterBits(8).build();
      case ADAPTIVE16_MORRIS8:
        return b.storage(CoefficientStorage.ADAPTIVE).coordinateBits(16)
            .schedule(LearningRateSchedule.PER_COORDINATE).counterType(CounterType.MORRIS).counterBits(8).build();
      case ADAPTIVE12_MORRIS6:
        return b.storage(CoefficientStorage.ADAPTIVE).coordinateBits(12).morrisBase(1.25)
            .schedule(LearningRateSchedule.PER_COORDINATE).counterType(CounterType.MORRIS).counterBits(6).build();
      default:
        throw new IllegalArgumentException("unknown layout " + layout);
    }
  }
}
