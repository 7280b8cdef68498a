package moa.tasks.lessram;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One learner configuration of the memory-versus-accuracy grid of {@link MemoryAccuracyTradeoff}: a name,
 * the MOA command line that builds the learner, and where it goes in the plots. The standard grid follows
 * the paper's Section 6 (Golovin, Sculley, McMahan, Young, ICML 2013): the float32 controls (global rate;
 * per-coordinate rates with exact 32-bit counts; per-coordinate rates with 8-bit Morris counts), the
 * per-coordinate Morris learner with {@code q2.m} coefficients for {@code m} in {3, 5, 7, 9, 11, 13} under
 * randomized and under nearest rounding, and MOA's own {@code functions.SGD} (log loss) and
 * {@code bayes.NaiveBayes} as reference points. Beyond the paper's grid: {@code q2.13} with fewer counter
 * bits (4-6, larger bases), adaptive precision (the paper's variant: each coordinate's grid follows its
 * learning rate, in a fixed budget of bits per coordinate) with per-coordinate and global rates, and the
 * collision-free sparse map without and with probabilistic feature inclusion (McMahan et al., KDD 2013:
 * Poisson inclusion with probability p, a counting Bloom filter admitting at the sighting after n).
 */
public final class TradeoffConfiguration {

  /** Where a configuration belongs in the plots. */
  public enum Family {
    /** float32 controls of this project's learners. */
    CONTROL("control"),
    /** q2.m coefficients with unbiased randomized rounding. */
    RANDOMIZED("randomized"),
    /** q2.m coefficients with round-to-nearest. */
    NEAREST("nearest"),
    /** q2.13 with randomized rounding and Morris counters of fewer than 8 bits. */
    COUNTER_BITS("counter-bits"),
    /** Adaptive precision with per-coordinate rates, at several budgets of bits per coordinate. */
    ADAPTIVE("adaptive"),
    /** Adaptive precision with the global rate. */
    ADAPTIVE_GLOBAL("adaptive-global"),
    /** The sparse map (q2.13 randomized, Morris 8-bit counts), without and with feature inclusion. */
    INCLUSION("inclusion"),
    /** MOA's own learners, run on an instance budget. */
    REFERENCE("reference");

    private final String label;

    Family(String label) {
      this.label = label;
    }

    /** Lower-case label used in the CSV. */
    public String label() {
      return label;
    }
  }

  /** Fraction bits of the standard grid's {@code q2.m} formats. */
  static final int[] FRACTION_BITS = {3, 5, 7, 9, 11, 13};

  /** Counter widths and Morris bases of the fewer-counter-bits rows ({@code q2.13}, randomized). */
  static final int[] COUNTER_BITS = {6, 5, 4};
  static final String[] COUNTER_BASES = {"1.3", "1.5", "2"};

  /** Adaptive-precision rows: Morris counter widths, their bases, their budgets (bits per coordinate). */
  static final int[] ADAPTIVE_COUNTERS = {8, 6, 4};
  static final String[] ADAPTIVE_BASES = {"1.1", "1.25", "2"};
  static final int[][] ADAPTIVE_BITS = {{12, 16}, {10, 12, 16}, {8, 10, 12}};
  static final int[] ADAPTIVE_BITS_GLOBAL = {8, 12, 16};
  /** Inclusion probabilities of the grid's Poisson rows. */
  static final double[] INCLUSION_PROBABILITIES = {0.5, 0.25};
  /** Counts n of the grid's Bloom rows, each with a filter of 2^{@value #INCLUSION_FILTER_BITS} cells. */
  static final int[] INCLUSION_COUNTS = {1, 2, 3};
  static final int INCLUSION_FILTER_BITS = 20;

  /** Name of the default control (the reference of the relative metrics). */
  public static final String DEFAULT_CONTROL = "percoord-exact32-float32";

  private static final String GLOBAL = "lessram.RandomizedRoundingLogisticRegression";
  private static final String PER_COORDINATE = "lessram.ApproximateCountLogisticRegression";

  /** Learning rate of MOA's SGD in the grid (MOA's default 1e-4 barely moves in a million examples). */
  static final String SGD_LEARNING_RATE = "0.01";

  private static final Map<String, TradeoffConfiguration> STANDARD = standardGrid();

  private final String name;
  private final String learnerCli;
  private final Family family;
  private final int fractionBits;
  private final String description;
  /** The plot line this configuration belongs to (null: one per family) and its point's label. */
  private final String series;
  private final String pointLabel;

  TradeoffConfiguration(String name, String learnerCli, Family family, int fractionBits, String description) {
    this(name, learnerCli, family, fractionBits, description, null, fractionBits < 0 ? "" : Integer.toString(fractionBits));
  }

  TradeoffConfiguration(String name, String learnerCli, Family family, int fractionBits, String description,
      String series, String pointLabel) {
    this.name = name;
    this.learnerCli = learnerCli;
    this.family = family;
    this.fractionBits = fractionBits;
    this.description = description;
    this.series = series;
    this.pointLabel = pointLabel;
  }

  private static Map<String, TradeoffConfiguration> standardGrid() {
    Map<String, TradeoffConfiguration> grid = new LinkedHashMap<>();
    add(grid, new TradeoffConfiguration("global-float32", GLOBAL + " -m float32", Family.CONTROL, -1,
        "global rate, float32 (the paper's control)"));
    add(grid, new TradeoffConfiguration(DEFAULT_CONTROL, PER_COORDINATE + " -m float32 -c exact -b 32",
        Family.CONTROL, -1, "per-coordinate rates, exact 32-bit counts, float32"));
    add(grid, new TradeoffConfiguration("percoord-morris8-float32", PER_COORDINATE + " -m float32 -c morris -b 8",
        Family.CONTROL, -1, "per-coordinate rates, Morris 8-bit counts, float32"));
    for (String rounding : new String[] {"randomized", "nearest"}) {
      for (int m : FRACTION_BITS) {
        add(grid, new TradeoffConfiguration("percoord-morris8-q2." + m + "-" + rounding,
            PER_COORDINATE + " -m " + rounding + " -i 2 -f " + m + " -c morris -b 8",
            rounding.equals("randomized") ? Family.RANDOMIZED : Family.NEAREST, m,
            "per-coordinate rates, Morris 8-bit counts, q2." + m + " " + rounding + " rounding"));
      }
    }
    for (int k = 0; k < COUNTER_BITS.length; k++) {
      int c = COUNTER_BITS[k];
      add(grid, new TradeoffConfiguration("percoord-morris" + c + "-q2.13-randomized", PER_COORDINATE
          + " -m randomized -i 2 -f 13 -c morris -b " + c + " -e " + COUNTER_BASES[k], Family.COUNTER_BITS, 13,
          "per-coordinate rates, Morris " + c + "-bit counts (base " + COUNTER_BASES[k] + "), q2.13 randomized",
          "q2.13 randomized + Morris c-bit counts (larger bases)", "c" + c));
    }
    String adaptive = " -m adaptive -g 0.0625 -w ";
    for (int k = 0; k < ADAPTIVE_COUNTERS.length; k++) {
      int c = ADAPTIVE_COUNTERS[k];
      String base = ADAPTIVE_BASES[k];
      for (int w : ADAPTIVE_BITS[k]) {
        add(grid, new TradeoffConfiguration("percoord-morris" + c + "-adaptive" + w, PER_COORDINATE + adaptive + w
            + " -c morris -b " + c + " -e " + base, Family.ADAPTIVE, -1, "per-coordinate rates, adaptive precision in "
            + w + " bits per coordinate, Morris " + c + "-bit counts (base " + base + "), gamma 1/16",
            "adaptive precision, Morris " + c + "-bit (base " + base + ")", Integer.toString(w)));
      }
    }
    for (int w : ADAPTIVE_BITS_GLOBAL) {
      add(grid, new TradeoffConfiguration("global-adaptive" + w, GLOBAL + adaptive + w, Family.ADAPTIVE_GLOBAL, -1,
          "global rate, adaptive precision in " + w + " bits per coordinate, gamma 1/16",
          "global rate, adaptive precision", Integer.toString(w)));
    }
    addInclusionRows(grid);
    add(grid, new TradeoffConfiguration("moa-SGD", "functions.SGD -o LOGLOSS -r " + SGD_LEARNING_RATE,
        Family.REFERENCE, -1, "MOA functions.SGD, log loss, constant rate " + SGD_LEARNING_RATE));
    add(grid, new TradeoffConfiguration("moa-NaiveBayes", "bayes.NaiveBayes", Family.REFERENCE, -1,
        "MOA bayes.NaiveBayes"));
    return Collections.unmodifiableMap(grid);
  }

  /** The sparse map (the learner's default q2.13 layout) without inclusion, then Poisson and Bloom rows. */
  private static void addInclusionRows(Map<String, TradeoffConfiguration> grid) {
    String sparse = PER_COORDINATE + " -p";
    add(grid, new TradeoffConfiguration("sparse-all", sparse, Family.INCLUSION, 13,
        "sparse map, q2.13 randomized + Morris 8-bit counts, every feature stored", "sparse map", "all"));
    for (double p : INCLUSION_PROBABILITIES) {
      add(grid, new TradeoffConfiguration("sparse-poisson-p" + p, sparse + " -u poisson -y " + p, Family.INCLUSION,
          13, "sparse map, Poisson inclusion p = " + p, "Poisson inclusion", "p=" + p));
    }
    for (int n : INCLUSION_COUNTS) {
      add(grid, new TradeoffConfiguration("sparse-bloom-n" + n, sparse + " -u bloom -n " + n + " -l "
          + INCLUSION_FILTER_BITS, Family.INCLUSION, 13, "sparse map, counting Bloom filter n = " + n + ", 2^"
          + INCLUSION_FILTER_BITS + " cells", "Bloom inclusion", "n=" + n));
    }
  }

  private static void add(Map<String, TradeoffConfiguration> grid, TradeoffConfiguration c) {
    grid.put(c.name, c);
  }

  /** The standard grid, in its canonical order. */
  public static List<TradeoffConfiguration> standard() {
    return new ArrayList<>(STANDARD.values());
  }

  /** The standard configuration of that exact name, or null. */
  public static TradeoffConfiguration byName(String name) {
    return STANDARD.get(name);
  }

  /** The names of the standard grid, comma-separated (for help texts and error messages). */
  public static String validNames() {
    return String.join(", ", STANDARD.keySet());
  }

  /**
   * Selects configurations from the standard grid, in the grid's order, and always includes the control.
   *
   * @param spec comma-separated names; {@code *} matches any characters (e.g. {@code *-randomized});
   *     empty or blank selects the whole grid
   * @param control name of the control configuration (added if not selected)
   * @return the selected configurations
   * @throws IllegalArgumentException naming the valid names if a name or pattern matches nothing, or if
   *     the control is not a configuration name
   */
  public static List<TradeoffConfiguration> select(String spec, String control) {
    if (byName(control) == null) {
      throw new IllegalArgumentException("unknown control configuration '" + control
          + "'; valid names: " + validNames());
    }
    if (byName(control).family() == Family.REFERENCE) {
      throw new IllegalArgumentException("the control must be one of this project's learners, not the "
          + "budget-limited reference '" + control + "'");
    }
    List<TradeoffConfiguration> selected = new ArrayList<>();
    if (spec == null || spec.trim().isEmpty()) {
      selected.addAll(STANDARD.values());
      return selected;
    }
    java.util.Set<String> chosen = new java.util.HashSet<>();
    for (String raw : spec.split(",")) {
      String item = raw.trim();
      if (item.isEmpty()) {
        continue;
      }
      Pattern p = Pattern.compile(globToRegex(item), Pattern.CASE_INSENSITIVE);
      boolean any = false;
      for (String name : STANDARD.keySet()) {
        if (p.matcher(name).matches()) {
          chosen.add(name);
          any = true;
        }
      }
      if (!any) {
        throw new IllegalArgumentException("unknown configuration '" + item + "'; valid names: "
            + validNames() + " (* matches any characters)");
      }
    }
    chosen.add(control);
    for (TradeoffConfiguration c : STANDARD.values()) {
      if (chosen.contains(c.name)) {
        selected.add(c);
      }
    }
    return selected;
  }

  private static String globToRegex(String glob) {
    java.util.StringJoiner regex = new java.util.StringJoiner(".*");
    for (String part : glob.split("\\*", -1)) {
      regex.add(Pattern.quote(part));
    }
    return regex.toString();
  }

  /** The name, e.g. {@code percoord-morris8-q2.13-randomized}. */
  public String name() {
    return name;
  }

  /** The MOA command line of the learner without the task-wide options (alpha, seed, extra options). */
  public String learnerCli() {
    return learnerCli;
  }

  /**
   * The MOA command line with the task-wide options added to this project's learners: a learning-rate
   * override ({@code alpha > 0}), the seed and extra options; MOA's references are left as they are.
   */
  public String learnerCli(double alpha, int seed, String extraOptions) {
    if (family == Family.REFERENCE) {
      return learnerCli;
    }
    StringBuilder sb = new StringBuilder(learnerCli);
    if (alpha > 0) {
      sb.append(" -a ").append(Double.toString(alpha));
    }
    sb.append(" -r ").append(seed);
    if (extraOptions != null && !extraOptions.trim().isEmpty()) {
      sb.append(' ').append(extraOptions.trim());
    }
    return sb.toString();
  }

  /**
   * The fixed alpha that was this project's learner's default before the adaptive rate ({@link
   * lessram.LearnerOption#fixedDefaultAlpha}: 0.5 for the global rate, 0.2 per coordinate); 0 for MOA's references.
   */
  public double formerDefaultAlpha() {
    if (family == Family.REFERENCE) {
      return 0;
    }
    return lessram.LearnerOption.fixedDefaultAlpha(learnerCli.startsWith(GLOBAL)
        ? lessram.LearningRateSchedule.GLOBAL : lessram.LearningRateSchedule.PER_COORDINATE);
  }

  /** Plot family. */
  public Family family() {
    return family;
  }

  /** The {@code m} of {@code q2.m}, or -1 for float and reference configurations. */
  public int fractionBits() {
    return fractionBits;
  }

  /** One-line description. */
  public String description() {
    return description;
  }

  /** The name of the plot line this configuration is a point of, or null when its family has one line. */
  public String series() {
    return series;
  }

  /** The label of this configuration's point in the plots (e.g. {@code m} of {@code q2.m}, or the budget). */
  public String pointLabel() {
    return pointLabel;
  }

  @Override
  public String toString() {
    return name + " (" + learnerCli + ")";
  }
}
