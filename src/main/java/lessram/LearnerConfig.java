package lessram;

import java.io.Serializable;

/**
 * Immutable configuration of a {@link LogisticRegression}: everything the model needs, validated once. The
 * learning session ({@link OnlineClassifier}) makes one from the user's {@link Settings} when the header is
 * known; the defaults and the option-naming messages come from {@link LearnerOption}.
 *
 * <p>Defaults are the paper's recommended configuration: coefficients in {@code q2.13} with unbiased
 * randomized rounding, per-coordinate learning rates {@code alpha / sqrt(tau + 1)} driven by 8-bit Morris
 * counters with base 1.1 (24 bits per coordinate).
 */
public final class LearnerConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Default {@code alpha} of the global rate {@code alpha / sqrt(t)} (the RandomizedRoundingLogisticRegression
   * learners): 0, the adaptive rate; defined in {@link LearnerOption#defaultAlpha}.
   */
  public static final double DEFAULT_ALPHA_GLOBAL = LearnerOption.defaultAlpha(LearningRateSchedule.GLOBAL);

  /**
   * Default {@code alpha} of the per-coordinate rate {@code alpha / sqrt(tau + 1)} (the
   * ApproximateCountLogisticRegression learners): 0, the adaptive rate; defined in
   * {@link LearnerOption#defaultAlpha}.
   */
  public static final double DEFAULT_ALPHA_PER_COORDINATE =
      LearnerOption.defaultAlpha(LearningRateSchedule.PER_COORDINATE);

  private final int numClasses;
  private final FeatureSpace featureSpace;
  private final FixedPointFormat format;
  private final CoefficientStorage storage;
  private final LearningRateSchedule schedule;
  private final CounterType counterType;
  private final int counterBits;
  private final double morrisBase;
  private final double alpha;
  private final long seed;
  /** A float: with the int beside it the object grows by one 8-byte step, not two. */
  private final float gamma;
  private final int coordinateBits;

  private LearnerConfig(Builder b) {
    this.numClasses = b.numClasses;
    this.featureSpace = b.featureSpace;
    this.format = format(b.integerBits, b.fractionBits);
    this.storage = b.storage;
    this.schedule = b.schedule;
    this.counterType = b.counterType;
    if (b.counterBits < 0) {
      throw LearnerOption.COUNTER_BITS.invalid("counter bits must be >= 0 (0 = the default width), got "
          + b.counterBits);
    }
    this.counterBits = b.counterBits > 0 ? b.counterBits : defaultCounterBits(b.counterType);
    this.morrisBase = b.morrisBase;
    this.alpha = Double.isNaN(b.alpha) && !b.alphaSet ? LearnerOption.defaultAlpha(b.schedule) : b.alpha;
    this.seed = b.seed;
    this.gamma = (float) b.gamma;
    if (!(gamma > 0) || gamma > AdaptivePrecisionTable.MAX_GAMMA) {
      throw LearnerOption.GAMMA.invalid("grid ratio gamma must be a finite number in (0, "
          + (int) AdaptivePrecisionTable.MAX_GAMMA + "], got " + b.gamma);
    }
    this.coordinateBits = b.coordinateBits;
    validate();
  }

  private void validate() {
    if (numClasses < 2) {
      throw new IllegalArgumentException("need at least 2 classes, got " + numClasses);
    }
    if (featureSpace == null) {
      throw new IllegalArgumentException("feature space not set");
    }
    if (storage == null) {
      throw LearnerOption.STORAGE.invalid("the coefficient storage must be set");
    }
    if (schedule == null) {
      throw new IllegalArgumentException("the learning-rate schedule must be set");
    }
    if (counterType == null) {
      throw LearnerOption.COUNTER.invalid("the counter type must be set");
    }
    if (!(alpha >= 0) || Double.isInfinite(alpha)) {
      throw LearnerOption.ALPHA.invalid("learning-rate scale alpha must be a finite number > 0 (or 0, the "
          + "adaptive rate), got " + alpha);
    }
    if (!(morrisBase > 1.0) || Double.isInfinite(morrisBase)) {
      throw LearnerOption.MORRIS_BASE.invalid("Morris base must be a finite number > 1, got " + morrisBase);
    }
    int maxCounterBits = counterType == CounterType.EXACT ? 32 : 16;
    if (counterBits < 1 || counterBits > maxCounterBits) {
      throw LearnerOption.COUNTER_BITS.invalid(counterType.label() + " counter bits must be 0 (the default) or 1.."
          + maxCounterBits + ", got " + counterBits);
    }
    validateAdaptive();
    long coordinates = ((long) featureSpace.numFeatureSlots() + 1) * numOutputs();
    if (coordinates > Integer.MAX_VALUE / 4) {
      throw new IllegalArgumentException("model too large: " + coordinates
          + " coordinates (feature slots + bias, times outputs); the limit is " + Integer.MAX_VALUE / 4);
    }
  }

  /** The ranges of the adaptive-storage options (checked whatever the storage) and what adaptive storage needs. */
  private void validateAdaptive() {
    if (coordinateBits < AdaptivePrecisionTable.MIN_BITS || coordinateBits > AdaptivePrecisionTable.MAX_BITS) {
      throw LearnerOption.COORDINATE_BITS.invalid("bits per coordinate must be " + AdaptivePrecisionTable.MIN_BITS
          + ".." + AdaptivePrecisionTable.MAX_BITS + ", got " + coordinateBits);
    }
    if (storage != CoefficientStorage.ADAPTIVE) {
      return;
    }
    if (featureSpace.kind() == FeatureSpace.Kind.SPARSE) {
      throw LearnerOption.STORAGE.invalid("adaptive storage packs a dense table in buckets; it cannot be combined "
          + "with the sparse map", LearnerOption.SPARSE_MAP);
    }
    if (schedule == LearningRateSchedule.PER_COORDINATE) {
      if (counterType != CounterType.MORRIS) {
        throw LearnerOption.STORAGE.invalid("adaptive storage reads each coordinate's grid from its Morris "
            + "counter's state; it cannot be combined with " + counterType.label() + " counters", LearnerOption.COUNTER);
      }
      if (counterBits > AdaptivePrecisionTable.MAX_COUNTER_BITS) {
        throw LearnerOption.COUNTER_BITS.invalid("adaptive storage takes Morris counters of 1.."
            + AdaptivePrecisionTable.MAX_COUNTER_BITS + " bits, got " + counterBits, LearnerOption.STORAGE);
      }
    }
    int stateBits = AdaptivePrecisionTable.stateBits(this);
    if (coordinateBits < stateBits + AdaptivePrecisionTable.MIN_VALUE_BITS) {
      throw LearnerOption.COORDINATE_BITS.invalid("adaptive storage needs at least " + (stateBits
          + AdaptivePrecisionTable.MIN_VALUE_BITS) + " bits per coordinate with " + stateBits + "-bit counter states, "
          + "got " + coordinateBits, LearnerOption.COUNTER_BITS);
    }
  }

  /** The fixed-point format, with a message naming the options when the bits are out of range. */
  private static FixedPointFormat format(int integerBits, int fractionBits) {
    try {
      return FixedPointFormat.of(integerBits, fractionBits);
    } catch (IllegalArgumentException e) {
      throw (fractionBits < 0 ? LearnerOption.FRACTION_BITS : LearnerOption.INTEGER_BITS)
          .invalid(e.getMessage(), fractionBits < 0 ? LearnerOption.INTEGER_BITS : LearnerOption.FRACTION_BITS);
    }
  }

  /**
   * A builder with the defaults of {@link LearnerOption} (the paper's configuration: q2.13, randomized
   * rounding, per-coordinate rates from 8-bit Morris counters with base 1.1) for a binary problem over
   * {@code 2^20} hashed slots; alpha defaults to the schedule's ({@link LearnerOption#defaultAlpha}).
   */
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
    b.storage = storage;
    b.schedule = schedule;
    b.counterType = counterType;
    // the type's default width goes back as 0 ("the counter type's default"), as a user would have left it: a
    // host that adopts a trained model's settings and then switches the counter type gets the new type's default
    b.counterBits = counterBits == defaultCounterBits(counterType) ? 0 : counterBits;
    b.morrisBase = morrisBase;
    b.alpha = alpha;
    b.alphaSet = true;
    b.seed = seed;
    b.gamma = gamma;
    b.coordinateBits = coordinateBits;
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

  /** How coefficients are stored: fixed point with randomized or nearest rounding, or a float control. */
  public CoefficientStorage storage() {
    return storage;
  }

  /** Global or per-coordinate learning rates. */
  public LearningRateSchedule schedule() {
    return schedule;
  }

  /** Counter kind for per-coordinate rates. */
  public CounterType counterType() {
    return counterType;
  }

  /** The width counter bits 0 stands for: 32 for exact counters, 8 for Morris counters. */
  static int defaultCounterBits(CounterType type) {
    return type == CounterType.EXACT ? 32 : 8;
  }

  /** Counter width in bits (per-coordinate rates only). */
  public int counterBits() {
    return counterBits;
  }

  /** Base {@code b} of the Morris counters. */
  public double morrisBase() {
    return morrisBase;
  }

  /** Learning-rate scale {@code alpha} as set: 0 means the adaptive rate ({@link #adaptive()}). */
  public double alpha() {
    return alpha;
  }

  /**
   * True for the adaptive rate (alpha 0): each example's gradient is divided by the root mean square of the
   * coordinate gradients of the examples before it (of those and its own when its own would be out of
   * proportion), so the steps follow the size of the gradients; the rate's scale is then
   * {@link LearnerOption#adaptiveScale}.
   */
  public boolean adaptive() {
    return alpha == 0;
  }

  /** The scale the rates use: alpha, or for the adaptive rate {@link LearnerOption#adaptiveScale}. */
  public double rateScale() {
    return alpha > 0 ? alpha : LearnerOption.adaptiveScale(schedule);
  }

  /** Seed of the learner's random generator (rounding and Morris decisions). */
  public long seed() {
    return seed;
  }

  /**
   * Adaptive storage: the grid-to-rate ratio {@code gamma} of {@code eps <= gamma * eta} (a coordinate's grid is
   * the largest power of two at most {@code gamma} times its learning rate), kept as a 32-bit float.
   */
  public double gamma() {
    return gamma;
  }

  /** Adaptive storage: bits per coordinate, counter state included (the bucket budget). */
  public int coordinateBits() {
    return coordinateBits;
  }

  /**
   * Heap bytes of this configuration with its feature space (and its inclusion rule) and format (64-bit
   * JVM, compressed references; the shared enum constants are not counted).
   */
  long sizeInBytes() {
    return OBJECT_BYTES + FeatureSpace.OBJECT_BYTES + featureSpace.inclusionBytes() + FixedPointFormat.sizeInBytes();
  }

  /** Heap bytes of the configuration object itself. */
  static final long OBJECT_BYTES = 72;

  /** Bits of the coefficient field. */
  public int weightBits() {
    switch (storage) {
      case FLOAT32: return 32;
      case FLOAT64: return 64;
      case ADAPTIVE: return coordinateBits - counterFieldBits();
      default: return format.totalBits();
    }
  }

  /** Bits of the counter field (0 with the global rate). */
  public int counterFieldBits() {
    return schedule == LearningRateSchedule.GLOBAL ? 0 : counterBits;
  }

  /** Payload bits per coordinate: coefficient plus counter (adaptive storage: its budget, {@link #coordinateBits}). */
  public int bitsPerCoordinate() {
    return weightBits() + counterFieldBits();
  }

  /** A short human-readable description, e.g. {@code q2.13 randomized, per-coordinate morris8(b=1.1)}. */
  public String describe() {
    String store = storage.isFixedPoint() ? format + " " + storage.label()
        : storage == CoefficientStorage.ADAPTIVE ? "adaptive (gamma " + Float.toString(gamma) + ", " + coordinateBits
            + " bits per coordinate, at most " + format + ")" : storage.label();
    String rate = schedule == LearningRateSchedule.GLOBAL ? "global rate"
        : "per-coordinate rate, " + counterType.label() + " " + counterBits + "-bit counters"
            + (counterType == CounterType.MORRIS ? " (base " + morrisBase + ")" : "");
    return store + ", " + rate + (alpha > 0 ? ", alpha=" + alpha : ", adaptive alpha=" + rateScale()) + ", " + featureSpace + ", "
        + numClasses + " classes, seed=" + seed;
  }

  @Override
  public String toString() {
    return describe();
  }

  /** Mutable builder; {@link #build()} validates and throws {@link IllegalArgumentException}. */
  public static final class Builder implements Serializable {
    private static final long serialVersionUID = 1L;

    private int numClasses = 2;
    private FeatureSpace featureSpace = FeatureSpace.hashed(20);
    private int integerBits = LearnerOption.INTEGER_BITS.defaultInt();
    private int fractionBits = LearnerOption.FRACTION_BITS.defaultInt();
    private CoefficientStorage storage = (CoefficientStorage) LearnerOption.STORAGE.defaultChoice();
    private LearningRateSchedule schedule = LearningRateSchedule.PER_COORDINATE;
    private CounterType counterType = (CounterType) LearnerOption.COUNTER.defaultChoice();
    private int counterBits = LearnerOption.COUNTER_BITS.defaultInt();
    private double morrisBase = LearnerOption.MORRIS_BASE.defaultReal();
    /** NaN until set: the schedule's default. */
    private double alpha = Double.NaN;
    private boolean alphaSet;
    private long seed = LearnerOption.SEED.defaultInt();
    private double gamma = LearnerOption.GAMMA.defaultReal();
    private int coordinateBits = LearnerOption.COORDINATE_BITS.defaultInt();

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

    public Builder storage(CoefficientStorage v) {
      storage = v;
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

    /** The learning-rate scale; unless set, the schedule's default ({@link LearnerOption#defaultAlpha}). */
    public Builder alpha(double v) {
      alpha = v;
      alphaSet = true;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /** Adaptive storage: the grid-to-rate ratio gamma. */
    public Builder gamma(double v) {
      gamma = v;
      return this;
    }

    /** Adaptive storage: bits per coordinate, counter included. */
    public Builder coordinateBits(int v) {
      coordinateBits = v;
      return this;
    }

    public LearnerConfig build() {
      return new LearnerConfig(this);
    }

    // the values as set, for Settings.Builder
    int integerBits() {
      return integerBits;
    }

    int fractionBits() {
      return fractionBits;
    }

    CoefficientStorage storage() {
      return storage;
    }

    CounterType counterType() {
      return counterType;
    }

    int counterBits() {
      return counterBits;
    }

    double morrisBase() {
      return morrisBase;
    }

    double alpha() {
      return alpha;
    }

    boolean alphaSet() {
      return alphaSet;
    }

    long seed() {
      return seed;
    }

    double gamma() {
      return gamma;
    }

    int coordinateBits() {
      return coordinateBits;
    }
  }
}
