package lessram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Data-parallel training by periodic parameter mixing (McDonald, Hall, Mann, "Distributed Training
 * Strategies for the Structured Perceptron", NAACL 2010), kept within the guarantees of Golovin, Sculley,
 * McMahan, Young, "Large-Scale Learning with Less RAM via Randomization" (ICML 2013). The data is cut into
 * rounds; in each round every partition trains a {@link PartitionCopy} of the current model on its share;
 * {@link #merge} combines what the copies changed ({@link SessionDelta}s) into the next model, which every
 * partition starts the next round from. A host (the Spark module) moves the deltas; the rules are here, so
 * any host can use them.
 *
 * <p>The merge, per coordinate changed by at least one copy, with base coefficient {@code beta}, base
 * counter estimate {@code tau} and, for copy {@code k}, coefficient {@code beta_k} and counter estimate
 * {@code tau_k} (the Morris estimates, or the exact counts):
 * <ul>
 *   <li><b>coefficients averaged, weighted by update counts</b>: {@code avg = sum_k u_k (beta_k - beta) /
 *       sum_k u_k} with {@code u_k} the copy's number of updates of the coordinate in this round. A {@link
 *       PartitionCopy} counts them during the round (a transient count per feature seen, not part of the
 *       model); for a delta without counts, {@code u_k = tau_k - tau}, the difference of the Morris estimates,
 *       an unbiased but coarse estimate (a counter in state 100 advances with probability 1.1^-101 per update,
 *       so over a round it rarely moves at all). A copy that did not touch the coordinate has weight 0, so a
 *       rare feature seen by one partition keeps that partition's step; when no weight is positive the
 *       changes are averaged with equal weights. {@link Rule#AVERAGE} stops here: {@code beta + avg};</li>
 *   <li>{@link Rule#EXTRAPOLATED} (the default) takes the average step to the total count: {@code avg} is
 *       what one copy's share of the round's {@code N = sum_k u_k} updates moved the coefficient, with rate
 *       mass {@code M_avg} (the sum of the learning rates those updates used; with the adaptive rate, its
 *       scale times the factor of the merged gradient statistics); the sequential learner would
 *       have made all {@code N} updates, rate mass {@code M_N}. Under a local quadratic model of the loss with
 *       curvature {@value #CURVATURE} per squared unit of feature value, steps of rate mass {@code M} close a
 *       fraction {@code 1 - exp(-h M)} of the distance to the optimum, so the merged step is {@code avg * (1
 *       - exp(-h M_N)) / (1 - exp(-h M_avg))}: the plain average when each copy's steps were large (they all
 *       went most of the way, further would overshoot), up to {@code M_N / M_avg} times it when the steps
 *       were small (small steps add up, as in sequential training). Averaging alone makes a coordinate that
 *       every partition touches learn at the speed of one partition, whatever the round size (measured on
 *       the click stream with 4 partitions: +1.7% to +2.2% progressive log loss against the sequential
 *       learner); the extrapolation approaches the sequential learner as rounds get shorter (docs/spark.md);</li>
 *   <li><b>back on the grid without bias</b>: the result is projected to the representable range and written
 *       with unbiased randomized rounding to the learner's {@code qn.m} grid (float learners store it as they
 *       store any value);</li>
 *   <li><b>counters merged to the total</b>: the merged counter estimates {@code tau + sum_k u_k}, the base's
 *       estimate plus the round's updates across partitions, so per-coordinate rates fall as fast as in sequential training
 *       rather than staying {@code k} times too large: a Morris state is chosen between the two states whose
 *       estimates bracket the total, the upper one with the probability that makes the estimate's expectation
 *       exactly the total (unbiased again); exact counters add their steps (saturating).</li>
 * </ul>
 * Example counts (the global rate's {@code t}), skip counts, the adaptive rate's gradient statistics (the sum
 * of squared coordinate gradients and their number; the rate's factor is recomputed from them) and the feature
 * mapping's scaling statistics are summed over the copies as {@code base + sum_k (copy_k - base)}, in partition
 * order (largest magnitudes: the maximum), and the cached standardization is recomputed from the merged
 * statistics. Every copy starts from the round's model, so a retried task's delta replaces, never adds to,
 * its partition's.
 *
 * <p>When exactly one copy changed anything and its delta is exact, the merged model is that copy, bit for
 * bit: training one partition round after round is the sequential learner. The merge's random draws come
 * from a generator derived from the base model's generator state, so the same base and deltas always give
 * the same merged model and update.
 */
public final class ParameterMixing {
  private static final long MERGE_SALT = 0x3C6EF372FE94F82BL;
  /** Coordinates whose base fields are gathered at a time (enough misses to overlap, few enough to stay cached). */
  static final int CHUNK = 2048;

  /**
   * Curvature {@code h} of the local quadratic model of {@link Rule#EXTRAPOLATED}, per squared unit of
   * feature value: above the largest curvature of the log loss along one coordinate ({@code p(1 - p) <= 1/4}),
   * as features that move together (the bias with every frequent feature) curve the loss more. Larger is safer
   * (more averaging), smaller approaches the plain sum of the copies' steps. Measured on 1M click-stream
   * examples with 4 partitions and 10000 rows per partition and round (progressive log loss and AUC against
   * the sequential learner): 1: +0.60%, -0.0036; 0.5: +0.43%, -0.0028; 0.25: +0.35%, -0.0025; 0.1 diverged
   * (+33%). 0.5 keeps a margin of 5 from that.
   */
  public static final double CURVATURE = 0.5;

  /** How the copies' changes of a coordinate become the merged change. */
  public enum Rule {
    /** The update-count-weighted average of the copies' changes. */
    AVERAGE,
    /** The weighted average taken to the round's total update count (see the class comment); the default. */
    EXTRAPOLATED
  }

  private ParameterMixing() {
  }

  /** The merged model of a round and what it changed against the round's model. */
  public static final class Merged {
    private final OnlineClassifier session;
    private final SessionDelta update;
    private final int contributors;

    Merged(OnlineClassifier session, SessionDelta update, int contributors) {
      this.session = session;
      this.update = update;
      this.contributors = contributors;
    }

    /** The merged model (a new session; the base is unchanged). */
    public OnlineClassifier session() {
      return session;
    }

    /**
     * The merged model's changes against the base, exact: {@code update().applyTo(base)} rebuilds {@link
     * #session()}, so a host can send this instead of the whole model.
     */
    public SessionDelta update() {
      return update;
    }

    /** Number of copies that changed anything. */
    public int contributors() {
      return contributors;
    }
  }

  /** {@link #merge(OnlineClassifier, List, Rule)} with the default rule, {@link Rule#EXTRAPOLATED}. */
  public static Merged merge(OnlineClassifier base, List<SessionDelta> deltas) {
    return merge(base, deltas, Rule.EXTRAPOLATED);
  }

  /**
   * Merges the copies' deltas of one round into the next model.
   *
   * @param base the round's model, the state every delta was made against
   * @param deltas one per partition, in partition order (empty partitions may be left out)
   * @throws IllegalArgumentException if a delta was made against another state
   */
  public static Merged merge(OnlineClassifier base, List<SessionDelta> deltas, Rule rule) {
    return merge(base, deltas, rule, false);
  }

  /**
   * {@link #merge(OnlineClassifier, List, Rule)} without copying the model: the merged state is written into
   * {@code base}'s model, at a cost proportional to the coordinates the deltas list rather than to the model's
   * size (a host that keeps only the current model saves a copy of it per round). Afterwards {@code base} must not
   * be used: {@link Merged#session()} shares its changed model.
   */
  public static Merged mergeInPlace(OnlineClassifier base, List<SessionDelta> deltas, Rule rule) {
    return merge(base, deltas, rule, true);
  }

  private static Merged merge(OnlineClassifier base, List<SessionDelta> deltas, Rule rule, boolean inPlace) {
    SessionDelta.EncoderState baseEncoder = SessionDelta.EncoderState.of(base.encoder());
    List<SessionDelta> active = new ArrayList<>();
    for (SessionDelta d : deltas) {
      d.checkBase(base);
      if (d.changesAnything(base, baseEncoder)) {
        active.add(d);
      }
    }
    if (active.isEmpty()) {
      SessionDelta nothing = SessionDelta.between(base, base, new int[0], 0);
      return new Merged(inPlace ? base : base.copy(), nothing, 0);
    }
    if (active.size() == 1 && active.get(0).isExact()) {
      SessionDelta only = active.get(0);
      return new Merged(inPlace ? only.applyInPlace(base) : only.applyTo(base), only, 1);
    }
    long baseState = base.model().random().state();
    LogisticRegression baseModel = base.model();
    double squares = baseModel.squaredGradients();
    double gradients = baseModel.gradients();
    for (SessionDelta d : active) {
      squares += d.squaredGradients() - baseModel.squaredGradients();
      gradients += d.gradients() - baseModel.gradients();
    }
    // saturating as the learner's own sums (a partition's sum may have saturated at the largest double)
    squares = Math.min(Math.max(squares, 0), Double.MAX_VALUE);
    gradients = Math.min(Math.max(gradients, 0), Double.MAX_VALUE);
    LogisticRegression model = inPlace ? baseModel : baseModel.copy();
    model.setRateStatistics(squares, gradients);
    // the rates the copies' updates used: the adaptive rate's scale times its factor (the merged one)
    double rateScale = base.config().rateScale() * (base.config().adaptive() ? model.rateFactor() : 1);
    CoordinateMerge coordinates = new CoordinateMerge(base, model.table(), active, rule, rateScale);
    coordinates.run();

    long baseSeen = base.model().examplesSeen();
    long baseSkipped = base.model().examplesSkipped();
    long seen = baseSeen;
    long skipped = baseSkipped;
    long noClass = base.instancesWithoutClass();
    long state = baseState;
    for (SessionDelta d : active) {
      seen += d.examplesSeen() - baseSeen;
      skipped += d.examplesSkipped() - baseSkipped;
      noClass += d.instancesWithoutClass() - base.instancesWithoutClass();
      state = SplitMix64.mix(state ^ d.randomState());
    }
    InstanceEncoder encoder = mergeEncoders(base.encoder(), active);
    model.setExampleCounts(seen, skipped);
    model.random().setState(state);
    OnlineClassifier merged = base.with(encoder, model);
    merged.setInstancesWithoutClass(noClass);
    SessionDelta update = coordinates.update(baseState, merged);
    return new Merged(merged, update, active.size());
  }

  /**
   * The merge of the coordinates some delta lists, written into {@code table} (a copy of the base's, or the
   * base's own: each coordinate's base fields are read before its merged fields are written).
   */
  private static final class CoordinateMerge {
    private final LearnerConfig config;
    private final CoordinateTable from;
    private final CoordinateTable table;
    private final Rule rule;
    private final boolean fixedPoint;
    private final FixedPointFormat format;
    private final long fieldMask;
    private final WeightCodec codec;
    private final CounterPolicy counter;
    private final boolean global;
    private final double alpha;
    private final long baseExamples;
    private final int k;
    private final int[][] coords;
    private final long[][] values;
    private final long[][] steps;
    /** Per delta: its copy's update count of each listed coordinate, or null (then the Morris estimates). */
    private final long[][] updates;
    private final double[] examples;
    private final SessionDelta.Layout[] layouts;
    private final SplitMix64 random;
    /** The merged changes: coordinate, new code minus old (raw new field for floats), counter steps. */
    private int[] changed;
    private long[] changedValues;
    private long[] changedSteps;
    private int changedCount;
    /** Per contributing copy of the current coordinate: its change and weight. */
    private final double[] change;
    private final double[] weight;
    private final double[] copyExamples;

    CoordinateMerge(OnlineClassifier base, CoordinateTable table, List<SessionDelta> active, Rule rule,
        double rateScale) {
      this.config = base.config();
      this.from = base.model().table();
      this.table = table;
      this.rule = rule;
      this.fixedPoint = config.storage().isFixedPoint();
      this.format = config.format();
      this.codec = WeightCodec.of(config.storage(), config.format());
      this.fieldMask = SessionDelta.fieldMask(codec.bits());
      this.counter = CounterPolicy.of(config);
      this.global = config.schedule() == LearningRateSchedule.GLOBAL;
      this.alpha = rateScale;
      this.baseExamples = base.model().examplesSeen();
      this.k = active.size();
      this.coords = new int[k][];
      this.values = new long[k][];
      this.steps = new long[k][];
      this.updates = new long[k][];
      this.examples = new double[k];
      this.layouts = new SessionDelta.Layout[k];
      for (int j = 0; j < k; j++) {
        SessionDelta d = active.get(j);
        coords[j] = d.coordinates();
        values[j] = d.values();
        steps[j] = d.counterSteps();
        updates[j] = d.updates();
        examples[j] = d.examplesSeen() - baseExamples;
        layouts[j] = new SessionDelta.Layout(config, table, Math.max(d.gridBits(), 0));
      }
      this.random = new SplitMix64(base.model().random().state() ^ MERGE_SALT);
      this.change = new double[k];
      this.weight = new double[k];
      this.copyExamples = new double[k];
    }

    /**
     * Merges every listed coordinate: first the union of the deltas' coordinates (ascending), then, a chunk at a
     * time, the base's fields of the chunk's coordinates in one pass ({@link CoordinateTable#gatherFields}, whose
     * cache misses overlap) and the merge of each from those fields.
     */
    void run() {
      int total = 0;
      for (int[] c : coords) {
        total += c.length;
      }
      int[] cursor = new int[k];
      int[] union = new int[total];
      int unique = 0;
      long largest = -1;
      for (int[] c : coords) {
        largest = c.length == 0 ? largest : Math.max(largest, c[c.length - 1]);
      }
      long words = (largest + 64) >>> 6;
      boolean marked = k > 1 && words <= 4L * total + 1024;
      if (marked) {
        // a bit per coordinate of the table, read back in order: no comparison per coordinate and delta
        long[] marks = new long[(int) words];
        for (int[] c : coords) {
          for (int x : c) {
            marks[x >>> 6] |= 1L << x;
          }
        }
        for (int w = 0; w < marks.length; w++) {
          for (long x = marks[w]; x != 0; x &= x - 1) {
            union[unique++] = (w << 6) + Long.numberOfTrailingZeros(x);
          }
        }
      }
      while (!marked) {
        int c = Integer.MAX_VALUE;
        for (int j = 0; j < k; j++) {
          if (cursor[j] < coords[j].length) {
            c = Math.min(c, coords[j][cursor[j]]);
          }
        }
        if (c == Integer.MAX_VALUE) {
          break;
        }
        union[unique++] = c;
        for (int j = 0; j < k; j++) {
          int p = cursor[j];
          if (p < coords[j].length && coords[j][p] == c) {
            cursor[j] = p + 1;
          }
        }
      }
      long[] baseFields = new long[Math.min(unique, CHUNK)];
      long[] baseCounters = new long[baseFields.length];
      Arrays.fill(cursor, 0);
      changed = new int[unique];
      changedValues = new long[unique];
      changedSteps = new long[unique];
      SessionDelta.Layout exact = new SessionDelta.Layout(config, table, 0);
      long maxCounter = counter.maxField();
      for (int i = 0; i < unique; i++) {
        if (i % CHUNK == 0) {
          from.gatherFields(union, i, Math.min(unique, i + CHUNK), baseFields, baseCounters);
        }
        int c = union[i];
        long baseField = baseFields[i % CHUNK];
        long baseCounter = baseCounters[i % CHUNK];
        double baseEstimate = counter.estimate(baseCounter);
        int m = 0;
        long stepSum = 0;
        double countSum = 0;
        for (int j = 0; j < k; j++) {
          int p = cursor[j];
          if (p < coords[j].length && coords[j][p] == c) {
            cursor[j] = p + 1;
            change[m] = layouts[j].valueChange(values[j][p], baseField, codec);
            double u = updates[j] != null ? updates[j][p] : global ? examples[j]
                : counter.estimate(Math.min(baseCounter + steps[j][p], maxCounter)) - baseEstimate;
            copyExamples[m] = examples[j];
            weight[m++] = u;
            countSum += u;
            stepSum += steps[j][p];
          }
        }
        double value = codec.decode(baseField) + step(m, baseEstimate);
        long field = fixedPoint ? format.roundRandomized(value, random.nextLong()) & fieldMask
            : rawField(value);
        long counterField = mergedCounter(counter, baseCounter, baseEstimate + countSum, stepSum, random);
        table.setFields(c, field, counterField);
        if (field != baseField || counterField != baseCounter) {
          changed[changedCount] = c;
          changedValues[changedCount] = exact.change(baseField, field, null);
          changedSteps[changedCount++] = counterField - baseCounter;
        }
      }
    }

    /** The merged changes as an exact delta against the base (whose generator state was {@code baseState}). */
    SessionDelta update(long baseState, OnlineClassifier merged) {
      int n = changedCount;
      return SessionDelta.exact(baseState, merged, Arrays.copyOf(changed, n), Arrays.copyOf(changedValues, n),
          Arrays.copyOf(changedSteps, n));
    }

    /** The merged change of a coordinate from the {@code m} contributions in {@link #change}/{@link #weight}. */
    private double step(int m, double baseCount) {
      double weights = 0;
      double weighted = 0;
      double plain = 0;
      for (int j = 0; j < m; j++) {
        weights += weight[j];
        weighted += weight[j] * change[j];
        plain += change[j];
      }
      if (!(weights > 0)) {
        return plain / m;
      }
      double average = weighted / weights;
      if (rule == Rule.AVERAGE || m == 1) {
        return average;
      }
      double averageMass = 0;
      double examplesSum = 0;
      // rateMass's second root, the same for every copy: taken once
      double root = global ? 0 : Math.sqrt(baseCount + 0.5);
      for (int j = 0; j < m; j++) {
        averageMass += weight[j] * (global ? globalMass(copyExamples[j], weight[j]) : rateMass(baseCount, weight[j],
            root));
        examplesSum += copyExamples[j];
      }
      averageMass /= weights;
      double totalMass = global ? globalMass(examplesSum, weights) : rateMass(baseCount, weights, root);
      double h = CURVATURE;
      double factor = h * averageMass < 1e-9 ? totalMass / averageMass
          : -Math.expm1(-h * totalMass) / -Math.expm1(-h * averageMass);
      return average * factor;
    }

    /**
     * The sum of the global learning rates of {@code updates} updates of a coordinate spread over {@code n}
     * examples after the base's: {@code updates / n} of the rates {@code alpha / sqrt(t)} of those examples.
     */
    private double globalMass(double n, double updates) {
      return n <= 0 ? 0 : updates / n * rateMass(baseExamples, n);
    }

    /**
     * The sum of the learning rates of {@code n} updates after {@code count} earlier ones, {@code alpha /
     * sqrt(count + i + 1)} for {@code i < n}, as its integral (midpoint rule).
     */
    private double rateMass(double count, double n) {
      return rateMass(count, n, Math.sqrt(count + 0.5));
    }

    /** {@link #rateMass(double, double)} given {@code root = Math.sqrt(count + 0.5)}. */
    private double rateMass(double count, double n, double root) {
      if (n <= 0) {
        return 0;
      }
      return 2 * alpha * (Math.sqrt(count + n + 0.5) - root);
    }

    /** The float32 or float64 field of {@code value}, projected to the format's finite bounds as an update is. */
    private long rawField(double value) {
      if (codec.bits() == 32) {
        return Float.floatToRawIntBits((float) UpdateRule.value(value, 0, 0, Float.MAX_VALUE)) & 0xFFFFFFFFL;
      }
      return Double.doubleToRawLongBits(UpdateRule.value(value, 0, 0, Values.LIMIT));
    }
  }

  /**
   * The counter field whose estimate is {@code total} in expectation: exact counters add {@code steps}
   * (saturating); a Morris counter takes the state below {@code total} or the one above, the upper one with
   * probability {@code (total - estimate(below)) / (estimate(above) - estimate(below))}.
   */
  static long mergedCounter(CounterPolicy counter, long baseField, double total, long steps, SplitMix64 random) {
    if (counter.bits() == 0) {
      return 0;
    }
    long max = counter.maxField();
    if (!(counter instanceof CounterPolicy.Morris)) {
      return Math.min(baseField + steps, max);
    }
    // the largest state from the base's whose estimate does not exceed the total (up to rounding of the sum): the
    // estimates do not decrease with the state, so that is the base's state or the largest state of all whose
    // estimate is within the limit, whichever is larger, found by halving without branches on the data
    CounterPolicy.Morris morris = (CounterPolicy.Morris) counter;
    double[] estimates = morris.estimates();
    double limit = total * (1 + 1e-12);
    if (!morris.estimatesAscending()) {
      int s = (int) baseField;
      while (s < max && estimates[s + 1] <= limit) {
        s++;
      }
      return mergedState(estimates, s, max, total, random);
    }
    int base = (int) baseField;
    if (base >= max || !(estimates[base + 1] <= limit)) {
      // the usual case: the total stays below the next state's estimate
      return mergedState(estimates, base, max, total, random);
    }
    int first = 0;
    for (int length = (int) max + 1; length > 1; ) {
      int half = length >>> 1;
      first = estimates[first + half - 1] <= limit ? first + half : first;
      length -= half;
    }
    // first: the number of states (from 0) whose estimate is within the limit, when the last one is not
    int within = first + (estimates[first] <= limit ? 1 : 0);
    return mergedState(estimates, Math.max((int) baseField, within - 1), max, total, random);
  }

  /** State {@code s}, or the next with the probability that makes the estimate's expectation {@code total}. */
  private static long mergedState(double[] estimates, int s, long max, double total, SplitMix64 random) {
    if (s >= max) {
      return max;
    }
    double below = estimates[s];
    double up = (total - below) / (estimates[s + 1] - below);
    return up > 1e-12 && random.nextDouble() < up ? s + 1 : s;
  }

  /** The base's feature mapping with the copies' statistics merged in. */
  private static InstanceEncoder mergeEncoders(InstanceEncoder base, List<SessionDelta> active) {
    InstanceEncoder merged = base.copy();
    long[] baseCounts = base.trainingCounts();
    double[][] baseStats = base.scalingStatistics();
    long[] counts = baseCounts.clone();
    double[][] stats = base.scalingStatistics();
    for (SessionDelta d : active) {
      long[] c = d.encoderState().counts;
      for (int i = 0; i < counts.length; i++) {
        counts[i] += c[i] - baseCounts[i];
      }
      double[][] s = d.encoderState().statistics;
      if (stats.length == 2) {
        for (int r = 0; r < 2; r++) {
          for (int a = 0; a < stats[r].length; a++) {
            stats[r][a] += s[r][a] - baseStats[r][a];
          }
        }
      } else if (stats.length == 1) {
        for (int a = 0; a < stats[0].length; a++) {
          stats[0][a] = Math.max(stats[0][a], s[0][a]);
        }
      }
    }
    if (stats.length == 2) {
      for (int a = 0; a < stats[1].length; a++) {
        stats[1][a] = Math.max(stats[1][a], 0);
      }
    }
    merged.setTrainingStatistics(counts, stats);
    return merged;
  }
}
