package lessram;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * What one state of a learning session changed against an earlier state of the same session, in the
 * compact form that data-parallel training exchanges ({@link ParameterMixing}): a partition's copy after a
 * round against the round's model, or the merged model against the previous one.
 *
 * <p>Only coordinates whose stored fields changed are listed, each as the gap to the previous coordinate,
 * the change of the coefficient in units of a grid {@code 2^-e}, the number of counter steps and (for a
 * partition's copy) how many times the copy updated the coordinate in the round, Rice-coded
 * with parameters fitted to the round (the compressed format's ideas: sorted positions as small gaps, values
 * on a coarse grid, entropy-coded). With {@code e} equal to the learner's fraction bits (the default) the
 * change is the exact difference of the two fixed-point codes; a coarser grid ({@code e} below the fraction
 * bits) rounds each change with unbiased randomized rounding (seeded from the trained state, so the same
 * state gives the same bytes), fewer bits for a little variance. Float32/float64 learners (the controls)
 * send the new raw field. The trained side's feature mapping (with its scaling statistics), example
 * counts, generator state and the adaptive rate's gradient statistics (two doubles, 16 bytes, left out
 * while both are 0, as with a fixed alpha) travel whole; they are small.
 *
 * <p>A delta is only meaningful against the state it was made from: it records that state's generator
 * state, and {@link #applyTo} and {@link ParameterMixing#merge} refuse any other base. Immutable.
 */
public final class SessionDelta {
  /** "LRSD". */
  private static final int MAGIC = 0x4C525344;
  /** 2: the adaptive rate's gradient statistics travel with the counts. */
  private static final int VERSION = 2;
  /** Rice quotients at least this long are written as an escape and the raw 64-bit value. */
  private static final int ESCAPE = 40;

  private final long baseRandomState;
  private final long numCoordinates;
  /** Grid exponent of the value changes; -1 when {@link #values} are raw float fields. */
  private final int gridBits;
  /** True when the changes are exact (a fixed-point grid as fine as the learner's, or raw fields). */
  private final boolean exact;
  private final int[] coordinates;
  private final long[] values;
  private final long[] counterSteps;
  /** Updates of each listed coordinate in the round (a copy's own count); null when not counted. */
  private final long[] updates;
  private final long examplesSeen;
  private final long examplesSkipped;
  private final long instancesWithoutClass;
  private final long randomState;
  /** The trained side's adaptive-rate statistics, in all ({@link LogisticRegression#setRateStatistics}). */
  private final double squaredGradients;
  private final double gradients;
  private final EncoderState encoderState;
  private byte[] bytes;

  private SessionDelta(long baseRandomState, long numCoordinates, int gridBits, boolean exact, int[] coordinates,
      long[] values, long[] counterSteps, long[] updates, long examplesSeen, long examplesSkipped,
      long instancesWithoutClass, long randomState, double squaredGradients, double gradients,
      EncoderState encoderState) {
    this.baseRandomState = baseRandomState;
    this.numCoordinates = numCoordinates;
    this.gridBits = gridBits;
    this.exact = exact;
    this.coordinates = coordinates;
    this.values = values;
    this.counterSteps = counterSteps;
    this.updates = updates;
    this.examplesSeen = examplesSeen;
    this.examplesSkipped = examplesSkipped;
    this.instancesWithoutClass = instancesWithoutClass;
    this.randomState = randomState;
    this.squaredGradients = squaredGradients;
    this.gradients = gradients;
    this.encoderState = encoderState;
  }

  /**
   * The changes from {@code base} to {@code trained} (a copy of {@code base} that learned since), looking
   * only at {@code candidates}: the coordinates that may have changed, ascending (null: all coordinates).
   *
   * @param gridBits grid exponent {@code e} of the coefficient changes of a fixed-point learner: 0 or at least
   *     the learner's fraction bits for exact changes, fewer for coarser, randomized-rounded ones
   * @throws IllegalArgumentException if the two sessions do not have the same configuration
   */
  public static SessionDelta between(OnlineClassifier base, OnlineClassifier trained, int[] candidates,
      int gridBits) {
    return between(base, trained, candidates, null, gridBits);
  }

  /**
   * {@link #between(OnlineClassifier, OnlineClassifier, int[], int)} with the number of times the trained side
   * updated each candidate ({@code updates[j]} for {@code candidates[j]}): a candidate updated at least once is
   * listed even if its fields ended where they started, and the counts travel with the delta (they weight the
   * merge and advance the merged counters).
   */
  static SessionDelta between(OnlineClassifier base, OnlineClassifier trained, int[] candidates, long[] updates,
      int gridBits) {
    if (base.model().numCoordinates() != trained.model().numCoordinates()
        || !base.config().describe().equals(trained.config().describe())) {
      throw new IllegalArgumentException("the sessions have different configurations");
    }
    CoordinateTable from = base.model().table();
    CoordinateTable to = trained.model().table();
    Layout layout = new Layout(base.config(), from, gridBits);
    SplitMix64 rounding = new SplitMix64(trained.model().random().state() ^ 0x5DEECE66DL);
    int count = 0;
    int[] coords;
    long[] vals;
    long[] steps;
    long[] counts;
    if (candidates == null) {
      int n = from.size();
      coords = new int[Math.min(n, 1024)];
      vals = new long[coords.length];
      steps = new long[coords.length];
      counts = updates == null ? null : new long[coords.length];
      for (int c = 0; c < n; c++) {
        long codeFrom = from.codeField(c);
        long codeTo = to.codeField(c);
        long counterFrom = from.counterField(c);
        long counterTo = to.counterField(c);
        long updated = updates == null ? 0 : updates[c];
        if (codeFrom == codeTo && counterFrom == counterTo && updated == 0) {
          continue;
        }
        if (count == coords.length) {
          int grown = (int) Math.min(Integer.MAX_VALUE - 16L, 2L * count);
          coords = Arrays.copyOf(coords, grown);
          vals = Arrays.copyOf(vals, grown);
          steps = Arrays.copyOf(steps, grown);
          counts = counts == null ? null : Arrays.copyOf(counts, grown);
        }
        coords[count] = c;
        vals[count] = layout.change(codeFrom, codeTo, rounding);
        steps[count] = counterTo - counterFrom;
        if (counts != null) {
          counts[count] = updated;
        }
        count++;
      }
    } else {
      // the candidates' fields of both sides first, a chunk of each table in one pass (their cache misses
      // overlap), then the changes
      int n = candidates.length;
      int chunk = Math.min(n, ParameterMixing.CHUNK);
      long[] codesFrom = new long[chunk];
      long[] countersFrom = new long[chunk];
      long[] codesTo = new long[chunk];
      long[] countersTo = new long[chunk];
      vals = new long[n];
      steps = new long[n];
      coords = new int[n];
      counts = updates == null ? null : new long[n];
      for (int start = 0; start < n; start += chunk) {
        int end = Math.min(n, start + chunk);
        from.gatherFields(candidates, start, end, codesFrom, countersFrom);
        to.gatherFields(candidates, start, end, codesTo, countersTo);
        for (int j = start; j < end; j++) {
          int i = j - start;
          long codeFrom = codesFrom[i];
          long codeTo = codesTo[i];
          long counterFrom = countersFrom[i];
          long counterTo = countersTo[i];
          long updated = updates == null ? 0 : updates[j];
          if (codeFrom == codeTo && counterFrom == counterTo && updated == 0) {
            continue;
          }
          coords[count] = candidates[j];
          vals[count] = layout.change(codeFrom, codeTo, rounding);
          steps[count] = counterTo - counterFrom;
          if (counts != null) {
            counts[count] = updated;
          }
          count++;
        }
      }
    }
    LogisticRegression m = trained.model();
    return new SessionDelta(base.model().random().state(), from.size(), layout.gridBits, layout.exact,
        trimmed(coords, count), trimmed(vals, count), trimmed(steps, count), counts == null ? null
        : trimmed(counts, count), m.examplesSeen(),
        m.examplesSkipped(), trained.instancesWithoutClass(), m.random().state(), m.squaredGradients(),
        m.gradients(), EncoderState.of(trained.encoder()));
  }

  private static int[] trimmed(int[] a, int n) {
    return a.length == n ? a : Arrays.copyOf(a, n);
  }

  private static long[] trimmed(long[] a, int n) {
    return a.length == n ? a : Arrays.copyOf(a, n);
  }

  /**
   * An exact delta from a state with generator state {@code baseState} (and {@code trained}'s configuration and
   * header) to {@code trained}: the listed coordinates with their code changes (raw fields for float learners)
   * and counter steps.
   */
  static SessionDelta exact(long baseState, OnlineClassifier trained, int[] coordinates, long[] values,
      long[] counterSteps) {
    Layout layout = new Layout(trained.config(), trained.model().table(), 0);
    LogisticRegression m = trained.model();
    return new SessionDelta(baseState, m.numCoordinates(), layout.gridBits, true, coordinates, values, counterSteps,
        null, m.examplesSeen(), m.examplesSkipped(), trained.instancesWithoutClass(), m.random().state(),
        m.squaredGradients(), m.gradients(), EncoderState.of(trained.encoder()));
  }

  /** How coefficient fields turn into exchanged changes for one table. */
  static final class Layout {
    final boolean raw;
    final int fieldBits;
    final int fractionBits;
    final int gridBits;
    final boolean exact;
    /** {@code 2^-gridBits}. */
    private final double gridStep;

    Layout(LearnerConfig config, CoordinateTable table, int requestedGridBits) {
      this.fieldBits = WeightCodec.of(config.storage(), config.format()).bits();
      this.raw = !config.storage().isFixedPoint();
      this.fractionBits = raw ? 0 : config.format().fractionBits();
      if (raw) {
        this.gridBits = -1;
        this.exact = true;
      } else {
        if (requestedGridBits < 0) {
          throw new IllegalArgumentException("exchange grid bits must be >= 0, got " + requestedGridBits);
        }
        this.gridBits = requestedGridBits == 0 ? fractionBits : Math.min(requestedGridBits, fractionBits);
        this.exact = gridBits == fractionBits;
      }
      this.gridStep = Math.scalb(1.0, -Math.max(gridBits, 0));
    }

    /** The signed code of a fixed-point field. */
    long signed(long field) {
      return (field << (64 - fieldBits)) >> (64 - fieldBits);
    }

    /** The exchanged change from one field to another. */
    long change(long from, long to, SplitMix64 rounding) {
      if (raw) {
        return to;
      }
      long codes = signed(to) - signed(from);
      if (exact) {
        return codes;
      }
      double scaled = Math.scalb((double) codes, gridBits - fractionBits);
      return (long) Math.floor(scaled + (rounding.nextLong() >>> 11) * 0x1p-53);
    }

    /**
     * The coefficient change, in value units, of an exchanged change against a base field. (A fixed-point change
     * times the grid step {@code 2^-e} is exact: a whole number times a power of two whose product is normal, so
     * it is {@code Math.scalb(change, -e)}, without scalb's cost.)
     */
    double valueChange(long change, long baseField, WeightCodec codec) {
      if (raw) {
        return codec.decode(change) - codec.decode(baseField);
      }
      return (double) change * gridStep;
    }
  }

  // ----------------------------------------------------------------------------------------------
  // reading

  /** Number of coordinates listed (those whose stored fields changed). */
  public int touchedCoordinates() {
    return coordinates.length;
  }

  /** Number of coordinates of the model (touched or not). */
  public long numCoordinates() {
    return numCoordinates;
  }

  /** True when the coefficient changes are exact (not rounded to a coarser grid). */
  public boolean isExact() {
    return exact;
  }

  /** Grid exponent of the coefficient changes ({@code -1}: raw float fields). */
  public int gridBits() {
    return gridBits;
  }

  /** Examples the trained side had trained on in all. */
  public long examplesSeen() {
    return examplesSeen;
  }

  /** Examples the trained side had skipped (non-finite) in all. */
  public long examplesSkipped() {
    return examplesSkipped;
  }

  /** Instances without class value the trained side had counted in all. */
  public long instancesWithoutClass() {
    return instancesWithoutClass;
  }

  /** The generator state of the session the delta was made against. */
  public long baseRandomState() {
    return baseRandomState;
  }

  int[] coordinates() {
    return coordinates;
  }

  long[] values() {
    return values;
  }

  long[] counterSteps() {
    return counterSteps;
  }

  /** The trained side's update count of each listed coordinate, or null if not counted. */
  long[] updates() {
    return updates;
  }

  long randomState() {
    return randomState;
  }

  /** The trained side's adaptive-rate sum of squared coordinate gradients, in all (0 with a fixed alpha). */
  double squaredGradients() {
    return squaredGradients;
  }

  /** The trained side's adaptive-rate number of coordinate gradients, in all (0 with a fixed alpha). */
  double gradients() {
    return gradients;
  }

  /** The trained side's feature mapping, rebuilt on {@code base}'s (same header). */
  InstanceEncoder encoderOn(InstanceEncoder base) {
    return encoderState.on(base);
  }

  /** The trained side's feature-mapping state. */
  EncoderState encoderState() {
    return encoderState;
  }

  /** True when the trained side differs from its base in anything it learned (coordinates, counts, statistics). */
  boolean changesAnything(OnlineClassifier base, EncoderState baseEncoder) {
    LogisticRegression m = base.model();
    return coordinates.length > 0 || examplesSeen != m.examplesSeen() || examplesSkipped != m.examplesSkipped()
        || instancesWithoutClass != base.instancesWithoutClass() || squaredGradients != m.squaredGradients()
        || gradients != m.gradients() || !encoderState.sameAs(baseEncoder);
  }

  /**
   * The training state of a feature mapping ({@link InstanceEncoder}): counts, scaling statistics, cached
   * standardization and its refresh points; a few bytes without scaling, 16 to 40 per attribute with.
   */
  static final class EncoderState {
    final long[] counts;
    final double[][] statistics;
    final double[][] cache;
    final long[] refresh;

    EncoderState(long[] counts, double[][] statistics, double[][] cache, long[] refresh) {
      this.counts = counts;
      this.statistics = statistics;
      this.cache = cache;
      this.refresh = refresh;
    }

    static EncoderState of(InstanceEncoder e) {
      return new EncoderState(e.trainingCounts(), e.scalingStatistics(), e.cachedStandardization(), e.refreshPoints());
    }

    /** A copy of {@code base} (same header) in this state. */
    InstanceEncoder on(InstanceEncoder base) {
      InstanceEncoder e = base.copy();
      e.restoreTrainingState(counts, statistics, cache, refresh);
      return e;
    }

    boolean sameAs(EncoderState o) {
      return Arrays.equals(counts, o.counts) && Arrays.deepEquals(statistics, o.statistics)
          && Arrays.deepEquals(cache, o.cache) && Arrays.equals(refresh, o.refresh);
    }

    void writeTo(DataOutputStream out) throws IOException {
      for (long c : counts) {
        writeVarLong(out, c);
      }
      writeVarLong(out, refresh[0]);
      writeVarLong(out, refresh[1]);
      out.writeByte(statistics.length);
      out.writeByte(cache.length);
      int n = statistics.length > 0 ? statistics[0].length : cache.length > 0 ? cache[0].length : 0;
      writeVarLong(out, n);
      for (double[][] arrays : new double[][][] {statistics, cache}) {
        for (double[] a : arrays) {
          for (double v : a) {
            out.writeDouble(v);
          }
        }
      }
    }

    static EncoderState readFrom(DataInputStream in, long limit) throws IOException {
      long[] counts = {readVarLong(in), readVarLong(in), readVarLong(in)};
      long[] refresh = {readVarLong(in), readVarLong(in)};
      int statistics = in.readUnsignedByte();
      int cache = in.readUnsignedByte();
      int n = checkedLength(readVarLong(in), limit / 8);
      if (statistics > 2 || (cache != 0 && cache != 2)) {
        throw new IOException("invalid feature-mapping state");
      }
      double[][] s = new double[statistics][n];
      double[][] c = new double[cache][n];
      for (double[][] arrays : new double[][][] {s, c}) {
        for (double[] a : arrays) {
          for (int i = 0; i < n; i++) {
            a[i] = in.readDouble();
          }
        }
      }
      return new EncoderState(counts, s, c, refresh);
    }
  }

  /** Throws unless {@code base} is the state this delta was made against. */
  void checkBase(OnlineClassifier base) {
    if (base.model().random().state() != baseRandomState || base.model().numCoordinates() != numCoordinates) {
      throw new IllegalArgumentException("the delta was made against another model state (generator state "
          + Long.toHexString(baseRandomState) + ", " + numCoordinates + " coordinates; this model: "
          + Long.toHexString(base.model().random().state()) + ", " + base.model().numCoordinates() + ")");
    }
  }

  /**
   * The trained state rebuilt from its base: a new session, equal to the trained one in every stored field
   * (coefficients, counters, feature mapping and statistics, counts, generator).
   *
   * @throws IllegalArgumentException if {@code base} is not the state the delta was made against, or the
   *     delta is not exact
   */
  public OnlineClassifier applyTo(OnlineClassifier base) {
    checkBase(base);
    return applyInPlace(base.with(base.encoder(), base.model().copy()));
  }

  /**
   * {@link #applyTo} without copying the model: the trained state is rebuilt in {@code base}'s model (its
   * coefficients, counters, counts and generator change) and returned as a new session around it with the
   * trained feature mapping. Costs time in proportion to the listed coordinates, not the model's size;
   * afterwards {@code base} must not be used (it shares the changed model).
   *
   * @throws IllegalArgumentException as {@link #applyTo}, before anything changes
   */
  public OnlineClassifier applyInPlace(OnlineClassifier base) {
    checkBase(base);
    if (!exact) {
      throw new IllegalArgumentException("a delta rounded to a coarser grid cannot rebuild a state; merge it");
    }
    InstanceEncoder encoder = encoderOn(base.encoder());
    LogisticRegression model = base.model();
    CoordinateTable table = model.table();
    Layout layout = new Layout(base.config(), table, gridBits < 0 ? 0 : gridBits);
    for (int j = 0; j < coordinates.length; j++) {
      int c = coordinates[j];
      long field = table.codeField(c);
      long next = layout.raw ? values[j] : (layout.signed(field) + values[j]) & fieldMask(layout.fieldBits);
      table.setFields(c, next, table.counterField(c) + counterSteps[j]);
    }
    model.setExampleCounts(examplesSeen, examplesSkipped);
    model.setRateStatistics(squaredGradients, gradients);
    model.random().setState(randomState);
    OnlineClassifier result = base.with(encoder, model);
    result.setInstancesWithoutClass(instancesWithoutClass);
    return result;
  }

  static long fieldMask(int bits) {
    return bits == 64 ? -1L : (1L << bits) - 1;
  }

  // ----------------------------------------------------------------------------------------------
  // the exchanged bytes

  /** The compact binary form ({@link #fromBytes} reads it). */
  public byte[] toBytes() {
    byte[] b = bytes;
    if (b == null) {
      b = encode();
      bytes = b;
    }
    return b.clone();
  }

  /** Length of {@link #toBytes()}. */
  public int sizeInBytes() {
    if (bytes == null) {
      bytes = encode();
    }
    return bytes.length;
  }

  private byte[] encode() {
    int n = coordinates.length;
    boolean counted = false;
    for (long s : counterSteps) {
      counted |= s != 0;
    }
    boolean raw = gridBits < 0;
    // the Rice parameters from the means (sums in the order riceParameter takes them), then the exact length
    double gapSum = 0;
    double valueSum = 0;
    double counterSum = 0;
    double updateSum = 0;
    long previous = -1;
    for (int j = 0; j < n; j++) {
      gapSum += unsigned(coordinates[j] - previous - 1);
      previous = coordinates[j];
      if (!raw) {
        valueSum += unsigned(zigZag(values[j]));
      }
      if (counted) {
        counterSum += unsigned(counterSteps[j]);
      }
      if (updates != null) {
        updateSum += unsigned(updates[j]);
      }
    }
    int kGap = riceParameter(gapSum, n);
    int kValue = raw ? 0 : riceParameter(valueSum, n);
    int kCounter = counted ? riceParameter(counterSum, n) : 0;
    int kUpdates = updates == null ? 0 : riceParameter(updateSum, n);
    long length = 0;
    previous = -1;
    for (int j = 0; j < n; j++) {
      length += riceBits(coordinates[j] - previous - 1, kGap) + (raw ? 64 : riceBits(zigZag(values[j]), kValue));
      previous = coordinates[j];
      if (counted) {
        length += riceBits(counterSteps[j], kCounter);
      }
      if (updates != null) {
        length += riceBits(updates[j], kUpdates);
      }
    }
    int payload = BitWriter.byteLength(length);
    boolean rated = squaredGradients != 0 || gradients != 0;
    ByteArrayOutputStream b = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(b)) {
      out.writeInt(MAGIC);
      out.writeByte(VERSION);
      out.writeByte((exact ? 1 : 0) | (counted ? 2 : 0) | (updates != null ? 4 : 0) | (rated ? 8 : 0));
      out.writeByte(gridBits);
      out.writeLong(baseRandomState);
      out.writeLong(numCoordinates);
      writeVarLong(out, examplesSeen);
      writeVarLong(out, examplesSkipped);
      writeVarLong(out, instancesWithoutClass);
      out.writeLong(randomState);
      if (rated) {
        out.writeDouble(squaredGradients);
        out.writeDouble(gradients);
      }
      encoderState.writeTo(out);
      writeVarLong(out, n);
      out.writeByte(kGap);
      out.writeByte(kValue);
      out.writeByte(kCounter);
      out.writeByte(kUpdates);
      writeVarLong(out, payload);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int head = b.size();
    byte[] bytes = Arrays.copyOf(b.toByteArray(), head + payload);
    BitWriter w = new BitWriter(bytes, head, length);
    previous = -1;
    for (int j = 0; j < n; j++) {
      w.rice(coordinates[j] - previous - 1, kGap);
      previous = coordinates[j];
      if (raw) {
        w.bits(values[j], 64);
      } else {
        w.rice(zigZag(values[j]), kValue);
      }
      if (counted) {
        w.rice(counterSteps[j], kCounter);
      }
      if (updates != null) {
        w.rice(updates[j], kUpdates);
      }
    }
    w.finish();
    return bytes;
  }

  private static long zigZag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  /** A long read as unsigned, as a double. */
  private static double unsigned(long x) {
    return x < 0 ? 0x1p64 + x : x;
  }

  /** Bits of {@code v} Rice-coded with parameter {@code k} ({@link BitWriter#rice}). */
  private static long riceBits(long v, int k) {
    long q = v >>> k;
    return q >= ESCAPE ? ESCAPE + 64 : q + 1 + k;
  }

  /**
   * Reads the form {@link #toBytes()} writes.
   *
   * @throws IllegalArgumentException if the bytes are not such a form (with what is wrong)
   */
  public static SessionDelta fromBytes(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      if (in.readInt() != MAGIC) {
        throw new IllegalArgumentException("not a session delta (bad magic)");
      }
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IllegalArgumentException("unsupported session delta version " + version);
      }
      int flags = in.readUnsignedByte();
      boolean exact = (flags & 1) != 0;
      boolean counted = (flags & 2) != 0;
      boolean withUpdates = (flags & 4) != 0;
      boolean rated = (flags & 8) != 0;
      if ((flags & ~15) != 0) {
        throw new IllegalArgumentException("session delta: unknown flags " + flags);
      }
      int gridBits = in.readByte();
      long baseState = in.readLong();
      long numCoordinates = in.readLong();
      long seen = readVarLong(in);
      long skipped = readVarLong(in);
      long noClass = readVarLong(in);
      long state = in.readLong();
      double squares = rated ? in.readDouble() : 0;
      double count = rated ? in.readDouble() : 0;
      if (!(squares >= 0 && squares <= Double.MAX_VALUE && count >= 0 && count <= Double.MAX_VALUE)) {
        throw new IllegalArgumentException("session delta: rate statistics must be finite and >= 0, got " + squares
            + " and " + count);
      }
      EncoderState encoder = EncoderState.readFrom(in, data.length);
      int n = checkedLength(readVarLong(in), (long) data.length * 8);
      int kGap = in.readUnsignedByte();
      int kValue = in.readUnsignedByte();
      int kCounter = in.readUnsignedByte();
      int kUpdates = in.readUnsignedByte();
      BitReader r = BitReader.readFrom(in, data);
      int[] coords = new int[n];
      long[] vals = new long[n];
      long[] steps = new long[n];
      long[] counts = withUpdates ? new long[n] : null;
      long previous = -1;
      for (int j = 0; j < n; j++) {
        long c = previous + 1 + r.rice(kGap);
        if (c < 0 || c >= numCoordinates) {
          throw new IllegalArgumentException("session delta: coordinate " + c + " outside 0.." + (numCoordinates - 1));
        }
        coords[j] = (int) c;
        previous = c;
        if (gridBits < 0) {
          vals[j] = r.bits(64);
        } else {
          long z = r.rice(kValue);
          vals[j] = (z >>> 1) ^ -(z & 1);
        }
        steps[j] = counted ? r.rice(kCounter) : 0;
        if (withUpdates) {
          counts[j] = r.rice(kUpdates);
        }
      }
      return new SessionDelta(baseState, numCoordinates, gridBits, exact, coords, vals, steps, counts, seen, skipped,
          noClass, state, squares, count, encoder);
    } catch (IOException e) {
      throw new IllegalArgumentException("session delta: truncated or unreadable (" + e.getMessage() + ")", e);
    }
  }

  private static int checkedLength(long n, long limit) {
    if (n < 0 || n > limit || n > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("session delta: invalid length " + n);
    }
    return (int) n;
  }

  /** The Rice parameter for values with this mean: about {@code log2(mean * ln 2)}. */
  static int riceParameter(long[] v) {
    double sum = 0;
    for (long x : v) {
      sum += unsigned(x);
    }
    return riceParameter(sum, v.length);
  }

  /** {@link #riceParameter(long[])} of {@code n} values whose unsigned sum, added up in order, is {@code sum}. */
  private static int riceParameter(double sum, int n) {
    if (n == 0) {
      return 0;
    }
    double mean = sum / n;
    int k = mean * 0.6931 >= 1 ? 63 - Long.numberOfLeadingZeros((long) Math.min(mean * 0.6931, 0x1p62)) : 0;
    return Math.min(k, 62);
  }

  static void writeVarLong(DataOutputStream out, long v) throws IOException {
    while ((v & ~0x7FL) != 0) {
      out.writeByte((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.writeByte((int) v);
  }

  static long readVarLong(DataInputStream in) throws IOException {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = in.readUnsignedByte();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new IOException("variable-length number longer than 64 bits");
  }

  /**
   * Little-endian bit output of a length known in advance, straight into the byte array that will hold it: the
   * bits gather in a 64-bit word, written out whole as it fills.
   */
  private static final class BitWriter {
    private final byte[] out;
    private final int start;
    private final long length;
    /** Where the next whole word goes. */
    private int next;
    private long word;
    /** Bits in {@link #word}, 0..63. */
    private int fill;

    /** A writer of {@code bits} bits into {@code out} from {@code start}, which has room for exactly that many. */
    BitWriter(byte[] out, int start, long bits) {
      if (out.length - start != byteLength(bits)) {
        throw new IllegalStateException("room for " + (out.length - start) + " bytes, not " + byteLength(bits));
      }
      this.out = out;
      this.start = start;
      this.length = bits;
      this.next = start;
    }

    static int byteLength(long bits) {
      long bytes = (bits + 7) >>> 3;
      if (bytes > Integer.MAX_VALUE - 1024) {
        throw new IllegalStateException("session delta too large: " + bits + " bits");
      }
      return (int) bytes;
    }

    void bits(long v, int width) {
      if (width == 0) {
        return;
      }
      long masked = width == 64 ? v : v & ((1L << width) - 1);
      word |= masked << fill;
      int total = fill + width;
      if (total >= 64) {
        put(word);
        // the bits of v that did not fit (none when the word was empty)
        word = fill == 0 ? 0 : masked >>> (64 - fill);
        total -= 64;
      }
      fill = total;
    }

    private void put(long w) {
      if (next + 8 <= out.length) {
        LONGS.set(out, next, w);
      } else {
        for (int b = 0; next + b < out.length; b++) {
          out[next + b] = (byte) (w >>> (8 * b));
        }
      }
      next += 8;
    }

    /** {@code v >>> k} ones, a zero, the low {@code k} bits of {@code v}; an escape and 64 bits for large values. */
    void rice(long v, int k) {
      long q = v >>> k;
      if (q >= ESCAPE) {
        bits((1L << ESCAPE) - 1, ESCAPE);
        bits(v, 64);
        return;
      }
      int width = (int) q + 1 + k;
      if (width <= 64) {
        // one write: bits past the width (v's above k) are masked off or shifted out
        bits(((1L << q) - 1) | (v << (q + 1)), width);
      } else {
        bits((1L << q) - 1, (int) q + 1);
        bits(v, k);
      }
    }

    /** Writes the last, partial word; checks that the length was as announced. */
    void finish() {
      long written = 8L * (next - start) + fill;
      if (written != length) {
        throw new IllegalStateException("wrote " + written + " bits of " + length);
      }
      if (fill > 0) {
        put(word);
      }
    }
  }

  /** Little-endian 64-bit view of byte arrays. */
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Reads what {@link BitWriter} wrote. */
  private static final class BitReader {
    private final long[] words;
    private final long limit;
    private long position;

    private BitReader(long[] words, long limit) {
      this.words = words;
      this.limit = limit;
    }

    /** The bit stream that follows in {@code in}, which reads {@code data} (read from it directly). */
    static BitReader readFrom(DataInputStream in, byte[] data) throws IOException {
      long n = readVarLong(in);
      if (n < 0 || n > data.length || n > Integer.MAX_VALUE - 64) {
        throw new IOException("invalid bit stream length " + n);
      }
      int available = in.available();
      if (n > available) {
        throw new EOFException();
      }
      int offset = data.length - available;
      in.skipBytes((int) n);
      int whole = (int) (n >>> 3);
      long[] words = new long[(int) ((n + 7) >>> 3) + 2];
      for (int i = 0; i < whole; i++) {
        words[i] = (long) LONGS.get(data, offset + 8 * i);
      }
      for (int b = whole * 8; b < n; b++) {
        words[b >>> 3] |= (data[offset + b] & 0xFFL) << ((b & 7) * 8);
      }
      return new BitReader(words, n * 8);
    }

    long bits(int width) throws IOException {
      if (width == 0) {
        return 0;
      }
      if (position + width > limit) {
        throw new IOException("bit stream ends early");
      }
      int i = (int) (position >>> 6);
      int s = (int) position & 63;
      long v = words[i] >>> s;
      if (s + width > 64) {
        v |= words[i + 1] << (64 - s);
      }
      position += width;
      return width == 64 ? v : v & ((1L << width) - 1);
    }

    long rice(int k) throws IOException {
      // the unary quotient: the ones before the first zero of the next 64 bits (ESCAPE < 64)
      int i = (int) (position >>> 6);
      int s = (int) position & 63;
      long window = s == 0 ? words[i] : (words[i] >>> s) | (words[i + 1] << (64 - s));
      int q = Long.numberOfTrailingZeros(~window);
      if (q >= ESCAPE) {
        skip(ESCAPE);
        return bits(64);
      }
      int width = q + 1 + k;
      if (width <= 64) {
        // the remainder is in the window too
        skip(width);
        return ((long) q << k) | ((window >>> (q + 1)) & ((1L << k) - 1));
      }
      skip(q + 1);
      return ((long) q << k) | bits(k);
    }

    private void skip(int n) throws IOException {
      if (position + n > limit) {
        throw new IOException("bit stream ends early");
      }
      position += n;
    }
  }
}
