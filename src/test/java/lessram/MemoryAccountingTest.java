package lessram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.GraphLayout;
import org.openjdk.jol.vm.VM;

/**
 * {@code sizeInBytes()} is computed from the real arrays; this test measures the same objects with JOL
 * (the heap layout of this JVM) and requires exact agreement for each layout, and prints bytes per
 * coordinate. JOL counts the whole object graph, including the enum constants a configuration refers
 * to, which are shared by all models and left out of {@code sizeInBytes()} (a few hundred bytes): they
 * are subtracted from JOL's figure.
 */
class MemoryAccountingTest {

  private static long jol(Object o) {
    return GraphLayout.parseInstance(o).totalSize();
  }

  private static LogisticRegression model(LearnerConfig.Builder b) {
    return new LogisticRegression(b.build());
  }

  /** JOL's size of a configuration's shared enum constants (with their names and labels). */
  private static long sharedEnums(LearnerConfig c) {
    return jol(c.storage()) + jol(c.schedule()) + jol(c.counterType()) + jol(c.featureSpace().kind());
  }

  private static void check(String name, LogisticRegression m) {
    long measured = jol(m);
    long accounted = m.sizeInBytes();
    double perCoordinate = (double) measured / m.storedCoordinates();
    System.out.printf("[memory] %-40s JOL %,12d B, sizeInBytes %,12d B (diff %+d B), %,d stored coordinates, "
        + "%.4f bytes/coordinate (JOL), %d payload bits%n", name, measured, accounted, accounted - measured,
        m.storedCoordinates(), perCoordinate, m.bitsPerCoordinate());
    assertEquals(measured - sharedEnums(m.config()), accounted, name);
    // the part that grows with the coordinates is the table's coordinate storage
    assertTrue(m.coordinateBytes() > 0 && m.coordinateBytes() < accounted, name);
  }

  /** The object sizes the accounting assumes are the ones this JVM lays out. */
  @Test
  void objectSizesMatchThisJvm() {
    System.out.println("[memory] " + VM.current().details().replace('\n', ' '));
    assertEquals(LogisticRegression.OBJECT_BYTES, ClassLayout.parseClass(LogisticRegression.class).instanceSize());
    assertEquals(GenericTable.OBJECT_BYTES, ClassLayout.parseClass(GenericTable.class).instanceSize());
    assertEquals(Fixed16Morris8Table.OBJECT_BYTES, ClassLayout.parseClass(Fixed16Morris8Table.class).instanceSize());
    assertEquals(Fixed16Morris8ColumnTable.OBJECT_BYTES,
        ClassLayout.parseClass(Fixed16Morris8ColumnTable.class).instanceSize());
    assertEquals(Fixed16GlobalTable.OBJECT_BYTES, ClassLayout.parseClass(Fixed16GlobalTable.class).instanceSize());
    assertEquals(AdaptivePrecisionTable.OBJECT_BYTES,
        ClassLayout.parseClass(AdaptivePrecisionTable.class).instanceSize());
    assertEquals(LearnerConfig.OBJECT_BYTES, ClassLayout.parseClass(LearnerConfig.class).instanceSize());
    assertEquals(SplitMix64.OBJECT_BYTES, ClassLayout.parseClass(SplitMix64.class).instanceSize());
    assertEquals(InstanceEncoder.OBJECT_BYTES, ClassLayout.parseClass(InstanceEncoder.class).instanceSize());
    assertEquals(HeaderLayout.OBJECT_BYTES, ClassLayout.parseClass(HeaderLayout.class).instanceSize());
    assertEquals(ScalingStatistics.OBJECT_BYTES, ClassLayout.parseClass(ScalingStatistics.class).instanceSize());
    for (ScalingMode mode : new ScalingMode[] {ScalingMode.STANDARDIZE, ScalingMode.MAX_ABS, ScalingMode.NONE}) {
      for (int[] arity : new int[][] {{0, 0, 0, 2}, {0, 3, 0, 2}, {0, 2, 0, 0}}) {
        int classIndex = arity[3] == 2 ? 3 : 1;
        InstanceEncoder e = new InstanceEncoder(arity, classIndex, mode);
        for (int i = 0; i < 2000; i++) {
          e.encode(new int[] {0, 1, 2, 3}, new double[] {i % 7, i % 3, i * 0.5, i % 2}, 4, i % 3 != 0);
        }
        // the shared enum constants (scaling mode, buffer state) are not the encoder's
        assertEquals(jol(e) - jol(e.scaling()) - jol(e.held()), e.sizeInBytes(),
            "encoder " + mode + " " + java.util.Arrays.toString(arity));
      }
    }
    assertEquals(FeatureSpace.OBJECT_BYTES, ClassLayout.parseClass(FeatureSpace.class).instanceSize());
    assertEquals(FixedPointFormat.sizeInBytes(), ClassLayout.parseClass(FixedPointFormat.class).instanceSize());
    LearnerConfig c = LearnerConfig.builder().build();
    long enums = jol(c.storage()) + jol(c.schedule()) + jol(c.counterType()) + jol(c.featureSpace().kind());
    assertEquals(c.sizeInBytes(), jol(c) - enums);
    assertEquals(RecordStore.SMALL_OBJECT_BYTES,
        ClassLayout.parseClass(RecordStore.ByteRecords.class).instanceSize());
    for (int bits : new int[] {8, 12, 16, 24, 32, 40, 64}) {
      RecordStore s = RecordStore.create(1000, bits, false);
      assertEquals(jol(s), s.sizeInBytes(), "store of " + bits + "-bit records");
    }
    for (CoefficientStorage mode : CoefficientStorage.values()) {
      if (mode == CoefficientStorage.ADAPTIVE) {
        continue; // its own table, no codec
      }
      WeightCodec codec = WeightCodec.of(mode, c.format());
      assertEquals(jol(codec), codec.sizeInBytes(), mode.label());
    }
    for (LearnerConfig cc : new LearnerConfig[] {c, c.toBuilder().counterType(CounterType.EXACT).build(),
        c.toBuilder().schedule(LearningRateSchedule.GLOBAL).build()}) {
      CounterPolicy p = CounterPolicy.of(cc);
      assertEquals(jol(p), p.sizeInBytes(), cc.describe());
    }
  }

  /**
   * Every kind of coordinate table, generic and specialised, dense and sparse, accounts for its whole
   * object graph exactly (the table owns everything it refers to).
   */
  @Test
  void everyTableMatchesJolExactly() {
    LearnerConfig.Builder b = LearnerConfig.builder().featureSpace(FeatureSpace.hashed(12));
    List<LearnerConfig> configs = List.of(b.build(), b.storage(CoefficientStorage.NEAREST).build(),
        b.schedule(LearningRateSchedule.GLOBAL).build(), b.storage(CoefficientStorage.RANDOMIZED).build(),
        b.fixedPoint(2, 9).build(), b.fixedPoint(2, 13).schedule(LearningRateSchedule.PER_COORDINATE)
            .counterType(CounterType.EXACT).build(),
        b.storage(CoefficientStorage.FLOAT32).build(), b.storage(CoefficientStorage.FLOAT64).build(),
        b.counterType(CounterType.MORRIS).counterBits(6).storage(CoefficientStorage.RANDOMIZED).build(),
        b.featureSpace(FeatureSpace.sparse(1 << 20)).build(),
        b.storage(CoefficientStorage.FLOAT64).counterType(CounterType.EXACT).counterBits(32).build(),
        b.storage(CoefficientStorage.ADAPTIVE).featureSpace(FeatureSpace.hashed(12)).counterType(CounterType.MORRIS)
            .counterBits(6).coordinateBits(9).build(),
        b.coordinateBits(17).counterBits(8).build(),
        b.schedule(LearningRateSchedule.GLOBAL).coordinateBits(12).build());
    Set<Class<?>> kinds = new HashSet<>();
    for (LearnerConfig c : configs) {
      CoordinateTable table = CoordinateTable.create(c, (1 << 12) + 1);
      SplitMix64 r = new SplitMix64(5);
      for (int k = 0; k < 3000; k++) {
        table.step(r.nextInt(table.size()), r.nextDouble() - 0.5, 0.1, r.nextLong());
      }
      kinds.add(table.getClass());
      String what = c.describe() + " in " + table.getClass().getSimpleName();
      assertEquals(jol(table), table.sizeInBytes(), what);
      // reading every coefficient out and copying leave no hidden objects behind
      table.forEachNonZeroWeight((i, w) -> { });
      CoordinateTable copy = table.copy();
      assertEquals(jol(table), table.sizeInBytes(), what + " after reading");
      assertEquals(jol(copy), copy.sizeInBytes(), what + ", copied");
    }
    // the approximate-count layout above the column table's limit: 3-byte records
    CoordinateTable records = CoordinateTable.create(configs.get(0), Fixed16Morris8ColumnTable.MAX_SIZE + 1);
    kinds.add(records.getClass());
    assertEquals(jol(records), records.sizeInBytes(), "records");
    assertEquals(jol(records.copy()), records.copy().sizeInBytes(), "records, copied");
    assertEquals(Set.of(GenericTable.class, Fixed16Morris8ColumnTable.class, Fixed16Morris8Table.class,
        Fixed16GlobalTable.class, AdaptivePrecisionTable.class), kinds);
  }

  @Test
  void denseLayoutsMatchJol() {
    LearnerConfig.Builder hashed20 = LearnerConfig.builder().featureSpace(FeatureSpace.hashed(20));
    LogisticRegression q213 = model(hashed20);
    check("q2.13 randomized + morris8, hashed 2^20", q213);
    check("q2.13 nearest + morris8, hashed 2^20", model(hashed20.storage(CoefficientStorage.NEAREST)));
    check("float32 + exact32, hashed 2^20", model(hashed20.storage(CoefficientStorage.FLOAT32)
        .counterType(CounterType.EXACT)));
    check("float64 + exact32 (two arrays), hashed 2^20", model(hashed20.storage(CoefficientStorage.FLOAT64)));
    check("float64 global, hashed 2^20", model(hashed20.schedule(LearningRateSchedule.GLOBAL)));
    check("q2.9 global (12-bit packed), hashed 2^20", model(hashed20.storage(CoefficientStorage.RANDOMIZED)
        .fixedPoint(2, 9)));
    check("q2.13 + exact32 (48-bit packed), hashed 2^20", model(hashed20.fixedPoint(2, 13)
        .schedule(LearningRateSchedule.PER_COORDINATE).counterType(CounterType.EXACT)));
    LogisticRegression multi = model(LearnerConfig.builder().featureSpace(FeatureSpace.hashed(16)).numClasses(5));
    multi.learn(new int[] {1, 2}, new double[] {1, 1}, 2, 3, 1.0);
    check("q2.13 + morris8 softmax K=5, hashed 2^16", multi);

    // The paper's 24 bits: each coordinate costs 3 bytes. Total / coordinates includes the fixed part
    // (objects, Morris tables, array header: about 7 KB); the cost of one more coordinate is exactly 3.
    LogisticRegression q21 = model(LearnerConfig.builder().featureSpace(FeatureSpace.hashed(21)));
    double marginal = (double) (jol(q21) - jol(q213)) / (q21.numCoordinates() - q213.numCoordinates());
    double total = (double) jol(q213) / q213.numCoordinates();
    System.out.printf("[memory] q2.13 + morris8: %.4f bytes per additional coordinate, %.4f bytes per "
        + "coordinate in total at 2^20, %.4f at 2^21%n", marginal, total, (double) jol(q21) / q21.numCoordinates());
    assertEquals(3.0, marginal, 1e-9);
    assertTrue(total <= 3.01, "q2.13 + Morris costs about 3 bytes per coordinate: " + total);

    // Adaptive precision: exactly its budget per coordinate (here 12 bits), whatever the data.
    LearnerConfig.Builder adaptive = LearnerConfig.builder().storage(CoefficientStorage.ADAPTIVE).coordinateBits(12)
        .counterBits(6).morrisBase(1.25);
    LogisticRegression a20 = model(adaptive.featureSpace(FeatureSpace.hashed(20)));
    LogisticRegression a21 = model(adaptive.featureSpace(FeatureSpace.hashed(21)));
    SplitMix64 r = new SplitMix64(3);
    for (int t = 0; t < 20_000; t++) {
      int[] ids = {r.nextInt(1 << 20), r.nextInt(1 << 20), r.nextInt(64)};
      a20.learn(ids, new double[] {1, 1, 1}, 3, t % 2, 1.0);
    }
    check("adaptive 12 bits + morris6, hashed 2^20", a20);
    check("adaptive 16 bits global, hashed 2^20", model(LearnerConfig.builder().featureSpace(FeatureSpace.hashed(20))
        .storage(CoefficientStorage.ADAPTIVE).schedule(LearningRateSchedule.GLOBAL)));
    assertEquals(1.5, (double) (jol(a21) - jol(a20)) / (a21.numCoordinates() - a20.numCoordinates()), 1e-5);
    assertTrue((double) jol(a20) / a20.numCoordinates() <= 1.51, "adaptive 12 bits: 1.5 bytes per coordinate");
  }

  /** The collision-free sparse mode: real bytes per stored coordinate after ~100k features. */
  @Test
  void sparseMapModeMatchesJol() {
    for (CoefficientStorage mode : new CoefficientStorage[] {CoefficientStorage.RANDOMIZED, CoefficientStorage.FLOAT64}) {
      LearnerConfig c = LearnerConfig.builder().featureSpace(FeatureSpace.sparse(50_000_000)).storage(mode)
          .counterType(mode == CoefficientStorage.RANDOMIZED ? CounterType.MORRIS : CounterType.EXACT).build();
      LogisticRegression m = new LogisticRegression(c);
      long before = m.sizeInBytes();
      SplitMix64 r = new SplitMix64(1);
      int[] ids = new int[10];
      double[] x = new double[10];
      java.util.Arrays.fill(x, 1.0);
      for (int t = 0; t < 10_000; t++) {
        for (int f = 0; f < 10; f++) {
          ids[f] = r.nextInt(50_000_000);
        }
        m.learn(ids, x, 10, t % 2, 1.0);
      }
      assertTrue(m.storedCoordinates() > 99_000 && m.storedCoordinates() <= 100_001, "" + m.storedCoordinates());
      assertTrue(m.sizeInBytes() > before);
      check("sparse map " + c.describe().replaceAll(",.*", "") + " after ~100k features", m);
      System.out.printf("[memory]   i.e. %.2f bytes per stored coordinate for %d payload bits%n",
          m.bytesPerStoredCoordinate(), m.bitsPerCoordinate());
    }
  }
}
