package lessram.compressed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class CompressedModelTest {

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of("laplace K=1 90% zeros", 1, 5000, SyntheticModels.laplace(1, 5000, 0.9, 0.05, 1), 7),
        Arguments.of("laplace K=5 90% zeros", 5, 3000, SyntheticModels.laplace(5, 3000, 0.9, 0.05, 2), 7),
        Arguments.of("laplace K=5 per-slot zeros", 5, 3000, SyntheticModels.laplacePerSlot(5, 3000, 0.9, 0.3, 3), 5),
        Arguments.of("laplace K=1 q2.3", 1, 20000, SyntheticModels.laplace(1, 20000, 0.8, 0.05, 4), 3),
        Arguments.of("laplace K=1 q2.13", 1, 7000, SyntheticModels.laplace(1, 7000, 0.5, 0.5, 5), 13),
        Arguments.of("dense K=1", 1, 3000, SyntheticModels.laplace(1, 3000, 0.0, 0.2, 6), 9),
        Arguments.of("all zeros K=1", 1, 4000, new double[4001], 7),
        Arguments.of("all zeros K=5", 5, 100, new double[505], 7),
        Arguments.of("extremes K=1", 1, 2000, SyntheticModels.extremes(1, 2000, 7), 7),
        Arguments.of("extremes K=5", 5, 500, SyntheticModels.extremes(5, 500, 8), 1),
        Arguments.of("bias only K=1", 1, 0, new double[] {0.7}, 7),
        Arguments.of("bias only K=5", 5, 0, new double[] {0.1, -0.2, 0, 3.5, -4}, 7),
        Arguments.of("D=1 K=1", 1, 1, new double[] {-1.3, 0.25}, 7),
        Arguments.of("D=1 K=5 zero slot", 5, 1, new double[] {0, 0, 0, 0, 0, 1, 2, 3, -1, -2}, 6),
        Arguments.of("clustered", 1, 70000, clustered(70000), 7));
  }

  /** Dense regions next to empty ones: exercises every position mode. */
  static double[] clustered(int d) {
    double[] beta = new double[d + 1];
    Random rnd = new Random(9);
    for (int s = 0; s <= d; s++) {
      int region = (s / 3000) % 4;
      double p = region == 0 ? 1.0 : region == 1 ? 0.0 : region == 2 ? 0.5 : 0.003;
      if (rnd.nextDouble() < p) {
        beta[s] = rnd.nextGaussian() * 0.3 + (rnd.nextBoolean() ? 0.2 : -0.2);
      }
    }
    return beta;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void randomAccessEqualsTheRoundedVectorAndSurvivesAFile(String name, int k, int d, double[] beta, int m)
      throws IOException {
    long seed = 11;
    CompressedModel model = CompressedModel.builder(CoefficientSource.of(k, d, beta)).fractionBits(m).seed(seed).build();
    CoarseQuantizer q = new CoarseQuantizer(m);
    int[] codes = new int[beta.length];
    for (int c = 0; c < beta.length; c++) {
      codes[c] = q.randomizedCode(beta[c], seed, c);
    }
    checkModel(model, codes, k, d, m);
    CompressedModel back = roundTrip(model);
    checkModel(back, codes, k, d, m);
    assertEquals(model.entropyBitsPerCoefficient(), back.entropyBitsPerCoefficient());
    assertEquals(model.realizedBitsPerCoefficient(), back.realizedBitsPerCoefficient());
    assertEquals(model.sizeInBytes(), back.sizeInBytes());
    assertEquals(model.serializedSizeInBytes(), back.serializedSizeInBytes());
    // predictions identical after the round trip
    Random rnd = new Random(3);
    for (int e = 0; e < 200; e++) {
      int nnz = rnd.nextInt(20);
      int[] slots = new int[nnz];
      double[] values = new double[nnz];
      for (int j = 0; j < nnz; j++) {
        slots[j] = rnd.nextInt(d + 3) - 1; // includes out-of-range slots (-1, D, D+1)
        values[j] = rnd.nextInt(4) == 0 ? 1.0 : rnd.nextGaussian();
      }
      assertArrayEquals(model.probabilities(slots, values, nnz), back.probabilities(slots, values, nnz));
      double[] expected = referenceScores(codes, k, d, q.resolution(), slots, values, nnz);
      double[] scores = new double[k];
      model.predictScores(slots, values, nnz, scores);
      for (int o = 0; o < k; o++) {
        assertEquals(expected[o], scores[o], 1e-9 * (1 + Math.abs(expected[o])));
        assertEquals(scores[o], model.dot(slots, values, nnz, o), 1e-9 * (1 + Math.abs(scores[o])));
      }
      double[] p = model.probabilities(slots, values, nnz);
      assertEquals(model.numClasses(), p.length);
      double sum = 0;
      for (double v : p) {
        assertTrue(v >= 0 && v <= 1);
        sum += v;
      }
      assertEquals(1.0, sum, 1e-12);
    }
  }

  static void checkModel(CompressedModel model, int[] codes, int k, int d, int m) {
    assertEquals(k, model.numOutputs());
    assertEquals(d, model.numSlots());
    assertEquals(m, model.fractionBits());
    assertEquals(codes.length, model.numCoordinates());
    double eps = Math.scalb(1.0, -m);
    long nz = 0;
    for (int c = 0; c < codes.length; c++) {
      assertEquals(codes[c], model.code(c), "coordinate " + c);
      assertEquals(codes[c] * eps, model.coefficient(c));
      assertEquals(codes[c] * eps, model.coefficient(c / k, c % k));
      if (codes[c] != 0) {
        nz++;
      }
    }
    assertEquals(nz, model.nonZeroCoefficients());
    double[] bias = model.bias();
    for (int o = 0; o < k; o++) {
      assertEquals(codes[d * k + o] * eps, bias[o]);
    }
    assertEquals(entropy(codes), model.entropyBitsPerCoefficient(), 1e-9);
    assertThrows(IndexOutOfBoundsException.class, () -> model.coefficient(codes.length));
    assertThrows(IndexOutOfBoundsException.class, () -> model.coefficient(-1));
  }

  static double entropy(int[] codes) {
    java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
    for (int c : codes) {
      counts.merge(c, 1, Integer::sum);
    }
    double h = 0;
    for (int n : counts.values()) {
      double p = (double) n / codes.length;
      h -= p * Math.log(p) / Math.log(2);
    }
    return h;
  }

  static double[] referenceScores(int[] codes, int k, int d, double eps, int[] slots, double[] values, int nnz) {
    double[] s = new double[k];
    for (int o = 0; o < k; o++) {
      s[o] = codes[d * k + o] * eps;
    }
    for (int j = 0; j < nnz; j++) {
      if (slots[j] >= 0 && slots[j] < d) {
        for (int o = 0; o < k; o++) {
          s[o] += codes[slots[j] * k + o] * eps * values[j];
        }
      }
    }
    return s;
  }

  static CompressedModel roundTrip(CompressedModel model) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    model.writeTo(out);
    byte[] bytes = out.toByteArray();
    assertEquals(model.serializedSizeInBytes(), bytes.length);
    ByteArrayInputStream in = new ByteArrayInputStream(bytes);
    CompressedModel back = CompressedModel.read(in);
    assertEquals(-1, in.read(), "the reader consumes exactly the model's bytes");
    return back;
  }

  @Test
  void sameSeedGivesIdenticalFiles() throws IOException {
    double[] beta = SyntheticModels.laplace(3, 2000, 0.7, 0.1, 5);
    byte[] a = bytes(CompressedModel.builder(CoefficientSource.of(3, 2000, beta)).seed(9).fractionBits(6).build());
    byte[] b = bytes(CompressedModel.builder(CoefficientSource.of(3, 2000, beta)).seed(9).fractionBits(6).build());
    byte[] c = bytes(CompressedModel.builder(CoefficientSource.of(3, 2000, beta)).seed(10).fractionBits(6).build());
    assertArrayEquals(a, b);
    assertTrue(!java.util.Arrays.equals(a, c));
  }

  static byte[] bytes(CompressedModel m) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    return out.toByteArray();
  }

  @Test
  void blockSizeDoesNotChangeTheCoefficients() throws IOException {
    double[] beta = SyntheticModels.laplace(2, 30000, 0.85, 0.05, 12);
    CompressedModel ref = CompressedModel.builder(CoefficientSource.of(2, 30000, beta)).seed(1).build();
    for (int target : new int[] {64, 200, 4096, 1 << 20}) {
      for (PositionLayout layout : PositionLayout.values()) {
        CompressedModel m = roundTrip(CompressedModel.builder(CoefficientSource.of(2, 30000, beta)).seed(1)
            .targetBlockBits(target).positionLayout(layout).build());
        for (int c = 0; c < beta.length; c++) {
          assertEquals(ref.code(c), m.code(c));
        }
      }
    }
  }

  @Tag("slow")
  @Test
  void everyLayoutGivesTheSameCodesAndPredictions() throws IOException {
    double[][] betas = {SyntheticModels.laplace(1, 20000, 0.8, 0.05, 21), SyntheticModels.laplace(1, 20000, 0.3, 0.5, 22),
        SyntheticModels.laplacePerSlot(3, 5000, 0.7, 0.2, 23), SyntheticModels.extremes(2, 3000, 24)};
    int[] ks = {1, 1, 3, 2};
    for (int i = 0; i < betas.length; i++) {
      int k = ks[i];
      int d = betas[i].length / k - 1;
      for (int m : new int[] {3, 7, 13}) {
        CompressedModel ref = CompressedModel.builder(CoefficientSource.of(k, d, betas[i])).fractionBits(m).seed(5)
            .positionLayout(PositionLayout.COMPACT).build();
        for (PositionLayout layout : PositionLayout.values()) {
          CompressedModel fm = roundTrip(CompressedModel.builder(CoefficientSource.of(k, d, betas[i])).fractionBits(m)
              .seed(5).positionLayout(layout).build());
          for (int c = 0; c < betas[i].length; c++) {
            int at = c;
            assertEquals(ref.code(c), fm.code(c), () -> layout + " q2." + m + " coordinate " + at);
          }
          java.util.Random rnd = new java.util.Random(i * 31 + m);
          int[] slots = new int[20];
          double[] values = new double[20];
          double[] a = new double[k];
          double[] b = new double[k];
          for (int e = 0; e < 200; e++) {
            for (int j = 0; j < 20; j++) {
              slots[j] = rnd.nextInt(d + 2) - 1;
              values[j] = rnd.nextInt(4) == 0 ? 0 : rnd.nextGaussian();
            }
            ref.predictScores(slots, values, 20, a);
            fm.predictScores(slots, values, 20, b);
            for (int o = 0; o < k; o++) {
              int example = e;
              assertEquals(a[o], b[o], 1e-9 * (1 + Math.abs(a[o])), () -> layout + " example " + example);
            }
          }
        }
      }
    }
  }

  @Test
  void rankedLayoutIsVersion3RoundTripsByteIdenticalAndChoosesItsGroups() throws IOException {
    // dense: one bit per slot; sparse: groups of slots with masks; 2 outputs with escapes
    Object[][] cases = {{1, 20000, 0.4, 0.05, 0}, {1, 50000, 0.97, 0.05, 1}, {2, 8000, 0.3, 0.4, 0}};
    for (Object[] c : cases) {
      int k = (int) c[0];
      int d = (int) c[1];
      double[] beta = SyntheticModels.laplace(k, d, (double) c[2], (double) c[3], 31);
      CompressedModel fm = CompressedModel.builder(CoefficientSource.of(k, d, beta)).fractionBits(9).seed(3).build();
      assertEquals(PositionLayout.RANKED, PositionLayout.valueOf("RANKED"));
      assertTrue(fm.coefficients instanceof RankedStore, "RANKED is the default layout");
      if ((int) c[4] == 0) {
        assertEquals(0, CorruptFileTest.ranked(fm).groupShift);
      } else {
        assertTrue(CorruptFileTest.ranked(fm).groupShift > 0);
      }
      byte[] a = bytes(fm);
      assertEquals(3, a[8]);
      CompressedModel back = roundTrip(fm);
      assertArrayEquals(a, bytes(back));
      assertArrayEquals(a, bytes(CompressedModel.builder(CoefficientSource.of(k, d, beta)).fractionBits(9).seed(3)
          .build()), "same seed, same bytes");
      CompressedModel compact = CompressedModel.builder(CoefficientSource.of(k, d, beta)).fractionBits(9).seed(3)
          .positionLayout(PositionLayout.COMPACT).build();
      for (int i = 0; i < beta.length; i++) {
        assertEquals(compact.code(i), back.code(i));
      }
      assertEquals(compact.entropyBitsPerCoefficient(), back.entropyBitsPerCoefficient(), 1e-12);
      assertEquals(compact.nonZeroCoefficients(), back.nonZeroCoefficients());
      assertArrayEquals(compact.bias(), back.bias(), 0.0);
      assertTrue(back.sizeReport().contains("ranked"));
    }
    CompressedModel escaped = CorruptFileTest.smallRanked();
    RankedStore escapedStore = CorruptFileTest.ranked(escaped);
    assertTrue(escapedStore.escapes > 0 && escapedStore.escapes <= escapedStore.count * 2 / 256 + 1);
  }

  /**
   * The ranked binary scoring loops (one bit per slot with 8-bit or narrower fields, groups with masks;
   * escapes flagged and the example scored again) and the general one give exactly the in-order sum of
   * coefficient times value, on features that hit escaped fields, absent slots, slots outside the model and
   * non-finite values.
   */
  @Test
  void rankedBinaryScoresAreTheInOrderSumOfCoefficientTimesValue() {
    // 200 frequent codes and 60 rare ones (one slot each): 8-bit fields, the rare codes escaped
    int n = 30000;
    double[] beta = new double[n + 1];
    Random gen = new Random(41);
    for (int x = 0; x <= n; x++) {
      beta[x] = gen.nextInt(10) < 3 ? 0 : Math.scalb(gen.nextInt(200) - 100, -7);
    }
    for (int i = 0; i < 60; i++) {
      beta[gen.nextInt(n)] = Math.scalb(300 + i, -7) * (i % 2 == 0 ? 1 : -1);
    }
    CompressedModel dense = CompressedModel.builder(CoefficientSource.of(1, n, beta)).fractionBits(7).seed(4).build();
    RankedStore denseStore = CorruptFileTest.ranked(dense);
    assertTrue(denseStore.groupShift == 0 && denseStore.width == 8 && denseStore.escapes > 0, denseStore.toString());
    CompressedModel sparse = CompressedModel.builder(CoefficientSource.of(1, 60000,
        SyntheticModels.laplace(1, 60000, 0.95, 0.3, 42))).fractionBits(9).seed(4).build();
    assertTrue(CorruptFileTest.ranked(sparse).groupShift > 0);
    // fields narrower than a byte, with escapes: one bit per slot, and groups with masks
    double[] narrow = new double[n + 1];
    double[] sparseNarrow = new double[4 * n + 1];
    for (int x = 0; x <= n; x++) {
      narrow[x] = gen.nextInt(10) < 3 ? 0 : Math.scalb(gen.nextInt(100) - 50, -7);
    }
    for (int x = 0; x <= 4 * n; x++) {
      sparseNarrow[x] = gen.nextInt(10) < 9 ? 0 : Math.scalb(gen.nextInt(40) - 20, -7);
    }
    for (int i = 0; i < 40; i++) {
      narrow[gen.nextInt(n)] = Math.scalb(300 + i, -7) * (i % 2 == 0 ? 1 : -1);
      sparseNarrow[gen.nextInt(4 * n)] = Math.scalb(300 + i, -7) * (i % 2 == 0 ? 1 : -1);
    }
    CompressedModel dense7 = CompressedModel.builder(CoefficientSource.of(1, n, narrow)).fractionBits(7).seed(4).build();
    RankedStore dense7Store = CorruptFileTest.ranked(dense7);
    assertTrue(dense7Store.groupShift == 0 && dense7Store.width < 8 && dense7Store.escapes > 0, dense7Store.toString());
    CompressedModel grouped = CompressedModel.builder(CoefficientSource.of(1, 4 * n, sparseNarrow)).fractionBits(7)
        .seed(4).build();
    RankedStore groupedStore = CorruptFileTest.ranked(grouped);
    assertTrue(groupedStore.groupShift > 0 && groupedStore.escapes > 0, groupedStore.toString());
    for (CompressedModel fm : new CompressedModel[] {dense, sparse, dense7, grouped}) {
      RankedStore rs = CorruptFileTest.ranked(fm);
      int d = fm.numSlots();
      java.util.List<Integer> special = new java.util.ArrayList<>(); // escaped slots and the absent slot before
      for (int x = 0; x < d; x++) {
        long r = rs.rank(x);
        if (r >= 0 && rs.field(r) == (1L << rs.width) - 1) {
          special.add(x);
          if (x > 0 && rs.rank(x - 1) < 0) {
            special.add(x - 1);
          }
        }
      }
      assertTrue(fm == sparse || !special.isEmpty());
      Random rnd = new Random(43);
      int[] slots = new int[20];
      double[] values = new double[20];
      double[] out = new double[1];
      for (int e = 0; e < 3000; e++) {
        int nnz = 1 + rnd.nextInt(20);
        for (int j = 0; j < nnz; j++) {
          slots[j] = !special.isEmpty() && rnd.nextInt(8) == 0 ? special.get(rnd.nextInt(special.size()))
              : rnd.nextInt(d + 3) - 1;
          int kind = rnd.nextInt(20);
          values[j] = kind == 0 ? 0 : kind == 1 ? Double.NaN : kind == 2 ? Double.NEGATIVE_INFINITY
              : rnd.nextGaussian() * 3;
        }
        double expected = fm.bias()[0];
        for (int j = 0; j < nnz; j++) {
          double x = values[j];
          if (slots[j] >= 0 && slots[j] < d && x != 0 && !Double.isNaN(x) && !Double.isInfinite(x)) {
            expected += fm.coefficient(slots[j], 0) * x;
          }
        }
        fm.predictScores(slots, values, nnz, out);
        assertEquals(expected, out[0], 0.0, "example " + e);
        assertEquals(expected, rs.dotByTerms(slots, values, nnz, d, fm.bias()[0], fm.resolution()), 0.0, "example " + e);
      }
    }
  }

  @Test
  void directLayoutEscapesRareLargeValues() {
    double[] beta = SyntheticModels.laplace(1, 20000, 0.5, 0.05, 25);
    CompressedModel fm = CompressedModel.builder(CoefficientSource.of(1, 20000, beta)).fractionBits(9).seed(5)
        .positionLayout(PositionLayout.DIRECT).build();
    BlockStore store = (BlockStore) fm.coefficients;
    assertEquals(BlockLayout.FIXED, store.family);
    int w = BlockLayout.fieldWidth(store.param);
    int lim = (1 << w) - 1;
    int escaped = 0;
    for (int c = 0; c < beta.length; c++) {
      int code = fm.code(c);
      int symbol = code >= 0 ? 2 * code : -2 * code - 1;
      if (store.codeOfSymbol == null && symbol - store.zigzagShift >= lim) {
        escaped++;
      }
    }
    assertTrue(escaped > 0, "no escapes exercised (w = " + w + ")");
  }

  @Test
  void fastLayoutCostsAFewBitsAndChangesNoPrediction() throws IOException {
    double[] beta = SyntheticModels.laplace(1, 50000, 0.85, 0.05, 13);
    CompressedModel compact = CompressedModel.builder(CoefficientSource.of(1, 50000, beta)).seed(2)
        .positionLayout(PositionLayout.COMPACT).build();
    CompressedModel fast = roundTrip(CompressedModel.builder(CoefficientSource.of(1, 50000, beta)).seed(2)
        .positionLayout(PositionLayout.FAST).build());
    assertTrue(fast.realizedBitsPerCoefficient() > compact.realizedBitsPerCoefficient());
    assertTrue(fast.realizedBitsPerCoefficient() < 1.3 * compact.realizedBitsPerCoefficient());
    Random rnd = new Random(5);
    for (int e = 0; e < 500; e++) {
      int[] slots = {rnd.nextInt(50000), rnd.nextInt(50000), rnd.nextInt(50000)};
      double[] values = {1, 0.5, -2};
      assertArrayEquals(compact.probabilities(slots, values, 3), fast.probabilities(slots, values, 3));
    }
  }

  @Test
  void sparseFeatureIdsMapToSlots() throws IOException {
    Random rnd = new Random(4);
    int d = 3000;
    int[] ids = new int[d];
    int id = 0;
    for (int i = 0; i < d; i++) {
      id += 1 + (i % 100 == 0 ? 1_000_000 : rnd.nextInt(i % 2 == 0 ? 3 : 300));
      ids[i] = id;
    }
    ids[d - 1] = Integer.MAX_VALUE; // the largest id is allowed
    double[] beta = SyntheticModels.laplace(1, d, 0.5, 0.3, 4);
    CompressedModel model = CompressedModel.builder(CoefficientSource.of(1, d, beta))
        .featureSpace(FeatureSpaceDescriptor.sparse().withMetadata("relation x"))
        .sparseFeatureIds(ids).seed(2).build();
    CompressedModel fast = CompressedModel.builder(CoefficientSource.of(1, d, beta))
        .featureSpace(FeatureSpaceDescriptor.sparse().withMetadata("relation x"))
        .sparseFeatureIds(ids).seed(2).positionLayout(PositionLayout.FAST).build();
    for (CompressedModel m : new CompressedModel[] {model, roundTrip(model), roundTrip(fast)}) {
      assertArrayEquals(ids, m.featureIds());
      assertEquals("relation x", m.featureSpace().metadataAsString());
      java.util.Map<Integer, Integer> slotOf = new java.util.HashMap<>();
      for (int i = 0; i < d; i++) {
        slotOf.put(ids[i], i);
        assertEquals(i, m.slotOf(ids[i]));
      }
      for (int t = 0; t < 20000; t++) {
        int probe = t < 10000 ? rnd.nextInt(ids[d - 2] + 10) : rnd.nextInt(Integer.MAX_VALUE);
        assertEquals(slotOf.getOrDefault(probe, -1).intValue(), m.slotOf(probe));
      }
      assertEquals(-1, m.slotOf(-5));
      // by-id prediction equals by-slot prediction
      int[] someIds = {ids[0], ids[5], 12345678, ids[d - 1], -3};
      int[] slots = {0, 5, -1, d - 1, -1};
      double[] values = {1, 2, 3, 0.5, 1};
      double[] byId = new double[2];
      m.probabilitiesForFeatureIds(someIds, values, 5, byId);
      assertArrayEquals(m.probabilities(slots, values, 5), byId);
    }
  }

  @Test
  void sparseSpaceWithNoFeatures() throws IOException {
    CompressedModel m = CompressedModel.builder(CoefficientSource.of(2, 0, new double[] {0.5, -0.5}))
        .featureSpace(FeatureSpaceDescriptor.sparse()).sparseFeatureIds(new int[0]).build();
    CompressedModel back = roundTrip(m);
    assertEquals(-1, back.slotOf(0));
    assertEquals(0, back.featureIds().length);
    assertEquals(0.5, back.coefficient(0));
  }

  @Test
  void readsFromStreamsThatDeliverLittleAtATime() throws IOException {
    CompressedModel m = CompressedModel.builder(CoefficientSource.of(2, 500, SyntheticModels.laplace(2, 500, 0.5, 0.2, 8)))
        .build();
    byte[] b = bytes(m);
    java.io.InputStream trickle = new java.io.InputStream() {
      int pos;
      int calls;

      @Override
      public int read() {
        return pos < b.length ? b[pos++] & 0xFF : -1;
      }

      @Override
      public int read(byte[] buf, int off, int len) {
        if (len == 0 || ++calls % 2 == 0) {
          return 0; // not allowed for len > 0, but some streams do it
        }
        if (pos >= b.length) {
          return -1;
        }
        buf[off] = b[pos++];
        return 1;
      }
    };
    CompressedModel back = CompressedModel.read(trickle);
    assertEquals(-1, trickle.read());
    for (int c = 0; c < m.numCoordinates(); c++) {
      assertEquals(m.code(c), back.code(c));
    }
  }

  @Test
  void directSpaceMapsIdsToThemselves() {
    CompressedModel m = CompressedModel.builder(CoefficientSource.of(1, 10, new double[11])).build();
    assertEquals(3, m.slotOf(3));
    assertEquals(-1, m.slotOf(10));
    assertEquals(-1, m.slotOf(-1));
    CompressedModel h = CompressedModel.builder(CoefficientSource.of(1, 8, new double[9]))
        .featureSpace(FeatureSpaceDescriptor.hashed(3, 77)).build();
    assertThrows(UnsupportedOperationException.class, () -> h.slotOf(1));
    assertArrayEquals(new long[] {3, 77}, h.featureSpace().parameters());
  }

  @Test
  void builderRejectsBadInput() {
    assertThrows(IllegalArgumentException.class,
        () -> CompressedModel.builder(CoefficientSource.of(1, 1, new double[] {Double.NaN, 0})).build());
    assertThrows(IllegalArgumentException.class, () -> CompressedModel.builder(CoefficientSource.of(1, 2, new double[3]))
        .featureSpace(FeatureSpaceDescriptor.sparse()).sparseFeatureIds(new int[] {3, 3}).build());
    assertThrows(IllegalArgumentException.class, () -> CompressedModel.builder(CoefficientSource.of(1, 2, new double[3]))
        .featureSpace(FeatureSpaceDescriptor.sparse()).sparseFeatureIds(new int[] {1}).build());
    assertThrows(IllegalArgumentException.class, () -> CompressedModel.builder(CoefficientSource.of(1, 2, new double[3]))
        .featureSpace(FeatureSpaceDescriptor.sparse()).build());
    assertThrows(IllegalArgumentException.class, () -> CompressedModel.builder(CoefficientSource.of(1, 2, new double[3]))
        .sparseFeatureIds(new int[] {1, 2}).build());
    assertThrows(IllegalArgumentException.class, () -> CompressedModel.builder(CoefficientSource.of(1, 2, new double[3]))
        .fractionBits(0));
    assertThrows(IllegalArgumentException.class, () -> FeatureSpaceDescriptor.of(
        FeatureSpaceDescriptor.Kind.DIRECT, new long[17], null));
    assertThrows(IllegalArgumentException.class, () -> FeatureSpaceDescriptor.direct()
        .withMetadata(new byte[FeatureSpaceDescriptor.MAX_METADATA_BYTES + 1]));
  }

  @Test
  void nonFiniteValuesAndOutOfRangeSlotsContributeNothing() {
    double[] beta = {1, 2, 3, 0.5};
    CompressedModel m = CompressedModel.builder(CoefficientSource.of(1, 3, beta)).fractionBits(9).build();
    double[] s = new double[1];
    m.predictScores(new int[] {0, 1, 2, 3, -1}, new double[] {Double.NaN, Double.POSITIVE_INFINITY, 1, 1, 1}, 5, s);
    assertEquals(3 + 0.5, s[0], 1e-12);
    assertArrayEquals(new double[] {1 - Logistic.sigmoid(3.5), Logistic.sigmoid(3.5)},
        m.probabilities(new int[] {2}, new double[] {1}, 1));
  }

  @Test
  void sizeReportMentionsTheEssentials() {
    CompressedModel m = CompressedModel.builder(CoefficientSource.of(1, 1000, SyntheticModels.laplace(1, 1000, 0.8, 0.05, 1)))
        .build();
    String r = m.sizeReport();
    assertTrue(r.contains("entropy") && r.contains("realized") && r.contains("bits/coefficient"), r);
    assertTrue(m.sizeInBytes() > m.coefficientSectionBytes() / 2);
  }
}
