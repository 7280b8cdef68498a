package lessram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The options of the LessRAM learners, in one place: name, command-line letters (lower case in MOA, upper
 * case in Weka, {@code -r}/{@code -S} for the seed), default value, allowed range and help text. The engine's
 * {@link Settings} and {@link LearnerConfig} builders take their defaults from here and throw
 * {@link InvalidOptionException}s that name the option; the MOA and Weka adapters build their option
 * objects, help texts and messages from these entries, and the documentation lists them. Adding an option
 * means adding an entry here, a field in {@link Settings}, and one line in each host's option list.
 */
public enum LearnerOption {
  /** Integer bits {@code n} of {@code qn.m}. */
  INTEGER_BITS("integerBits", 'i', 'I', "integer bits", 2, 0, 31,
      "Integer bits n of the fixed-point coefficient format qn.m: coefficients lie in [-2^n, 2^n); n + m <= 31."),
  /** Fraction bits {@code m} of {@code qn.m}. */
  FRACTION_BITS("fractionBits", 'f', 'F', "fraction bits", 13, 0, 31,
      "Fraction bits m of the fixed-point coefficient format qn.m: resolution 2^-m; a coefficient takes "
          + "n + m + 1 bits (n + m <= 31)."),
  /** How coefficients are stored: fixed point with randomized or nearest rounding, or a float control. */
  STORAGE("coefficientStorage", 'm', 'M', "coefficient storage", CoefficientStorage.RANDOMIZED,
      "How coefficients are stored after each update: qn.m fixed point with randomized or nearest rounding, "
          + "or a float control.", CoefficientStorage.values()),
  /** Learning-rate scale; 0 (the default) = adaptive ({@link #adaptiveScale}). */
  ALPHA("alpha", 'a', 'A', "learning-rate scale alpha", 0.0, 0, Double.MAX_VALUE,
      "Learning-rate scale alpha (a finite number > 0), or 0 (the default) for the adaptive rate."),
  /** Counter type of the per-coordinate rates. */
  COUNTER("counter", 'c', 'C', "counter type", CounterType.MORRIS,
      "How the per-coordinate update counts tau are kept.", CounterType.MORRIS, CounterType.EXACT),
  /** Counter width; 0 = the counter type's default. */
  COUNTER_BITS("counterBits", 'b', 'B', "counter bits", 0, 0, 32,
      "Bits per counter; 0 = the counter type's default (8 for morris, 32 for exact). Morris: 1..16, "
          + "exact: 1..32."),
  /** Base of the Morris counters. */
  MORRIS_BASE("morrisBase", 'e', 'E', "Morris base", 1.1, 1.0, Double.MAX_VALUE,
      "Base b > 1 of the Morris counters: a counter in state C advances with probability b^-C and "
          + "estimates the count (b^C - b) / (b - 1)."),
  /** Adaptive storage: grid-to-rate ratio. */
  GAMMA("gamma", 'g', 'G', "grid ratio gamma", 0.0625, 0, AdaptivePrecisionTable.MAX_GAMMA,
      "Adaptive storage: a coordinate's grid is the largest power of two <= gamma times its learning rate "
          + "(eps <= gamma * eta); a finite number in (0, " + (int) AdaptivePrecisionTable.MAX_GAMMA + "]."),
  /** Adaptive storage: bits per coordinate, counter included. */
  COORDINATE_BITS("coordinateBits", 'w', 'W', "bits per coordinate", 16, AdaptivePrecisionTable.MIN_BITS,
      AdaptivePrecisionTable.MAX_BITS, "Adaptive storage: bits per coordinate, counter included ("
          + AdaptivePrecisionTable.MIN_BITS + ".." + AdaptivePrecisionTable.MAX_BITS + ", at least counter bits + 3): "
          + "each bucket of 32 coordinates (64 for an odd number) has that many bits on average; a full bucket "
          + "coarsens its values' grids together."),
  /** Hashing bits; 0 = one slot per header feature. */
  HASHING_BITS("hashingBits", 'h', 'H', "hashing bits", 0, 0, FeatureSpace.MAX_HASH_BITS,
      "Hash the features into 2^h coefficient slots (memory fixed whatever the number of features; "
          + "colliding features share a coefficient); 0 = one slot per header feature. At most "
          + FeatureSpace.MAX_HASH_BITS + "."),
  /** Collision-free sparse map of the features seen. */
  SPARSE_MAP("sparseMap", 'p', 'P', "sparse map", Boolean.FALSE, 0, 1,
      "Store only the coefficients of the features seen, in a collision-free primitive hash map (memory "
          + "grows with the features seen); not together with hashing."),
  /** Probabilistic feature inclusion of the sparse map. */
  FEATURE_INCLUSION("featureInclusion", 'u', 'U', "feature inclusion", FeatureInclusion.ALL,
      "Which new features the sparse map stores (with the sparse map only): a feature not admitted yet adds "
          + "nothing to predictions and is neither stored nor trained; its training sightings are counted.",
      FeatureInclusion.values()),
  /** Poisson inclusion's probability. */
  INCLUSION_PROBABILITY("inclusionProbability", 'y', 'Y', "inclusion probability", 0.5, 0, 1,
      "Poisson inclusion: probability p in (0, 1] that a training sighting of a feature not stored yet "
          + "admits it."),
  /** The Bloom filter's count threshold. */
  INCLUSION_COUNT("inclusionCount", 'n', 'N', "inclusion count", 2, 1, InclusionRule.MAX_COUNT,
      "Bloom inclusion: training sightings n (1.." + InclusionRule.MAX_COUNT + ") of a new feature that are only "
          + "counted in the filter; the next one admits it (earlier when the filter's cells collide)."),
  /** Size of the counting Bloom filter. */
  INCLUSION_FILTER_BITS("inclusionFilterBits", 'l', 'L', "inclusion filter bits", 20,
      InclusionRule.MIN_FILTER_BITS, InclusionRule.MAX_FILTER_BITS,
      "Bloom inclusion: the counting Bloom filter has 2^bits cells of 4 bits (" + InclusionRule.MIN_FILTER_BITS
          + ".." + InclusionRule.MAX_FILTER_BITS + "; 20 = 512 KiB, for about 500,000 distinct features), counted "
          + "in the model's memory."),
  /** Scaling of numeric attributes. */
  SCALING("scaling", 'z', 'Z', "numeric scaling", ScalingMode.AUTO,
      "Scaling of numeric attributes, from the statistics of the training instances seen so far "
          + "(prediction and training scale an instance alike).", ScalingMode.values()),
  /** Seed of the learner's random generator. */
  SEED("randomSeed", 'r', 'S', "seed", 1, Integer.MIN_VALUE, Integer.MAX_VALUE,
      "Seed of the learner's random generator (randomized rounding, Morris counter decisions): the same "
          + "seed and data give the same model.");

  /** The kind of value an option takes. */
  public enum Kind { INTEGER, REAL, FLAG, CHOICE }

  /** Fixed {@code alpha} of the global rate {@code alpha / sqrt(t)} that was the default before the adaptive rate. */
  private static final double FIXED_ALPHA_GLOBAL = 0.5;
  /** Fixed {@code alpha} of the per-coordinate rate that was the default before the adaptive rate. */
  private static final double FIXED_ALPHA_PER_COORDINATE = 0.2;
  /** Scale of the adaptive global rate (docs/learning-rates.md). */
  private static final double ADAPTIVE_GLOBAL = 0.155;
  /** Scale of the adaptive per-coordinate rate (docs/learning-rates.md). */
  private static final double ADAPTIVE_PER_COORDINATE = 0.092;

  private final String optionName;
  private final char moaFlag;
  private final char wekaFlag;
  private final String title;
  private final Object defaultValue;
  private final double min;
  private final double max;
  private final String help;
  private final List<Enum<?>> choices;

  LearnerOption(String optionName, char moaFlag, char wekaFlag, String title, Object defaultValue, double min,
      double max, String help) {
    this.optionName = optionName;
    this.moaFlag = moaFlag;
    this.wekaFlag = wekaFlag;
    this.title = title;
    this.defaultValue = defaultValue;
    this.min = min;
    this.max = max;
    this.help = help;
    this.choices = Collections.emptyList();
  }

  LearnerOption(String optionName, char moaFlag, char wekaFlag, String title, Enum<?> defaultValue, String help,
      Enum<?>... choices) {
    this.optionName = optionName;
    this.moaFlag = moaFlag;
    this.wekaFlag = wekaFlag;
    this.title = title;
    this.defaultValue = defaultValue;
    this.min = 0;
    this.max = choices.length - 1;
    this.help = help;
    this.choices = Collections.unmodifiableList(Arrays.asList(choices.clone()));
  }

  /** The option's name (MOA's option name, Weka's bean property where they agree). */
  public String optionName() {
    return optionName;
  }

  /** The MOA command-line letter (lower case). */
  public char moaFlag() {
    return moaFlag;
  }

  /** The Weka command-line letter (upper case). */
  public char wekaFlag() {
    return wekaFlag;
  }

  /** A short noun phrase for messages, e.g. "Morris base". */
  public String title() {
    return title;
  }

  /** The kind of value. */
  public Kind kind() {
    if (!choices.isEmpty()) {
      return Kind.CHOICE;
    }
    if (defaultValue instanceof Boolean) {
      return Kind.FLAG;
    }
    return defaultValue instanceof Integer ? Kind.INTEGER : Kind.REAL;
  }

  /** The help text (first sentence says what the option is). */
  public String help() {
    return help;
  }

  /** The help text for a learner with {@code schedule} (alpha's names the learner's rate). */
  public String help(LearningRateSchedule schedule) {
    if (this != ALPHA) {
      return help;
    }
    boolean global = schedule == LearningRateSchedule.GLOBAL;
    return (global ? "Learning-rate scale alpha of the global rate alpha / sqrt(t), t = examples trained on"
        : "Learning-rate scale alpha of the per-coordinate rate alpha / sqrt(tau + 1), tau = (estimated) "
            + "updates of the coordinate")
        + ": a finite number > 0 (" + fixedDefaultAlpha(schedule) + " was the default of earlier versions), or 0. "
        + "The default 0 adapts the rate to the data: scale " + adaptiveScale(schedule) + " divided by the root "
        + "mean square of the gradients seen before.";
  }

  /**
   * The help text followed by one line per choice ({@code label: description}) for a choice option, for
   * hosts that list choices with the option.
   */
  public String helpWithChoices() {
    if (choices.isEmpty()) {
      return help;
    }
    StringBuilder b = new StringBuilder(help);
    for (Enum<?> c : choices) {
      b.append('\n').append(Choice.labelOf(c)).append(": ").append(((Choice) c).description());
    }
    return b.toString();
  }

  /** The choices of a {@link Kind#CHOICE} option, in display order (empty otherwise). */
  public List<Enum<?>> choices() {
    return choices;
  }

  /** The labels of the choices, in display order. */
  public String[] choiceLabels() {
    String[] labels = new String[choices.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = Choice.labelOf(choices.get(i));
    }
    return labels;
  }

  /** The descriptions of the choices, in display order. */
  public String[] choiceDescriptions() {
    String[] d = new String[choices.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = ((Choice) choices.get(i)).description();
    }
    return d;
  }

  /** The smallest value the host's option widget accepts (the engine checks the exact rule). */
  public double min() {
    return min;
  }

  /** The largest value the host's option widget accepts. */
  public double max() {
    return max;
  }

  /** The default of an integer option. */
  public int defaultInt() {
    return (Integer) defaultValue;
  }

  /** The default of a real option. */
  public double defaultReal() {
    return ((Number) defaultValue).doubleValue();
  }

  /** The default of a flag. */
  public boolean defaultFlag() {
    return (Boolean) defaultValue;
  }

  /** The default of a choice option. */
  public Enum<?> defaultChoice() {
    return (Enum<?>) defaultValue;
  }

  /**
   * The default {@code alpha} option of a schedule: 0, the adaptive rate (the learner's scale
   * {@link #adaptiveScale} over the root mean square of the coordinate gradients seen so far,
   * {@code docs/learning-rates.md}).
   */
  public static double defaultAlpha(LearningRateSchedule schedule) {
    return 0.0;
  }

  /** The scale of the adaptive rate of a schedule (alpha 0): 0.155 global, 0.092 per coordinate. */
  public static double adaptiveScale(LearningRateSchedule schedule) {
    return schedule == LearningRateSchedule.GLOBAL ? ADAPTIVE_GLOBAL : ADAPTIVE_PER_COORDINATE;
  }

  /**
   * The fixed {@code alpha} that was the default before the adaptive rate, for reproducing earlier figures
   * ({@code -a 0.5} global, {@code -a 0.2} per coordinate).
   */
  public static double fixedDefaultAlpha(LearningRateSchedule schedule) {
    return schedule == LearningRateSchedule.GLOBAL ? FIXED_ALPHA_GLOBAL : FIXED_ALPHA_PER_COORDINATE;
  }

  /** The default of this option, as text, for a learner with {@code schedule}. */
  public String defaultText(LearningRateSchedule schedule) {
    return defaultValue instanceof Enum ? Choice.labelOf((Enum<?>) defaultValue) : String.valueOf(defaultValue);
  }

  /** True if a learner with {@code schedule} has this option (the counters belong to per-coordinate rates). */
  public boolean appliesTo(LearningRateSchedule schedule) {
    boolean counter = this == COUNTER || this == COUNTER_BITS || this == MORRIS_BASE;
    return !counter || schedule == LearningRateSchedule.PER_COORDINATE;
  }

  /** The options of a learner with {@code schedule}, in display order. */
  public static List<LearnerOption> of(LearningRateSchedule schedule) {
    List<LearnerOption> result = new ArrayList<>();
    for (LearnerOption o : values()) {
      if (o.appliesTo(schedule)) {
        result.add(o);
      }
    }
    return result;
  }

  /**
   * A failure of this option's check: {@code problem} should read "Morris base must be ..., got x".
   *
   * @param others further options the rule involves (named by hosts after this one)
   */
  public InvalidOptionException invalid(String problem, LearnerOption... others) {
    List<LearnerOption> all = new ArrayList<>();
    all.add(this);
    all.addAll(Arrays.asList(others));
    return new InvalidOptionException(all, problem);
  }

  /** {@code optionName (-m / Weka -M)}, for documentation. */
  @Override
  public String toString() {
    return optionName + " (-" + moaFlag + " / Weka -" + wekaFlag + ")";
  }

  /**
   * A rejected option value. The message states the rule and the value; {@link #option()} says which option,
   * so each host can name it in its own syntax ({@code -e} in MOA, {@code -E} in Weka).
   */
  public static final class InvalidOptionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final List<LearnerOption> options;

    InvalidOptionException(List<LearnerOption> options, String problem) {
      super(problem);
      this.options = Collections.unmodifiableList(new ArrayList<>(options));
    }

    /** The option whose value was rejected (the first of {@link #options()}). */
    public LearnerOption option() {
      return options.get(0);
    }

    /** The options the broken rule involves, the rejected one first. */
    public List<LearnerOption> options() {
      return options;
    }

    /**
     * The options in a host's syntax, e.g. {@code "-i integerBits and -f fractionBits"}.
     *
     * @param weka true for Weka's letters ({@code -I}), false for MOA's ({@code -i})
     */
    public String optionNames(boolean weka) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < options.size(); i++) {
        LearnerOption o = options.get(i);
        b.append(i == 0 ? "" : i == options.size() - 1 ? " and " : ", ").append('-')
            .append(weka ? o.wekaFlag() : o.moaFlag()).append(' ').append(o.optionName());
      }
      return b.toString();
    }
  }
}
