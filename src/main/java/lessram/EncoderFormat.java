package lessram;

import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import lessram.compressed.CheckedInput;
import lessram.compressed.CompressedFormatException;
import lessram.compressed.Preamble;

/**
 * The persisted form of an {@link InstanceEncoder} (inside a compressed file's feature mapping; no Java
 * serialization), big-endian as {@link DataOutput} writes:
 * <pre>
 *   preamble     "LREN", u16 version (2; 1 is read and converted)
 *   i32          attributes n, 0..2^26
 *   i32          class index, -1..n-1
 *   i32          class arity (-1 without a class)
 *   u8           scaling: 1 none, 2 max-abs, 3 standardize (ScalingMode ordinals; never 0, auto)
 *   u8           1 if an arity table follows (some attribute other than the class is not numeric)
 *   n x i32      the arity table: 0 numeric, -1 ignored, else the number of nominal labels
 *   3 x i64      training instances, missing values, unseen nominal values
 *   n x 2 f64    standardize: sum and sum of squares per attribute
 *   n x f64      max-abs: the largest |x| per attribute
 *   (version 2, standardize) i64 training count at the last refresh, i64 count of the next refresh,
 *                u8 1 if a cache follows, then n x 2 f64: mean and inverse deviation per attribute
 * </pre>
 * Version 1 has no cache part: it always standardized exactly. Reading converts it to a cache that
 * never refreshes ({@link ScalingStatistics#neverRefresh()}), which standardizes the same way; such an
 * encoder is written back as version 2.
 *
 * <p>Every length is checked against the bytes that remain before anything is allocated for it, so a
 * short input that declares many attributes costs nothing.
 */
final class EncoderFormat {
  /** Largest attribute count read. */
  static final int MAX_ATTRIBUTES = 1 << 26;
  /** The version that always standardized exactly (no cache part). */
  static final int VERSION_EXACT_ONLY = 1;
  /** The current version: version 1 plus the standardization cache. */
  static final int VERSION = 2;
  static final Preamble PREAMBLE = Preamble.of("instance encoder", "LREN".getBytes(StandardCharsets.US_ASCII),
      ByteOrder.BIG_ENDIAN, VERSION_EXACT_ONLY, VERSION, Preamble.NO_FLAGS);

  private EncoderFormat() {}

  /** Writes {@code e} in the current version. */
  static void write(InstanceEncoder e, DataOutput out) throws IOException {
    HeaderLayout layout = e.layout();
    ScalingStatistics s = e.statistics();
    int n = layout.numAttributes();
    PREAMBLE.write(out::writeByte, VERSION, 0);
    out.writeInt(n);
    out.writeInt(layout.classIndex());
    out.writeInt(layout.classArity());
    out.writeByte(s.mode.ordinal());
    out.writeBoolean(layout.hasArityTable());
    if (layout.hasArityTable()) {
      for (int a = 0; a < n; a++) {
        out.writeInt(layout.kind(a));
      }
    }
    out.writeLong(s.observed);
    out.writeLong(e.missingValues());
    out.writeLong(e.unseenNominalValues());
    if (s.sum != null) {
      for (int a = 0; a < n; a++) {
        out.writeDouble(s.sum[a]);
        out.writeDouble(s.sumSquares[a]);
      }
    }
    if (s.maxAbs != null) {
      for (int a = 0; a < n; a++) {
        out.writeDouble(s.maxAbs[a]);
      }
    }
    if (s.sum != null) {
      out.writeLong(s.refreshedAt);
      out.writeLong(s.nextRefresh);
      out.writeBoolean(s.center != null);
      if (s.center != null) {
        for (int a = 0; a < n; a++) {
          out.writeDouble(s.center[a]);
          out.writeDouble(s.inverseDeviation[a]);
        }
      }
    }
  }

  /** Reads an encoder of either version, validating everything (see {@link InstanceEncoder#readFrom}). */
  static InstanceEncoder read(CheckedInput in) throws IOException {
    int version = PREAMBLE.read(in).version();
    int n = in.i32("instance encoder attribute count");
    if (n < 0 || n > MAX_ATTRIBUTES) {
      throw invalid("attribute count " + n + " outside 0.." + MAX_ATTRIBUTES);
    }
    int classIndex = in.i32("instance encoder class index");
    if (classIndex < -1 || classIndex >= Math.max(n, 1) || (n == 0 && classIndex != -1)) {
      throw invalid("class index " + classIndex + " outside -1.." + (n - 1));
    }
    int classArity = in.i32("instance encoder class arity");
    if (classArity < InstanceEncoder.IGNORED || (classIndex == -1 && classArity != InstanceEncoder.IGNORED)) {
      throw invalid("class arity " + classArity + (classIndex == -1 ? " without a class" : ""));
    }
    int scalingCode = in.u8("instance encoder scaling");
    if (scalingCode >= ScalingMode.values().length || ScalingMode.values()[scalingCode] == ScalingMode.AUTO) {
      throw invalid("invalid scaling code " + scalingCode);
    }
    ScalingMode mode = ScalingMode.values()[scalingCode];
    boolean arityTable = in.bool("instance encoder: arity flag");
    // the bytes every attribute needs, checked before anything is allocated for them
    int perAttribute = (arityTable ? 4 : 0)
        + (mode == ScalingMode.STANDARDIZE ? 16 : mode == ScalingMode.MAX_ABS ? 8 : 0);
    int fixed = 24 + (mode == ScalingMode.STANDARDIZE && version >= VERSION ? 17 : 0);
    in.require(fixed + (long) perAttribute * n, "an instance encoder of " + n + " attributes (arity table "
        + (arityTable ? "present" : "absent") + ", scaling " + mode.label() + ")");
    HeaderLayout layout = readLayout(in, n, classIndex, classArity, arityTable);
    ScalingStatistics s = new ScalingStatistics(mode, n);
    s.observed = readCount(in, "training instances");
    long missing = readCount(in, "missing values");
    long unseen = readCount(in, "unseen nominal values");
    if (s.sum != null) {
      for (int a = 0; a < n; a++) {
        double s1 = in.f64("instance encoder sums");
        double s2 = in.f64("instance encoder sums of squares");
        if (!Double.isFinite(s1) || !Double.isFinite(s2) || s2 < 0) {
          throw invalid("invalid statistics for attribute " + a + " (sum " + s1 + ", sum of squares " + s2 + ")");
        }
        s.sum[a] = s1;
        s.sumSquares[a] = s2;
      }
    }
    if (s.maxAbs != null) {
      for (int a = 0; a < n; a++) {
        double m = in.f64("instance encoder max |x|");
        if (!Double.isFinite(m) || m < 0) {
          throw invalid("invalid max |x| " + m + " for attribute " + a);
        }
        s.maxAbs[a] = m;
      }
    }
    if (s.sum != null) {
      if (version == VERSION_EXACT_ONLY) {
        s.neverRefresh();
      } else {
        readCache(in, s, n);
      }
    }
    return new InstanceEncoder(layout, s, missing, unseen);
  }

  private static HeaderLayout readLayout(CheckedInput in, int n, int classIndex, int classArity, boolean arityTable)
      throws IOException {
    if (!arityTable) {
      return HeaderLayout.allNumeric(n, classIndex, classArity);
    }
    int[] arity = new int[in.count(n, 4, "attribute arities")];
    for (int a = 0; a < n; a++) {
      int v = in.i32("instance encoder arity table");
      if (v < InstanceEncoder.IGNORED) {
        throw invalid("attribute " + a + " has arity " + v);
      }
      arity[a] = v;
    }
    if (classIndex >= 0 && arity[classIndex] != classArity) {
      throw invalid("class arity " + classArity + " differs from the attribute's " + arity[classIndex]);
    }
    HeaderLayout layout;
    try {
      layout = HeaderLayout.of(arity, classIndex);
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
    if (!layout.hasArityTable()) {
      throw invalid("arity table present but every attribute other than the class is numeric");
    }
    return layout;
  }

  private static void readCache(CheckedInput in, ScalingStatistics s, int n) throws IOException {
    long at = readCount(in, "instances at the last scaling refresh");
    long next = readCount(in, "instances at the next scaling refresh");
    // next == at: refresh at the next instance
    if (at > s.observed || next < at) {
      throw invalid("invalid scaling refresh counts " + at + " and " + next + " for " + s.observed
          + " training instances");
    }
    double[] c = null;
    double[] inv = null;
    if (in.bool("instance encoder: cached scaling flag")) {
      c = new double[in.count(n, 16, "cached means and inverse deviations")];
      inv = new double[n];
      for (int a = 0; a < n; a++) {
        double mean = in.f64("instance encoder cached means");
        double inverse = in.f64("instance encoder cached inverse deviations");
        if (!Double.isFinite(mean) || !Double.isFinite(inverse) || inverse < 0) {
          throw invalid("invalid cached scaling for attribute " + a + " (mean " + mean + ", inverse deviation "
              + inverse + ")");
        }
        c[a] = mean;
        inv[a] = inverse;
      }
    }
    s.setCache(c, inv);
    s.refreshedAt = at;
    s.nextRefresh = next;
  }

  private static long readCount(CheckedInput in, String what) throws IOException {
    long v = in.i64("instance encoder count of " + what);
    if (v < 0) {
      throw invalid("negative count of " + what + ": " + v);
    }
    return v;
  }

  private static CompressedFormatException invalid(String message) {
    return new CompressedFormatException("instance encoder: " + message);
  }
}
