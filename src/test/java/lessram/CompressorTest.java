package lessram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import lessram.compressed.CompressedFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Engine-level compressing: encoder persistence, the feature mapping inside compressed files, predictions. */
class CompressorTest {
  /** x0 numeric, x1 nominal(3), x2 numeric, class nominal(k) at index 3, x4 numeric. */
  static int[] arity(int classes) {
    return new int[] {InstanceEncoder.NUMERIC, 3, InstanceEncoder.NUMERIC, classes, InstanceEncoder.NUMERIC};
  }

  /** The attributes of the training instances: three numeric, one nominal (the class is attribute 3). */
  static final int[] ENTRIES = {0, 1, 2, 4};

  static InstanceEncoder trainedEncoder(ScalingMode scaling, SplitMix64 r) {
    InstanceEncoder e = new InstanceEncoder(arity(2), 3, scaling);
    for (int i = 0; i < 500; i++) {
      e.encode(ENTRIES, new double[] {100 * r.nextDouble(), i % 4 == 3 ? Double.NaN : i % 3, -5 + r.nextDouble(),
          i % 7}, 4, true);
    }
    return e;
  }

  static byte[] persisted(InstanceEncoder e) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    e.writeTo(new DataOutputStream(b));
    return b.toByteArray();
  }

  static InstanceEncoder restore(byte[] bytes) throws IOException {
    return InstanceEncoder.readFrom(new lessram.compressed.CheckedInput(bytes));
  }

  @ParameterizedTest
  @EnumSource(ScalingMode.class)
  void anEncoderRestoredFromItsBytesEncodesIdentically(ScalingMode scaling) throws IOException {
    InstanceEncoder e = trainedEncoder(scaling, new SplitMix64(1));
    InstanceEncoder back = restore(persisted(e));
    assertEquals(e.scaling(), back.scaling());
    assertEquals(e.dimension(), back.dimension());
    assertNull(back.difference(arity(2), 3, false));
    assertArrayEquals(persisted(e), persisted(back));
    SplitMix64 r = new SplitMix64(2);
    for (int i = 0; i < 100; i++) {
      double x0 = 200 * r.nextDouble();
      double x2 = r.nextDouble();
      e.begin();
      back.begin();
      for (InstanceEncoder enc : new InstanceEncoder[] {e, back}) {
        enc.add(0, x0);
        enc.add(1, i % 3);
        enc.add(2, x2);
        enc.add(4, i);
      }
      assertEquals(e.size(), back.size());
      for (int j = 0; j < e.size(); j++) {
        assertEquals(e.ids()[j], back.ids()[j]);
        assertEquals(e.values()[j], back.values()[j], 0.0);
      }
    }
  }

  @Test
  void hostileEncoderBytesFailWithAClearIOException() throws IOException {
    byte[] good = persisted(trainedEncoder(ScalingMode.STANDARDIZE, new SplitMix64(1)));
    // layout: magic 4, version 2, n 4 (offset 6), classIndex 4 (10), classArity 4 (14), scaling 1 (18), hasArity 1 (19)
    assertMessage(patchInt(good, 0, 0x12345678), "bad magic");
    assertMessage(patchShort(good, 4, 3), "version");
    assertMessage(patchShort(good, 4, 0), "version");
    assertMessage(patchInt(good, 6, Integer.MAX_VALUE), "attribute count");
    assertMessage(patchInt(good, 6, -1), "attribute count");
    assertMessage(patchInt(good, 10, 9), "class index");
    assertMessage(patchByte(good, 18, 0), "scaling"); // AUTO is never written
    assertMessage(patchByte(good, 18, 77), "scaling");
    assertMessage(patchByte(good, 19, 5), "arity flag");
    // then the 5 (sum, sumSquares) pairs, the two refresh counts and the cache flag (0: 500 instances
    // are all standardized exactly)
    int flag = good.length - 1;
    int refresh = flag - 16;
    int stats = refresh - 5 * 16;
    assertMessage(patchLong(good, stats, Double.doubleToLongBits(Double.NaN)), "statistics");
    assertMessage(patchLong(good, stats + 8, Double.doubleToLongBits(-1)), "statistics");
    assertMessage(patchLong(good, stats - 24, -5), "negative count");
    assertMessage(patchLong(good, refresh, 501), "refresh");
    assertMessage(patchLong(patchLong(good, refresh, 5), refresh + 8, 3), "refresh");
    assertMessage(patchByte(good, flag, 2), "cached scaling flag");
    // with a cache: the 5 (mean, inverse deviation) pairs follow the flag
    InstanceEncoder longer = trainedEncoder(ScalingMode.STANDARDIZE, new SplitMix64(1));
    for (int i = 0; i < InstanceEncoder.EXACT_STANDARDIZATION_INSTANCES; i++) {
      longer.encode(new int[] {0}, new double[] {i}, 1, true);
    }
    longer.begin();
    byte[] cachedBytes = persisted(longer);
    int cached = cachedBytes.length - 5 * 16;
    assertEquals(1, cachedBytes[cached - 1]);
    assertMessage(patchLong(cachedBytes, cached, Double.doubleToLongBits(Double.POSITIVE_INFINITY)),
        "cached scaling");
    assertMessage(patchLong(cachedBytes, cached + 8, Double.doubleToLongBits(-0.5)), "cached scaling");
    for (int len = 0; len < good.length; len++) {
      byte[] cut = java.util.Arrays.copyOf(good, len);
      assertThrows(EOFException.class, () -> restore(cut), "truncated to " + len);
    }
  }

  static void assertMessage(byte[] bytes, String expected) {
    IOException e = assertThrows(IOException.class, () -> restore(bytes));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  static byte[] patchInt(byte[] b, int at, int v) {
    byte[] c = b.clone();
    ByteBuffer.wrap(c).putInt(at, v);
    return c;
  }

  static byte[] patchShort(byte[] b, int at, int v) {
    byte[] c = b.clone();
    ByteBuffer.wrap(c).putShort(at, (short) v);
    return c;
  }

  static byte[] patchByte(byte[] b, int at, int v) {
    byte[] c = b.clone();
    c[at] = (byte) v;
    return c;
  }

  static byte[] patchLong(byte[] b, int at, long v) {
    byte[] c = b.clone();
    ByteBuffer.wrap(c).putLong(at, v);
    return c;
  }

  static LogisticRegression trainedModel(int classes, FeatureSpace space, InstanceEncoder e, SplitMix64 r) {
    LogisticRegression m = new LogisticRegression(LearnerConfig.builder().numClasses(classes).featureSpace(space)
        .build());
    for (int i = 0; i < 3000; i++) {
      double x0 = 100 * r.nextDouble();
      e.encode(ENTRIES, new double[] {x0, i % 3, r.nextDouble(), i % 7}, 4, true);
      m.learn(e.ids(), e.values(), e.size(), (int) (x0 * classes / 100), 1.0);
    }
    return m;
  }

  @Test
  void compressedPredictorsKeepTheFeatureMappingAndRoundTripExactly() throws IOException {
    for (int classes : new int[] {2, 3}) {
      InstanceEncoder e = new InstanceEncoder(arity(classes), 3, ScalingMode.STANDARDIZE);
      for (FeatureSpace space : new FeatureSpace[] {FeatureSpace.direct(e.dimension()), FeatureSpace.hashed(6),
          FeatureSpace.sparse(e.dimension())}) {
        InstanceEncoder enc = new InstanceEncoder(arity(classes), 3, ScalingMode.STANDARDIZE);
        LogisticRegression m = trainedModel(classes, space, enc, new SplitMix64(3));
        String[] labels = classes == 2 ? new String[] {"no", "yes"} : new String[] {"a", "b", "c"};
        CompressedPredictor p = Compressor.of(m, enc).classLabels(labels).fractionBits(13).seed(5).compress();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        p.writeTo(bytes);
        CompressedPredictor back = CompressedPredictor.read(new ByteArrayInputStream(bytes.toByteArray()));
        assertArrayEquals(labels, back.classLabels());
        assertNull(back.headerDifference(arity(classes), 3, labels));
        assertTrue(back.headerDifference(arity(classes), 3, new String[labels.length]) != null);
        SplitMix64 r = new SplitMix64(4);
        for (int i = 0; i < 200; i++) {
          double x0 = 100 * r.nextDouble();
          double x2 = r.nextDouble();
          enc.begin();
          enc.add(0, x0);
          enc.add(1, i % 3);
          enc.add(2, x2);
          enc.add(4, i % 7);
          double[] expected = m.probabilities(enc.ids(), enc.values(), enc.size());
          CompressedPredictor.Encoding fe = back.newEncoding();
          fe.begin();
          fe.add(0, x0);
          fe.add(1, i % 3);
          fe.add(2, x2);
          fe.add(4, i % 7);
          double[] got = fe.probabilities();
          CompressedPredictor.Encoding fe2 = p.localEncoding();
          fe2.begin();
          fe2.add(0, x0);
          fe2.add(1, i % 3);
          fe2.add(2, x2);
          fe2.add(4, i % 7);
          assertArrayEquals(fe2.probabilities(), got, 0.0, "save/load exact");
          assertArrayEquals(got, p.probabilities(enc.ids(), enc.values(), enc.size()), 0.0);
          assertArrayEquals(expected, got, 2e-3, space + " q2.13 vs the model");
        }
      }
    }
  }

  /**
   * A model trained with adaptive precision compresses like any other: its coefficients lie on the
   * {@code q2.13} grid (the finest adaptive grid is the configuration's {@code q2.m}, coarser grids are
   * sub-grids of it), so the compressed file holds them exactly and predicts what the model predicts. The file
   * format is unchanged, so every reader of it reads this model correctly.
   */
  @Test
  void adaptivePrecisionModelsCompressExactlyOnTheirGrid() throws IOException {
    for (LearningRateSchedule schedule : LearningRateSchedule.values()) {
      InstanceEncoder plain = new InstanceEncoder(arity(2), 3, ScalingMode.STANDARDIZE);
      for (FeatureSpace space : new FeatureSpace[] {FeatureSpace.direct(plain.dimension()), FeatureSpace.hashed(6)}) {
        InstanceEncoder enc = new InstanceEncoder(arity(2), 3, ScalingMode.STANDARDIZE);
        LogisticRegression m = new LogisticRegression(LearnerConfig.builder().featureSpace(space)
            .schedule(schedule).storage(CoefficientStorage.ADAPTIVE).coordinateBits(10).counterBits(4)
            .morrisBase(2).build());
        SplitMix64 r = new SplitMix64(3);
        for (int i = 0; i < 3000; i++) {
          double x0 = 100 * r.nextDouble();
          enc.encode(ENTRIES, new double[] {x0, i % 3, r.nextDouble(), i % 7}, 4, true);
          m.learn(enc.ids(), enc.values(), enc.size(), x0 > 50 ? 1 : 0, 1.0);
        }
        CompressedPredictor p = Compressor.of(m, enc).fractionBits(13).seed(5).compress();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        p.writeTo(bytes);
        CompressedPredictor back = CompressedPredictor.read(new ByteArrayInputStream(bytes.toByteArray()));
        int nonZero = 0;
        for (int slot = 0; slot < m.numSlots(); slot++) {
          double w = m.coefficient(slot, 0);
          assertEquals(w, Math.scalb(Math.rint(Math.scalb(w, 13)), -13), 0.0, "on the q2.13 grid");
          nonZero += w != 0 ? 1 : 0;
        }
        assertTrue(nonZero > 5, schedule + " " + space + " learned");
        for (int i = 0; i < 100; i++) {
          enc.encode(ENTRIES, new double[] {100 * r.nextDouble(), i % 3, r.nextDouble(), i % 7}, 4, false);
          assertArrayEquals(m.probabilities(enc.ids(), enc.values(), enc.size()),
              back.probabilities(enc.ids(), enc.values(), enc.size()), 1e-12, schedule + " " + space);
        }
      }
    }
  }

  @Test
  void mismatchedLabelsOrEncodersAreRefusedWhenCompressing() {
    InstanceEncoder enc = new InstanceEncoder(arity(2), 3, ScalingMode.NONE);
    LogisticRegression m = trainedModel(2, FeatureSpace.direct(enc.dimension()), enc, new SplitMix64(3));
    assertThrows(IllegalArgumentException.class, () -> Compressor.of(m, enc).classLabels("a", "b", "c").compress());
    InstanceEncoder other = new InstanceEncoder(new int[] {0, 0, 2}, 2, ScalingMode.NONE);
    assertThrows(IllegalArgumentException.class, () -> Compressor.of(m, other).compress());
  }

  @Test
  void aCorruptFeatureMappingIsRejected() throws IOException {
    InstanceEncoder enc = new InstanceEncoder(arity(2), 3, ScalingMode.NONE);
    LogisticRegression m = trainedModel(2, FeatureSpace.direct(enc.dimension()), enc, new SplitMix64(3));
    CompressedPredictor p = Compressor.of(m, enc).compress();
    byte[] meta = p.model().featureSpace().metadata();
    meta[meta.length - 30] ^= 0x7F; // inside the encoder
    lessram.compressed.CompressedModel broken = lessram.compressed.CompressedModel.builder(
        lessram.compressed.CoefficientSource.of(1, p.model().numSlots(), new double[p.model().numSlots() + 1]))
        .featureSpace(p.model().featureSpace().withMetadata(meta)).build();
    CompressedFormatException e = assertThrows(CompressedFormatException.class, () -> CompressedPredictor.of(broken));
    assertTrue(e.getMessage().contains("feature mapping") || e.getMessage().contains("class"), e.getMessage());
  }
}
