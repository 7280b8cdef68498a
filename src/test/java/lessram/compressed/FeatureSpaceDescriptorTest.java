package lessram.compressed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The descriptor is a value: given back unchanged by a file, equal exactly when kind, parameters and metadata are. */
class FeatureSpaceDescriptorTest {
  @Test
  void sixteenParametersAreTheLimitAndSurviveAFile() throws IOException {
    long[] p = new long[FeatureSpaceDescriptor.MAX_PARAMETERS];
    for (int i = 0; i < p.length; i++) {
      p[i] = (i % 2 == 0 ? 1L : -1L) << (3 * i);
    }
    FeatureSpaceDescriptor d = FeatureSpaceDescriptor.of(FeatureSpaceDescriptor.Kind.HASHED, p, new byte[] {1, 2, 3});
    CompressedModel m = CompressedModel.builder(CoefficientSource.of(1, 3, new double[] {0.5, 0, -1, 2}))
        .featureSpace(d).build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    // header 36 bytes, 8 per parameter, the metadata, then the coefficient section
    assertEquals(16, out.toByteArray()[22]);
    CompressedModel back = CompressedModel.read(new ByteArrayInputStream(out.toByteArray()));
    assertEquals(d, back.featureSpace());
    assertArrayEquals(p, back.featureSpace().parameters());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FeatureSpaceDescriptor.hashed(new long[FeatureSpaceDescriptor.MAX_PARAMETERS + 1]));
    assertEquals("at most 16 parameters, got 17", e.getMessage());
  }

  @Test
  void equalExactlyWhenKindParametersAndMetadataAre() {
    FeatureSpaceDescriptor d = FeatureSpaceDescriptor.hashed(12, 5).withMetadata("h");
    FeatureSpaceDescriptor same = FeatureSpaceDescriptor.of(FeatureSpaceDescriptor.Kind.HASHED, new long[] {12, 5},
        new byte[] {'h'});
    assertEquals(d, d);
    assertEquals(d, same);
    assertEquals(same, d);
    assertEquals(d.hashCode(), same.hashCode());
    assertNotEquals(d, FeatureSpaceDescriptor.of(FeatureSpaceDescriptor.Kind.SPARSE, new long[] {12, 5},
        new byte[] {'h'}));
    assertNotEquals(d, FeatureSpaceDescriptor.hashed(12, 6).withMetadata("h"));
    assertNotEquals(d, FeatureSpaceDescriptor.hashed(12, 5).withMetadata("i"));
    assertNotEquals(d, FeatureSpaceDescriptor.hashed(12, 5));
    assertNotEquals(d, "HASHED[12, 5] + 1 bytes metadata");
    assertNotEquals(d, null);
    assertEquals(FeatureSpaceDescriptor.direct(), FeatureSpaceDescriptor.of(FeatureSpaceDescriptor.Kind.DIRECT, null, null));
  }

  @Test
  void describesKindParametersAndMetadataSize() {
    assertEquals("DIRECT[]", FeatureSpaceDescriptor.direct().toString());
    assertEquals("HASHED[12, 5] + 1 bytes metadata", FeatureSpaceDescriptor.hashed(12, 5).withMetadata("h").toString());
    assertEquals("SPARSE[] + 2 bytes metadata", FeatureSpaceDescriptor.sparse().withMetadata("\u00e9").toString());
  }
}
