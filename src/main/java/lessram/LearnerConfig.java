package lessram;

import java.io.Serializable;

/**
 * Immutable configuration of a {@link LogisticRegression}: everything the engine needs, validated once.
 * Adapters (MOA, Weka) map their options to one of these; the engine never sees an option object.
 *
 * <p>Defaults are the paper's recommended configuration: coefficients in {@code q2.13} with unbiased
 * randomized rounding, per-coordinate learning rates {@code alpha / sqrt(tau + 1)} driven by 8-bit Morris
 * counters with base 1.1 (24 bits per coordinate).
 */
public final class LearnerConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Default learning-rate scale; see the README for how it was chosen. */
  public static final double DEFAULT_ALPHA = 0.5;

  /**
   * Default {@code alpha} of the global rate {@code alpha / sqrt(t)} (MOA/Weka
   * RandomizedRoundingLogisticRegression): chosen by prequential runs on MOA's generators and the sparse
   * click stream (see the README).
   */
  public static final double DEFAULT_ALPHA_GLOBAL = 0.5;

  /**
   * Default {@code alpha} of the per-coordinate rate {@code alpha / sqrt(tau + 1)} (MOA/Weka
   * ApproximateCountLogisticRegression): chosen by prequential runs on MOA's generators and the sparse
   * click stream (see the README).
   */
  public static final double DEFAULT_ALPHA_PER_COORDINATE = 0.2;

  private final int numClasses;
  private final FeatureSpace featureSpace;
  private final FixedPointFormat format;
  private final RoundingMode rounding;
  private final LearningRateSchedule schedule;
  private final CounterType counterType;
  private final int counterBits;
  private final double morrisBase;
  private final double alpha;
  private final long seed;

  private LearnerConfig(Builder b) {
    this.numClasses = b.numClasses;
    this.featureSpace = b.featureSpace;
    this.format = FixedPointFormat.of(b.integerBits, b.fractionBits);
    this.rounding = b.rounding;
    this.schedule = b.schedule;
    this.counterType = b.counterType;
    if (b.counterBits < 0) {
      throw new IllegalArgumentException("counter bits must be >= 0 (0 = the default width), got "
          + b.counterBits);
    }
    this.counterBits = b.counterBits > 0 ? b.counterBits : (b.counterType == CounterType.EXACT ? 32 : 8);
    this.morrisBase = b.morrisBase;
    this.alpha = b.alpha;
    this.seed = b.seed;
    validate();
  }

  private void validate() {
    if (numClasses < 2) {
      throw new IllegalArgumentException("need at least 2 classes, got " + numClasses);
    }
    if (featureSpace == null) {
      throw new IllegalArgumentException("feature space not set");
    }
    if (rounding == null || schedule == null || counterType == null) {
      throw new IllegalArgumentException("rounding, schedule and counter type must be set");
    }
    if (!(alpha > 0) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException("learning rate alpha must be a finite number > 0, got " + alpha);
    }
    if (!(morrisBase > 1.0) || Double.isInfinite(morrisBase)) {
      throw new IllegalArgumentException("Morris base must be a finite number > 1, got " + morrisBase);
    }
    int maxCounterBits = counterType == CounterType.EXACT ? 32 : 16;
    if (counterBits < 1 || counterBits > maxCounterBits) {
      throw new IllegalArgumentException(counterType.label() + " counter bits must be 1.."
          + maxCounterBits + ", got " + counterBits);
    }
    long coordinates = ((long) featureSpace.numFeatureSlots() + 1) * numOutputs();
    if (coordinates > Integer.MAX_VALUE / 4) {
      throw new IllegalArgumentException("model too large: " + coordinates
          + " coordinates (feature slots + bias, times outputs); the limit is " + Integer.MAX_VALUE / 4);
    }
  }

  /** A builder with the defaults for a binary problem over {@code dimension} direct features. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder initialised from this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.numClasses = numClasses;
    b.featureSpace = featureSpace;
    b.integerBits = format.integerBits();
    b.fractionBits = format.fractionBits();
    b.rounding = rounding;
    b.schedule = schedule;
    b.counterType = counterType;
    b.counterBits = counterBits;
    b.morrisBase = morrisBase;
    b.alpha = alpha;
    b.seed = seed;
    return b;
  }

  /** Number of classes (2 = binary logistic, more = multinomial softmax). */
  public int numClasses() {
    return numClasses;
  }

  /** Number of linear outputs: 1 for binary, the number of classes otherwise. */
  public int numOutputs() {
    return numClasses == 2 ? 1 : numClasses;
  }

  /** Feature-id to slot mapping and table layout. */
  public FeatureSpace featureSpace() {
    return featureSpace;
  }

  /** Fixed-point format of the coefficients (used by the randomized and nearest modes). */
  public FixedPointFormat format() {
    return format;
  }

  /** Coefficient storage and rounding. */
  public RoundingMode rounding() {
    return rounding;
  }

  /** Global or per-coordinate learning rates. */
  public LearningRateSchedule schedule() {
    return schedule;
  }

  /** Counter kind for per-coordinate rates. */
  public CounterType counterType() {
    return counterType;
  }

  /** Counter width in bits (per-coordinate rates only). */
  public int counterBits() {
    return counterBits;
  }

  /** Base {@code b} of the Morris counters. */
  public double morrisBase() {
    return morrisBase;
  }

  /** Learning-rate scale {@code alpha}. */
  public double alpha() {
    return alpha;
  }

  /** Seed of the learner's random generator (rounding and Morris decisions). */
  public long seed() {
    return seed;
  }

  /**
   * Heap bytes of this configuration with its feature space and format (64-bit JVM, compressed
   * references; the shared enum constants are not counted).
   */
  long sizeInBytes() {
    return 64 + FeatureSpace.OBJECT_BYTES + FixedPointFormat.sizeInBytes();
  }

  /** Bits of the coefficient field. */
  public int weightBits() {
    switch (rounding) {
      case FLOAT32: return 32;
      case FLOAT64: return 64;
      default: return format.totalBits();
    }
  }

  /** Bits of the counter field (0 with the global rate). */
  public int counterFieldBits() {
    return schedule == LearningRateSchedule.GLOBAL ? 0 : counterBits;
  }

  /** Payload bits per coordinate: coefficient plus counter. */
  public int bitsPerCoordinate() {
    return weightBits() + counterFieldBits();
  }

  /** A short human-readable description, e.g. {@code q2.13 randomized, per-coordinate morris8(b=1.1)}. */
  public String describe() {
    String store = rounding.isFixedPoint() ? format + " " + rounding.label() : rounding.label();
    String rate = schedule == LearningRateSchedule.GLOBAL ? "global rate"
        : "per-coordinate rate, " + counterType.label() + " " + counterBits + "-bit counters"
            + (counterType == CounterType.MORRIS ? " (base " + morrisBase + ")" : "");
    return store + ", " + rate + ", alpha=" + alpha + ", " + featureSpace + ", "
        + numClasses + " classes, seed=" + seed;
  }

  @Override
  public String toString() {
    return describe();
  }

  /** Mutable builder; {@link #build()} validates and throws {@link IllegalArgumentException}. */
  public static final class Builder {
    private int numClasses = 2;
    private FeatureSpace featureSpace = FeatureSpace.hashed(20);
    private int integerBits = 2;
    private int fractionBits = 13;
    private RoundingMode rounding = RoundingMode.RANDOMIZED;
    private LearningRateSchedule schedule = LearningRateSchedule.PER_COORDINATE;
    private CounterType counterType = CounterType.MORRIS;
    private int counterBits = 0;
    private double morrisBase = 1.1;
    private double alpha = DEFAULT_ALPHA;
    private long seed = 1;

    private Builder() {
    }

    public Builder numClasses(int v) {
      numClasses = v;
      return this;
    }

    public Builder featureSpace(FeatureSpace v) {
      featureSpace = v;
      return this;
    }

    /** Fixed-point {@code q<integerBits>.<fractionBits>}. */
    public Builder fixedPoint(int integerBits, int fractionBits) {
      this.integerBits = integerBits;
      this.fractionBits = fractionBits;
      return this;
    }

    public Builder rounding(RoundingMode v) {
      rounding = v;
      return this;
    }

    public Builder schedule(LearningRateSchedule v) {
      schedule = v;
      return this;
    }

    public Builder counterType(CounterType v) {
      counterType = v;
      return this;
    }

    /** Counter width; 0 means the default (8 for Morris, 32 for exact); negative widths are rejected. */
    public Builder counterBits(int v) {
      counterBits = v;
      return this;
    }

    public Builder morrisBase(double v) {
      morrisBase = v;
      return this;
    }

    public Builder alpha(double v) {
      alpha = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public LearnerConfig build() {
      return new LearnerConfig(this);
    }
  }
}
