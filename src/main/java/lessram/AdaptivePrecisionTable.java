package lessram;

/**
 * Adaptive precision, the variant of Golovin, Sculley, McMahan, Young (ICML 2013, section 3) in which a
 * coordinate's resolution follows its own learning rate, {@code eps_i <= gamma * eta_i}: rare coordinates
 * (large steps) live on a coarse grid in few bits, frequent ones (small steps) on a fine grid in more bits.
 * The grid is implied by the coordinate's Morris counter state, so it costs no bits of its own.
 *
 * <h2>Per state {@code s} of the counter (tabulated)</h2>
 * <ul>
 *   <li>the counter starts at 0 ({@link MorrisCounter#MorrisCounter(int, double, int)}): state 0 means "never
 *       updated", holds the value 0 and takes <em>no</em> value bits; the first update always advances it;
 *   <li>learning rate {@code eta(s) = alpha / sqrt(tau~(s) + 1)} (the global rate {@code eta_t} with the global
 *       schedule);
 *   <li>grid {@code 2^-F(s)}, the largest power of two at most {@code gamma * eta(s)}, no finer than
 *       {@code 2^-m};
 *   <li>range {@code [-2^r(s), 2^r(s))}, the smallest power of two at least {@code 2 alpha sqrt(tau~(s) + 1)}
 *       (the farthest {@code tau} steps of {@code alpha / sqrt(k)} with gradients in [-1, 1] can go; also under
 *       the global rate, as the k-th update of a coordinate comes at {@code t >= k}), at most {@code 2^n};
 *       with the global schedule every updated coordinate has the full range {@code 2^n};
 *   <li>so the code takes {@code 1 + r(s) + F(s)} bits: between 2 and {@code 1 + n + m <= 32}.
 * </ul>
 *
 * <h2>Buckets of a fixed budget (variable width, shared exponent)</h2>
 * Coordinates are grouped in buckets of {@code B} = 32 consecutive coordinates (64 for an odd budget), each
 * bucket {@code B * w} bits for a budget of {@code w} bits per coordinate ({@link LearnerConfig#coordinateBits}),
 * word-aligned in one {@code long[]}: a 5-bit shared exponent {@code delta}, the {@code B} counter states
 * ({@code c} bits each), then the codes in coordinate order, each as wide as its state implies. With
 * {@code delta > 0} every code of the bucket is {@code delta} bits coarser: grid {@code 2^-(F(s) - delta)},
 * same range, never below 2 bits. A code is found by summing the widths of the codes before it (implied by
 * their states). When a width grows and the bucket has no room left, {@code delta} grows until everything
 * fits, and the bucket's codes are re-expressed on their coarser grids with unbiased randomized rounding;
 * at the largest {@code delta} every code has 2 bits, which always fits (the budget is at least
 * {@code c + 3}), so a counter never stops because of its bucket. Exactly {@code w} bits per coordinate
 * are allocated, whatever the data.
 *
 * <h2>Its instance of the {@link UpdateRule}</h2>
 * <pre>
 *   rate  = eta(s)  (or eta_t)                                        learning rate
 *   s'    = Count(s)                                                  Morris increment (low 32 bits of r)
 *   beta' = Round(Project(beta - rate * g)) on the grid of s'         rounding (high 32 bits of r)
 * </pre>
 * While the state stays, this is {@link UpdateRule#code} on the coordinate's grid, as in the fixed-point
 * tables. When the state advances, the step is rounded onto the new state's grid directly (one unbiased
 * rounding; the re-expression of the old code is exact when the grid gets finer), so
 * {@code E[beta'] = beta - rate * g} at every step whatever the counter does. Coarsening a bucket re-rounds
 * its other codes with draws derived from the step's draw ({@link SplitMix64#mix}), unbiased except for a
 * value within one new grid step of the top of its range, which is projected onto it.
 *
 * <p>With the global schedule the counter has 1 bit (updated or not) and the grid follows the global rate:
 * when {@code gamma * eta_t} falls below the current grid, every bucket is re-expressed one bit finer
 * (exact; a full bucket raises its {@code delta} instead), a pass over the table each time {@code t}
 * grows fourfold.
 *
 * <p>Dense tables only (hashed or direct feature spaces).
 */
final class AdaptivePrecisionTable extends CoordinateTable {
  private static final long serialVersionUID = 1L;

  /** Largest grid-to-rate ratio gamma accepted. */
  static final double MAX_GAMMA = 16;
  /** Fewest bits per coordinate accepted (a 1-bit state and the smallest code). */
  static final int MIN_BITS = 4;
  /** Most bits per coordinate accepted. */
  static final int MAX_BITS = 64;
  /** Widest Morris counter of the adaptive layout (its tables are per state and per shared exponent). */
  static final int MAX_COUNTER_BITS = 8;
  /** Bits per coordinate needed beyond the counter state: a 2-bit code and a share of the bucket's exponent. */
  static final int MIN_VALUE_BITS = 3;
  /** Bits of a bucket's shared exponent {@code delta}. */
  static final int EXPONENT_BITS = 5;
  private static final int MAX_DELTA = (1 << EXPONENT_BITS) - 1;
  /** Smallest code width of a counted coordinate. */
  private static final int MIN_WIDTH = 2;

  /** Heap bytes of a table object (header and fields, 64-bit JVM, compressed references). */
  static final long OBJECT_BYTES = 104;

  /** The buckets, then one padding word (two-word reads never leave the array). */
  private final long[] words;
  private final int size;
  private final int bucketShift;
  private final int bucketWords;
  private final int counterBits;
  private final int valueStart;
  /** Bits of a bucket for codes: {@code B * w - EXPONENT_BITS - B * c}. */
  private final int capacity;
  private final MorrisCounter morris;
  /** {@code eta(s)} (per-coordinate schedule; unused with the global one). */
  private final double[] rate;
  private final boolean perCoordinate;
  /** {@code F(s)}, the grid exponent at {@code delta = 0}. */
  private final byte[] fraction;
  /** {@code r(s)}, the range exponent. */
  private final byte[] range;
  /** Code width of state {@code s} under exponent {@code delta}, at {@code (delta << c) | s}. */
  private final byte[] width;
  private final double gamma;
  private final int integerBits;
  private final int maxFraction;
  /** Global schedule: the current grid {@code 2^-F}, below which {@code gamma * eta_t} refines it (0 when it cannot). */
  private double refineBelow;
  /** Buckets whose exponent was raised (statistics). */
  private long coarsenings;
  /** Scratch of one bucket's states and codes (coarsening and refining only). */
  private transient int[] states;
  private transient long[] codes;

  /** True when {@code config} asks for this layout. */
  static boolean applies(LearnerConfig c) {
    return c.storage() == CoefficientStorage.ADAPTIVE;
  }

  /** Bits of a coordinate's counter state: the Morris counter's, or 1 (updated or not) with the global rate. */
  static int stateBits(LearnerConfig c) {
    return c.schedule() == LearningRateSchedule.PER_COORDINATE ? c.counterBits() : 1;
  }

  /** Coordinates per bucket for a budget of {@code bits} per coordinate: 32, or 64 when {@code bits} is odd. */
  static int bucketSize(int bits) {
    return bits % 2 == 0 ? 32 : 64;
  }

  AdaptivePrecisionTable(LearnerConfig config, int size) {
    if (!applies(config) || config.featureSpace().kind() == FeatureSpace.Kind.SPARSE) {
      throw new IllegalArgumentException("not a dense adaptive-precision layout: " + config.describe());
    }
    int bits = config.coordinateBits();
    int b = bucketSize(bits);
    this.size = size;
    this.bucketShift = Integer.numberOfTrailingZeros(b);
    this.bucketWords = bits * b / 64;
    this.perCoordinate = config.schedule() == LearningRateSchedule.PER_COORDINATE;
    this.counterBits = stateBits(config);
    this.valueStart = EXPONENT_BITS + b * counterBits;
    this.capacity = b * bits - valueStart;
    if (capacity < MIN_WIDTH * b) {
      throw new IllegalArgumentException("a bucket of " + b + " coordinates at " + bits + " bits has no room for "
          + counterBits + "-bit states and 2-bit codes");
    }
    long buckets = ((long) size + b - 1) >>> bucketShift;
    long length = buckets * bucketWords + 1;
    if (length > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("too many coordinates for an adaptive table: " + size);
    }
    this.words = new long[(int) length];
    this.morris = new MorrisCounter(counterBits, perCoordinate ? config.morrisBase() : 2.0, 0);
    int states = morris.maxState() + 1;
    this.gamma = config.gamma();
    this.integerBits = config.format().integerBits();
    this.maxFraction = config.format().fractionBits();
    this.rate = perCoordinate ? morris.learningRates(config.rateScale()) : new double[0];
    this.fraction = new byte[states];
    this.range = new byte[states];
    this.width = new byte[(MAX_DELTA + 1) * states];
    if (perCoordinate) {
      int f = Integer.MIN_VALUE;
      int r = Integer.MIN_VALUE;
      for (int s = 0; s < states; s++) {
        // both non-decreasing in s, so a code's width never shrinks as its counter advances
        f = Math.max(f, gridExponent(gamma * rate[s]));
        int bound = Math.min(integerBits, ceilLog2(2 * config.rateScale() * Math.sqrt(morris.estimate(s) + 1)));
        r = Math.max(r, Math.max(bound, 1 - f));
        fraction[s] = (byte) f;
        range[s] = (byte) r;
      }
    } else {
      // the first example's rate is alpha / sqrt(1)
      setGlobalFraction(gridExponent(gamma * config.rateScale()));
      range[1] = (byte) integerBits;
    }
    fillWidths();
    allocateScratch();
  }

  private AdaptivePrecisionTable(AdaptivePrecisionTable o) {
    this.words = o.words.clone();
    this.size = o.size;
    this.bucketShift = o.bucketShift;
    this.bucketWords = o.bucketWords;
    this.counterBits = o.counterBits;
    this.valueStart = o.valueStart;
    this.capacity = o.capacity;
    this.morris = o.morris;
    this.rate = o.rate;
    this.perCoordinate = o.perCoordinate;
    this.fraction = o.fraction.clone();
    this.range = o.range;
    this.width = o.width.clone();
    this.gamma = o.gamma;
    this.integerBits = o.integerBits;
    this.maxFraction = o.maxFraction;
    this.refineBelow = o.refineBelow;
    this.coarsenings = o.coarsenings;
    allocateScratch();
  }

  private void allocateScratch() {
    states = new int[1 << bucketShift];
    codes = new long[1 << bucketShift];
  }

  private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
    in.defaultReadObject();
    allocateScratch();
  }

  @Override
  AdaptivePrecisionTable copy() {
    return new AdaptivePrecisionTable(this);
  }

  /** {@code F}: the exponent of the largest power of two at most {@code x}, as a fraction-bit count, clamped. */
  private int gridExponent(double x) {
    return Math.min(maxFraction, Math.max(1 - integerBits, -Math.getExponent(x)));
  }

  /** The smallest {@code r} with {@code 2^r >= x > 0}. */
  static int ceilLog2(double x) {
    int e = Math.getExponent(x);
    return x == Math.scalb(1.0, e) ? e : e + 1;
  }

  /** Global schedule: the grid exponent of every updated coordinate, and when it next gets finer. */
  private void setGlobalFraction(int f) {
    fraction[1] = (byte) f;
    // gamma * eta < 2^-f makes the grid finer
    refineBelow = f >= maxFraction ? 0 : Math.scalb(1.0, -f);
  }

  private void fillWidths() {
    int states = morris.maxState() + 1;
    for (int d = 0; d <= MAX_DELTA; d++) {
      for (int s = 1; s < states; s++) {
        width[(d << counterBits) | s] = (byte) Math.max(MIN_WIDTH, 1 + range[s] + fraction[s] - d);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // bits of the buckets

  /** {@code n} (1..64) bits at bit {@code bit} of the bucket starting at word {@code w0}. */
  private static long read(long[] a, int w0, int bit, int n) {
    int i = w0 + (bit >>> 6);
    int o = bit & 63;
    long v = (a[i] >>> o) | ((a[i + 1] << 1) << (63 - o));
    return v & (-1L >>> (64 - n));
  }

  /** Writes the low {@code n} (1..64) bits of {@code v} at bit {@code bit} of the bucket at word {@code w0}. */
  private static void write(long[] a, int w0, int bit, int n, long v) {
    int i = w0 + (bit >>> 6);
    int o = bit & 63;
    long mask = -1L >>> (64 - n);
    v &= mask;
    a[i] = (a[i] & ~(mask << o)) | (v << o);
    if (o + n > 64) {
      int spill = 64 - o;
      a[i + 1] = (a[i + 1] & ~(mask >>> spill)) | (v >>> spill);
    }
  }

  /** Moves the bits {@code [from, to)} of a bucket up by {@code d > 0} bits (the top {@code d} must be free). */
  private static void shiftUp(long[] a, int w0, int from, int to, int d) {
    int top = to;
    while (top > from) {
      int n = Math.min(64, top - from);
      int bit = top - n;
      write(a, w0, bit + d, n, read(a, w0, bit, n));
      top = bit;
    }
  }

  private static long signExtend(long v, int n) {
    return (v << (64 - n)) >> (64 - n);
  }

  /** {@code 2^e} for {@code |e| < 1000}. */
  private static double pow2(int e) {
    return Double.longBitsToDouble((long) (1023 + e) << 52);
  }

  private int delta(int w0) {
    return (int) (words[w0] & MAX_DELTA);
  }

  private int state(int w0, int q) {
    return (int) read(words, w0, EXPONENT_BITS + q * counterBits, counterBits);
  }

  /** Bit position of code {@code q} in its bucket: the widths of the codes before it, after the states. */
  private int offset(int w0, int q, int widths) {
    return valueStart + widths(w0, 0, q, widths);
  }

  /** The code bits used in the bucket at {@code w0}, given the offset {@code off} of code {@code q}. */
  private int used(int w0, int q, int off, int widths) {
    return off - valueStart + widths(w0, q, 1 << bucketShift, widths);
  }

  /** The summed widths of the codes {@code from .. to - 1} of the bucket at {@code w0}. */
  private int widths(int w0, int from, int to, int widths) {
    long[] a = words;
    byte[] w = width;
    int c = counterBits;
    long mask = (1L << c) - 1;
    int sum = 0;
    // the states one after the other, from a 64-bit buffer refilled word by word
    int bit = EXPONENT_BITS + from * c;
    int i = w0 + (bit >>> 6);
    long buffer = a[i] >>> bit;
    int left = 64 - (bit & 63);
    for (int p = from; p < to; p++) {
      int s;
      if (left >= c) {
        s = (int) (buffer & mask);
        buffer >>>= c;
        left -= c;
      } else {
        long word = a[++i];
        s = (int) ((buffer | (word << left)) & mask);
        buffer = word >>> (c - left);
        left += 64 - c;
      }
      sum += w[widths | s];
    }
    return sum;
  }

  // ---------------------------------------------------------------------------------------------
  // the table

  @Override
  double weight(int i) {
    int w0 = (i >>> bucketShift) * bucketWords;
    int q = i & ((1 << bucketShift) - 1);
    int widths = delta(w0) << counterBits;
    int s = state(w0, q);
    int n = width[widths | s];
    if (n == 0) {
      return 0;
    }
    long code = signExtend(read(words, w0, offset(w0, q, widths), n), n);
    return code * pow2(range[s] + 1 - n);
  }

  @Override
  long counterField(int i) {
    return state((i >>> bucketShift) * bucketWords, i & ((1 << bucketShift) - 1));
  }

  /** Not supported: the per-coordinate grids are not exchanged by data-parallel training ({@link PartitionCopy}). */
  @Override
  long codeField(int i) {
    throw new UnsupportedOperationException("data-parallel training does not support the adaptive storage");
  }

  /** Not supported, as {@link #codeField}. */
  @Override
  void setFields(int i, long codeField, long counterField) {
    throw new UnsupportedOperationException("data-parallel training does not support the adaptive storage");
  }

  /** The rule of the class comment: rate, count, step rounded on the grid of the new state. */
  @Override
  void step(int i, double gradient, double globalEta, long random) {
    if (gamma * globalEta < refineBelow) {
      refine(globalEta, random);
    }
    long[] a = words;
    int w0 = (i >>> bucketShift) * bucketWords;
    int q = i & ((1 << bucketShift) - 1);
    int delta = delta(w0);
    int widths = delta << counterBits;
    int s = state(w0, q);
    int n = width[widths | s];
    int off = offset(w0, q, widths);
    double eta = perCoordinate ? rate[s] : globalEta;
    int next = morris.increment(s, random);
    if (next == s) {
      // the state stays: the fixed-point rule on this coordinate's grid (n >= 2: state 0 always advances)
      long code = signExtend(read(a, w0, off, n), n);
      double scaled = eta * pow2(n - 1 - range[s]);
      long half = 1L << (n - 1);
      long stepped = n <= FixedPointFormat.NARROW_BITS
          ? UpdateRule.code((int) code, scaled, gradient, random, true, (int) -half, (int) (half - 1))
          : UpdateRule.wideCode(code, scaled, gradient, random, true, -half, half - 1);
      write(a, w0, off, n, stepped);
      return;
    }
    // the state advances: the value, the step, and the new grid
    double value = n == 0 ? 0 : signExtend(read(a, w0, off, n), n) * pow2(range[s] + 1 - n);
    int grown = width[widths | next];
    if (grown != n) {
      int used = used(w0, q, off, widths);
      if (used + grown - n > capacity) {
        coarsen(w0, q, next, value - eta * gradient, random);
        return;
      }
      shiftUp(a, w0, off + n, valueStart + used, grown - n);
    }
    write(a, w0, off, grown, roundOnGrid(value - eta * gradient, next, grown, random));
    write(a, w0, EXPONENT_BITS + q * counterBits, counterBits, next);
  }

  /**
   * The code of {@code value} on the grid of state {@code s} at width {@code n}: unbiased randomized rounding
   * with the high 32 bits of {@code random}, projected onto the range.
   */
  private long roundOnGrid(double value, int s, int n, long random) {
    double scaled = value * pow2(n - 1 - range[s]);
    long half = 1L << (n - 1);
    return n <= FixedPointFormat.NARROW_BITS
        ? FixedPointFormat.roundRandomizedNarrow(scaled, random >>> 32, (int) -half, (int) (half - 1))
        : FixedPointFormat.roundRandomizedScaled(scaled, random >>> 32, -half, half - 1);
  }

  /**
   * Raises the bucket's exponent until its codes fit with coordinate {@code q} in state {@code next} holding
   * {@code value}; re-expresses the other codes on their coarser grids (unbiased randomized rounding).
   */
  private void coarsen(int w0, int q, int next, double value, long random) {
    int delta = decode(w0, width);
    states[q] = next;
    int target = delta;
    while (target < MAX_DELTA && total(target) > capacity) {
      target++;
    }
    coarsenings++;
    recode(w0, delta, target, random);
    codes[q] = roundOnGrid(value, next, width[(target << counterBits) | next], random);
    encode(w0, target);
  }

  /** Code bits of the scratch bucket's states under exponent {@code delta}. */
  private int total(int delta) {
    int widths = delta << counterBits;
    int sum = 0;
    for (int s : states) {
      sum += width[widths | s];
    }
    return sum;
  }

  /** Reads the bucket at {@code w0}, laid out by {@code table}, into the scratch arrays; returns its exponent. */
  private int decode(int w0, byte[] table) {
    int delta = delta(w0);
    int widths = delta << counterBits;
    int off = valueStart;
    for (int p = 0; p < states.length; p++) {
      int s = state(w0, p);
      int n = table[widths | s];
      states[p] = s;
      codes[p] = n == 0 ? 0 : signExtend(read(words, w0, off, n), n);
      off += n;
    }
    return delta;
  }

  /**
   * Re-expresses the scratch codes from the grids of {@code from} (exponent and {@link #fraction} as they were)
   * onto those of {@code to} with widths {@code toWidths}: exact when finer, randomized rounding when coarser.
   */
  private void recode(int w0, int fromDelta, int toDelta, long random) {
    recode(fromDelta, toDelta, width, random ^ w0);
  }

  private void recode(int fromDelta, int toDelta, byte[] fromWidths, long random) {
    int from = fromDelta << counterBits;
    int to = toDelta << counterBits;
    for (int p = 0; p < states.length; p++) {
      int s = states[p];
      int before = fromWidths[from | s];
      int after = width[to | s];
      if (before == 0 || after == before) {
        continue;
      }
      long code = codes[p];
      if (after > before) {
        codes[p] = code << (after - before);
      } else {
        int d = before - after;
        long u = SplitMix64.mix(random + (p + 1) * SplitMix64.GOLDEN_GAMMA) >>> (64 - d);
        long half = 1L << (after - 1);
        codes[p] = Math.min((code + u) >> d, half - 1);
      }
    }
  }

  /** Writes the scratch bucket at {@code w0} with exponent {@code delta} (unused bits zero). */
  private void encode(int w0, int delta) {
    long[] a = words;
    java.util.Arrays.fill(a, w0, w0 + bucketWords, 0L);
    a[w0] = delta;
    int widths = delta << counterBits;
    int off = valueStart;
    for (int p = 0; p < states.length; p++) {
      int s = states[p];
      if (s != 0) {
        write(a, w0, EXPONENT_BITS + p * counterBits, counterBits, s);
      }
      int n = width[widths | s];
      if (n > 0) {
        write(a, w0, off, n, codes[p]);
        off += n;
      }
    }
  }

  /**
   * Global schedule: the grid of every updated coordinate follows {@code gamma * eta}, one bit finer each time
   * it halves; every bucket is re-expressed (exactly; a full bucket raises its exponent instead, rounding its
   * codes randomly when that makes them coarser).
   */
  private void refine(double globalEta, long random) {
    int f = gridExponent(gamma * globalEta);
    byte[] before = width.clone();
    setGlobalFraction(f);
    fillWidths();
    long buckets = (words.length - 1) / bucketWords;
    for (int k = 0; k < buckets; k++) {
      int w0 = k * bucketWords;
      int delta = decode(w0, before);
      int target = delta;
      while (target < MAX_DELTA && total(target) > capacity) {
        target++;
      }
      if (target != delta) {
        coarsenings++;
      }
      recode(delta, target, before, SplitMix64.mix(random + k));
      encode(w0, target);
    }
  }

  // The same loop in each table class: its call of the class's own step is direct and inlined.
  @Override
  void stepAll(int[] slot, double[] values, int nnz, double err, double globalEta, SplitMix64 random) {
    for (int j = 0; j < nnz; j++) {
      double v = values[j];
      if (v != 0) {
        step(slot[j], err * v, globalEta, random.nextLong());
      }
    }
  }

  @Override
  int size() {
    return size;
  }

  @Override
  long storedCoordinates() {
    return size;
  }

  @Override
  long sizeInBytes() {
    int states = morris.maxState() + 1;
    return OBJECT_BYTES + RecordStore.arrayBytes(words.length, 8) + RecordStore.arrayBytes(rate.length, 8)
        + RecordStore.arrayBytes(states, 1) * 2 + RecordStore.arrayBytes(width.length, 1) + morris.sizeInBytes()
        + RecordStore.arrayBytes(1 << bucketShift, 4) + RecordStore.arrayBytes(1 << bucketShift, 8);
  }

  @Override
  long coordinateBytes() {
    return RecordStore.arrayBytes(words.length, 8);
  }

  @Override
  long saturatedCounters() {
    if (!perCoordinate) {
      return 0;
    }
    int max = morris.maxState();
    long n = 0;
    for (int i = 0; i < size; i++) {
      if (counterField(i) == max) {
        n++;
      }
    }
    return n;
  }

  @Override
  double countEstimate(int i) {
    return perCoordinate ? morris.estimate((int) counterField(i)) : 0;
  }

  @Override
  void forEachNonZeroWeight(WeightVisitor visitor) {
    int b = 1 << bucketShift;
    for (int first = 0; first < size; first += b) {
      int w0 = (first >>> bucketShift) * bucketWords;
      int widths = delta(w0) << counterBits;
      int off = valueStart;
      for (int q = 0; q < b && first + q < size; q++) {
        int s = state(w0, q);
        int n = width[widths | s];
        if (n > 0) {
          long code = signExtend(read(words, w0, off, n), n);
          if (code != 0) {
            visitor.accept(first + q, code * pow2(range[s] + 1 - n));
          }
          off += n;
        }
      }
    }
  }

  /** Buckets whose shared exponent was raised so far (a bucket may count more than once). */
  long coarsenings() {
    return coarsenings;
  }

  /** Buckets whose shared exponent is above 0 now. */
  long coarsenedBuckets() {
    long n = 0;
    for (int w0 = 0; w0 + bucketWords < words.length; w0 += bucketWords) {
      n += delta(w0) > 0 ? 1 : 0;
    }
    return n;
  }
}
