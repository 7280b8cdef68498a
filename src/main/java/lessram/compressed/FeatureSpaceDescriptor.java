package lessram.compressed;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a compressed model needs to remember about how feature ids became slots. The mapping itself is the
 * caller's (this package never hashes): the descriptor stores a kind, a few numeric parameters (for
 * example hashing bits and a hash seed) and an opaque, length-limited byte array of adapter metadata (for
 * example a dataset header), and gives them back unchanged after a round trip through a file.
 *
 * <p>For {@link Kind#SPARSE} the compressed model additionally stores the sorted ids of the features that
 * have slots and maps an id to its slot itself ({@link CompressedModel#slotOf(int)}).
 *
 * <p>Immutable (arrays are copied in and out).
 */
public final class FeatureSpaceDescriptor {
  /** Largest number of numeric parameters. */
  public static final int MAX_PARAMETERS = 16;
  /** Largest metadata size in bytes (1 MiB). */
  public static final int MAX_METADATA_BYTES = 1 << 20;

  /** How ids map to slots; the codes are part of the file format and never change. */
  public enum Kind {
    /** Slot = id, for ids {@code 0..D-1}. */
    DIRECT(0),
    /** Slot = a hash of the id modulo {@code D = 2^bits} (the caller hashes). */
    HASHED(1),
    /** Only features seen in training have slots; the model stores their sorted ids. */
    SPARSE(2);

    private final int code;

    Kind(int code) {
      this.code = code;
    }

    /** The stable code written to files. */
    public int code() {
      return code;
    }

    /** The kind with this code, or null. */
    static Kind ofCode(int code) {
      for (Kind k : values()) {
        if (k.code == code) {
          return k;
        }
      }
      return null;
    }
  }

  private final Kind kind;
  private final long[] parameters;
  private final byte[] metadata;

  private FeatureSpaceDescriptor(Kind kind, long[] parameters, byte[] metadata) {
    if (kind == null) {
      throw new IllegalArgumentException("kind is required");
    }
    if (parameters.length > MAX_PARAMETERS) {
      throw new IllegalArgumentException("at most " + MAX_PARAMETERS + " parameters, got " + parameters.length);
    }
    if (metadata.length > MAX_METADATA_BYTES) {
      throw new IllegalArgumentException(
          "metadata limited to " + MAX_METADATA_BYTES + " bytes, got " + metadata.length);
    }
    this.kind = kind;
    this.parameters = parameters.clone();
    this.metadata = metadata.clone();
  }

  /** A descriptor with the given parameters and metadata (both copied; null means empty). */
  public static FeatureSpaceDescriptor of(Kind kind, long[] parameters, byte[] metadata) {
    return new FeatureSpaceDescriptor(kind, parameters == null ? new long[0] : parameters,
        metadata == null ? new byte[0] : metadata);
  }

  /** Direct ids, no parameters or metadata. */
  public static FeatureSpaceDescriptor direct() {
    return of(Kind.DIRECT, null, null);
  }

  /** Hashed ids; parameters and metadata are the caller's (e.g. bits and hash seed). */
  public static FeatureSpaceDescriptor hashed(long... parameters) {
    return of(Kind.HASHED, parameters, null);
  }

  /** Sparse ids (the ids themselves are given to the builder). */
  public static FeatureSpaceDescriptor sparse() {
    return of(Kind.SPARSE, null, null);
  }

  /** A copy with this metadata. */
  public FeatureSpaceDescriptor withMetadata(byte[] newMetadata) {
    return of(kind, parameters, newMetadata);
  }

  /** A copy with this metadata, UTF-8 encoded. */
  public FeatureSpaceDescriptor withMetadata(String text) {
    return withMetadata(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The kind. */
  public Kind kind() {
    return kind;
  }

  /** A copy of the parameters. */
  public long[] parameters() {
    return parameters.clone();
  }

  /** Number of parameters. */
  public int numParameters() {
    return parameters.length;
  }

  /** Parameter {@code i}. */
  public long parameter(int i) {
    return parameters[i];
  }

  /** A copy of the metadata. */
  public byte[] metadata() {
    return metadata.clone();
  }

  /** The metadata decoded as UTF-8. */
  public String metadataAsString() {
    return new String(metadata, StandardCharsets.UTF_8);
  }

  /** Instance size of this class (fields and header). */
  static final int OBJECT_BYTES = 24;

  /** Heap bytes of this descriptor and its arrays. */
  long heapBytes() {
    return OBJECT_BYTES + HeapSizes.arrayBytes(parameters.length, 8) + HeapSizes.arrayBytes(metadata.length, 1);
  }

  int metadataLength() {
    return metadata.length;
  }

  byte[] metadataUnsafe() {
    return metadata;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FeatureSpaceDescriptor)) {
      return false;
    }
    FeatureSpaceDescriptor d = (FeatureSpaceDescriptor) o;
    return kind == d.kind && Arrays.equals(parameters, d.parameters) && Arrays.equals(metadata, d.metadata);
  }

  @Override
  public int hashCode() {
    return (kind.hashCode() * 31 + Arrays.hashCode(parameters)) * 31 + Arrays.hashCode(metadata);
  }

  @Override
  public String toString() {
    return kind + Arrays.toString(parameters) + (metadata.length > 0 ? " + " + metadata.length + " bytes metadata" : "");
  }
}
