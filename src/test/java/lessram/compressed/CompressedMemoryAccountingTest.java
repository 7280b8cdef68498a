package lessram.compressed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.GraphLayout;

/**
 * {@code CompressedModel.sizeInBytes()} is computed from array lengths and object sizes; JOL measures the
 * same object graph on this JVM (minus the shared enum constant of the feature-space kind).
 */
class CompressedMemoryAccountingTest {
  private static long jol(Object o) {
    return GraphLayout.parseInstance(o).totalSize();
  }

  @Test
  void objectSizesMatchThisJvm() {
    assertEquals(CompressedModel.OBJECT_BYTES, ClassLayout.parseClass(CompressedModel.class).instanceSize());
    assertEquals(BlockStore.OBJECT_BYTES, ClassLayout.parseClass(BlockStore.class).instanceSize());
    assertEquals(RankedStore.OBJECT_BYTES, ClassLayout.parseClass(RankedStore.class).instanceSize());
    assertEquals(LookupIndex.OBJECT_BYTES, ClassLayout.parseClass(LookupIndex.class).instanceSize());
    assertEquals(FeatureSpaceDescriptor.OBJECT_BYTES,
        ClassLayout.parseClass(FeatureSpaceDescriptor.class).instanceSize());
  }

  @Test
  void sizeInBytesMatchesJol() {
    int[] ids = new int[3000];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = 7 * i + (i % 5);
    }
    CompressedModel[] models = {
        CompressedModel.builder(CoefficientSource.of(1, 1 << 18, SyntheticModels.laplace(1, 1 << 18, 0.8, 0.05, 1)))
            .build(),
        CompressedModel.builder(CoefficientSource.of(4, 5000, SyntheticModels.laplacePerSlot(4, 5000, 0.5, 0.3, 2)))
            .fractionBits(9).featureSpace(FeatureSpaceDescriptor.hashed(12, 5).withMetadata("some header"))
            .build(),
        CompressedModel.builder(CoefficientSource.of(1, 3000, SyntheticModels.laplace(1, 3000, 0.3, 0.3, 3)))
            .featureSpace(FeatureSpaceDescriptor.sparse()).sparseFeatureIds(ids).build(),
        CorruptFileTest.tableMapped(),
        CorruptFileTest.smallRankedGrouped(),
        CompressedModel.builder(CoefficientSource.of(1, 1 << 16, SyntheticModels.laplace(1, 1 << 16, 0.8, 0.05, 4)))
            .positionLayout(PositionLayout.DIRECT).build(),
        CompressedModel.builder(CoefficientSource.of(1, 0, new double[] {0.5})).build()};
    for (CompressedModel m : models) {
      long measured = jol(m) - jol(m.featureSpace().kind());
      System.out.printf("[memory] %s: JOL %,d B, sizeInBytes %,d B, file %,d B%n", m, measured, m.sizeInBytes(),
          m.serializedSizeInBytes());
      assertEquals(measured, m.sizeInBytes(), m.toString());
    }
  }
}
