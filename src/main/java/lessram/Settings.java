package lessram;

import java.io.Serializable;

/**
 * The user's settings of a LessRAM learner, independent of any host and of the data: the learning-rate
 * schedule (which learner) and every {@link LearnerOption}. Immutable and validated; an
 * {@link OnlineClassifier} turns them into a {@link LearnerConfig} once the header (number of classes and
 * features) is known. The MOA and Weka adapters fill a {@link Builder} from their options; defaults come
 * from {@link LearnerOption}, and every rejected value throws an
 * {@link LearnerOption.InvalidOptionException} naming the option, before any model exists.
 */
public final class Settings implements Serializable {
  private static final long serialVersionUID = 1L;

  private final LearningRateSchedule schedule;
  private final int hashingBits;
  private final boolean sparseMap;
  /** Feature inclusion of the sparse map, validated ({@link InclusionRule#ALL} without). */
  private final InclusionRule inclusion;
  private final ScalingMode scaling;
  /** The model's settings, validated, with two classes and a placeholder feature space. */
  private final LearnerConfig template;

  private Settings(Builder b) {
    if (b.hashingBits < 0 || b.hashingBits > FeatureSpace.MAX_HASH_BITS) {
      throw LearnerOption.HASHING_BITS.invalid("hashing bits must be 0 (one slot per header feature) or 1.."
          + FeatureSpace.MAX_HASH_BITS + ", got " + b.hashingBits);
    }
    if (b.sparseMap && b.hashingBits > 0) {
      throw LearnerOption.SPARSE_MAP.invalid("the sparse map (a collision-free map of the features seen) "
          + "cannot be combined with hashing (got hashing bits " + b.hashingBits + "): hashing already "
          + "bounds the memory; use one of them", LearnerOption.HASHING_BITS);
    }
    if (b.sparseMap && b.model.storage() == CoefficientStorage.ADAPTIVE) {
      throw LearnerOption.STORAGE.invalid("adaptive storage packs a dense table in buckets; it cannot be combined "
          + "with the sparse map", LearnerOption.SPARSE_MAP);
    }
    InclusionRule rule = InclusionRule.of(b.featureInclusion, b.inclusionProbability, b.inclusionCount,
        b.inclusionFilterBits);
    if (rule.selective() && !b.sparseMap) {
      throw LearnerOption.FEATURE_INCLUSION.invalid("feature inclusion (" + rule.policy().label() + ") decides "
          + "which features the sparse map stores; it needs the sparse map", LearnerOption.SPARSE_MAP);
    }
    if (b.scaling == null) {
      throw LearnerOption.SCALING.invalid("the numeric scaling must be set");
    }
    this.schedule = b.schedule;
    this.hashingBits = b.hashingBits;
    this.sparseMap = b.sparseMap;
    this.inclusion = rule;
    this.scaling = b.scaling;
    this.template = b.model.numClasses(2)
        .featureSpace(hashingBits > 0 ? FeatureSpace.hashed(hashingBits) : FeatureSpace.direct(1))
        .build();
  }

  /** Settings with every option at its default, for a learner with {@code schedule}. */
  public static Builder builder(LearningRateSchedule schedule) {
    return new Builder(schedule);
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    Builder b = new Builder(schedule);
    b.model = template.toBuilder();
    b.hashingBits = hashingBits;
    b.sparseMap = sparseMap;
    b.featureInclusion = inclusion.policy();
    b.inclusionProbability = inclusion.probability();
    b.inclusionCount = inclusion.count();
    b.inclusionFilterBits = inclusion.filterBits();
    b.scaling = scaling;
    return b;
  }

  /**
   * The engine configuration for a header with {@code numClasses} classes and {@code dimension} features:
   * hashed into {@code 2^h} slots, a collision-free sparse map (with its feature inclusion), or a direct
   * table, as set.
   *
   * @throws IllegalArgumentException if the model cannot be built (fewer than 2 classes, too many features
   *     for a direct table)
   */
  public LearnerConfig config(int numClasses, int dimension) {
    FeatureSpace space = hashingBits > 0 ? FeatureSpace.hashed(hashingBits)
        : sparseMap ? FeatureSpace.sparse(dimension, inclusion) : FeatureSpace.direct(dimension);
    return template.toBuilder().numClasses(numClasses).featureSpace(space).build();
  }

  /** The learning-rate schedule. */
  public LearningRateSchedule schedule() {
    return schedule;
  }

  /** Hashing bits (0: one slot per header feature). */
  public int hashingBits() {
    return hashingBits;
  }

  /** True for the collision-free sparse map. */
  public boolean sparseMap() {
    return sparseMap;
  }

  /** Feature inclusion of the sparse map ({@link InclusionRule#ALL} without). */
  public InclusionRule inclusion() {
    return inclusion;
  }

  /** Scaling of numeric attributes (as set; {@link ScalingMode#AUTO} is resolved per header). */
  public ScalingMode scaling() {
    return scaling;
  }

  /** The seed of the learner's random generator. */
  public long seed() {
    return template.seed();
  }

  /** The value of {@code option}, as text (the form {@link Builder#set} reads). */
  public String get(LearnerOption option) {
    return toBuilder().get(option);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(schedule.label());
    for (LearnerOption o : LearnerOption.of(schedule)) {
      b.append(' ').append(o.optionName()).append('=').append(get(o));
    }
    return b.toString();
  }

  /**
   * Mutable settings; {@link #build()} validates. Serializable, so a host can keep one as its option state
   * (the Weka adapter does). Setters take any value; only {@link #build()} judges them.
   */
  public static final class Builder implements Serializable {
    private static final long serialVersionUID = 1L;

    private final LearningRateSchedule schedule;
    private LearnerConfig.Builder model;
    private int hashingBits = LearnerOption.HASHING_BITS.defaultInt();
    private boolean sparseMap = LearnerOption.SPARSE_MAP.defaultFlag();
    private FeatureInclusion featureInclusion = (FeatureInclusion) LearnerOption.FEATURE_INCLUSION.defaultChoice();
    private double inclusionProbability = LearnerOption.INCLUSION_PROBABILITY.defaultReal();
    private int inclusionCount = LearnerOption.INCLUSION_COUNT.defaultInt();
    private int inclusionFilterBits = LearnerOption.INCLUSION_FILTER_BITS.defaultInt();
    private ScalingMode scaling = (ScalingMode) LearnerOption.SCALING.defaultChoice();

    private Builder(LearningRateSchedule schedule) {
      if (schedule == null) {
        throw new IllegalArgumentException("the learning-rate schedule must be set");
      }
      this.schedule = schedule;
      this.model = LearnerConfig.builder().schedule(schedule);
    }

    /** The learning-rate schedule (fixed by the learner). */
    public LearningRateSchedule schedule() {
      return schedule;
    }

    public Builder integerBits(int v) {
      model.fixedPoint(v, model.fractionBits());
      return this;
    }

    public Builder fractionBits(int v) {
      model.fixedPoint(model.integerBits(), v);
      return this;
    }

    public Builder storage(CoefficientStorage v) {
      model.storage(v);
      return this;
    }

    public Builder alpha(double v) {
      model.alpha(v);
      return this;
    }

    public Builder counterType(CounterType v) {
      model.counterType(v);
      return this;
    }

    public Builder counterBits(int v) {
      model.counterBits(v);
      return this;
    }

    public Builder morrisBase(double v) {
      model.morrisBase(v);
      return this;
    }

    public Builder hashingBits(int v) {
      hashingBits = v;
      return this;
    }

    public Builder sparseMap(boolean v) {
      sparseMap = v;
      return this;
    }

    public Builder featureInclusion(FeatureInclusion v) {
      featureInclusion = v;
      return this;
    }

    public Builder inclusionProbability(double v) {
      inclusionProbability = v;
      return this;
    }

    public Builder inclusionCount(int v) {
      inclusionCount = v;
      return this;
    }

    public Builder inclusionFilterBits(int v) {
      inclusionFilterBits = v;
      return this;
    }

    public Builder scaling(ScalingMode v) {
      scaling = v;
      return this;
    }

    public Builder seed(long v) {
      model.seed(v);
      return this;
    }

    public Builder gamma(double v) {
      model.gamma(v);
      return this;
    }

    public Builder coordinateBits(int v) {
      model.coordinateBits(v);
      return this;
    }

    /**
     * Sets {@code option} from text (a number, a choice label, or "true"/"false" for a flag).
     *
     * @throws LearnerOption.InvalidOptionException if the text is not a value of the option's kind
     */
    public Builder set(LearnerOption option, String text) {
      String t = text == null ? "" : text.trim();
      try {
        switch (option) {
          case INTEGER_BITS: return integerBits(Integer.parseInt(t));
          case FRACTION_BITS: return fractionBits(Integer.parseInt(t));
          case STORAGE: return storage(CoefficientStorage.parse(t));
          case ALPHA: return alpha(Double.parseDouble(t));
          case COUNTER: return counterType(CounterType.parse(t));
          case COUNTER_BITS: return counterBits(Integer.parseInt(t));
          case MORRIS_BASE: return morrisBase(Double.parseDouble(t));
          case HASHING_BITS: return hashingBits(Integer.parseInt(t));
          case SPARSE_MAP: return sparseMap(parseFlag(t));
          case FEATURE_INCLUSION: return featureInclusion(FeatureInclusion.parse(t));
          case INCLUSION_PROBABILITY: return inclusionProbability(Double.parseDouble(t));
          case INCLUSION_COUNT: return inclusionCount(Integer.parseInt(t));
          case INCLUSION_FILTER_BITS: return inclusionFilterBits(Integer.parseInt(t));
          case SCALING: return scaling(ScalingMode.parse(t));
          case SEED: return seed(Long.parseLong(t));
          case GAMMA: return gamma(Double.parseDouble(t));
          case COORDINATE_BITS: return coordinateBits(Integer.parseInt(t));
          default: throw new IllegalStateException("unhandled option " + option);
        }
      } catch (NumberFormatException e) {
        throw option.invalid(option.title() + " expects " + (option.kind() == LearnerOption.Kind.REAL
            ? "a number" : "an integer") + ", got '" + text + "'");
      } catch (LearnerOption.InvalidOptionException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        throw option.invalid(e.getMessage());
      }
    }

    private static boolean parseFlag(String t) {
      if (t.equalsIgnoreCase("true")) {
        return true;
      }
      if (t.equalsIgnoreCase("false")) {
        return false;
      }
      throw new IllegalArgumentException("expected true or false, got '" + t + "'");
    }

    /** The value of {@code option} as text, as {@link #set} reads it. */
    public String get(LearnerOption option) {
      switch (option) {
        case INTEGER_BITS: return Integer.toString(integerBits());
        case FRACTION_BITS: return Integer.toString(fractionBits());
        case STORAGE: return storage().label();
        case ALPHA: return Double.toString(alpha());
        case COUNTER: return counterType().label();
        case COUNTER_BITS: return Integer.toString(counterBits());
        case MORRIS_BASE: return Double.toString(morrisBase());
        case HASHING_BITS: return Integer.toString(hashingBits());
        case SPARSE_MAP: return Boolean.toString(sparseMap());
        case FEATURE_INCLUSION: return featureInclusion().label();
        case INCLUSION_PROBABILITY: return Double.toString(inclusionProbability());
        case INCLUSION_COUNT: return Integer.toString(inclusionCount());
        case INCLUSION_FILTER_BITS: return Integer.toString(inclusionFilterBits());
        case SCALING: return scaling().label();
        case SEED: return Long.toString(seed());
        case GAMMA: return Double.toString(gamma());
        case COORDINATE_BITS: return Integer.toString(coordinateBits());
        default: throw new IllegalStateException("unhandled option " + option);
      }
    }

    // the values as set (not validated)

    public int integerBits() {
      return model.integerBits();
    }

    public int fractionBits() {
      return model.fractionBits();
    }

    public CoefficientStorage storage() {
      return model.storage();
    }

    /** The learning-rate scale: as set, else the schedule's default. */
    public double alpha() {
      return model.alphaSet() ? model.alpha() : LearnerOption.defaultAlpha(schedule);
    }

    public CounterType counterType() {
      return model.counterType();
    }

    public int counterBits() {
      return model.counterBits();
    }

    public double morrisBase() {
      return model.morrisBase();
    }

    public int hashingBits() {
      return hashingBits;
    }

    public boolean sparseMap() {
      return sparseMap;
    }

    public FeatureInclusion featureInclusion() {
      return featureInclusion;
    }

    public double inclusionProbability() {
      return inclusionProbability;
    }

    public int inclusionCount() {
      return inclusionCount;
    }

    public int inclusionFilterBits() {
      return inclusionFilterBits;
    }

    public ScalingMode scaling() {
      return scaling;
    }

    public long seed() {
      return model.seed();
    }

    public double gamma() {
      return model.gamma();
    }

    public int coordinateBits() {
      return model.coordinateBits();
    }

    /**
     * The validated settings.
     *
     * @throws LearnerOption.InvalidOptionException naming the first option whose value is rejected
     */
    public Settings build() {
      return new Settings(this);
    }
  }
}
