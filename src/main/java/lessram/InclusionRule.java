package lessram;

import java.io.Serializable;
import java.util.Locale;

/**
 * The feature-inclusion setting of a sparse feature space ({@link FeatureSpace#sparse(int, InclusionRule)}):
 * the policy ({@link FeatureInclusion}) and its parameters, validated. Immutable; the mutable state (the
 * Poisson generator or the counting Bloom filter) is the coordinate table's {@link InclusionFilter}, made
 * by {@link #newFilter}.
 */
public final class InclusionRule implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Heap bytes of a rule object (header, one reference, a double and two ints; 64-bit JVM). */
  static final long OBJECT_BYTES = 32;

  /** Every feature is admitted: the sparse map without inclusion. */
  public static final InclusionRule ALL = new InclusionRule(FeatureInclusion.ALL,
      LearnerOption.INCLUSION_PROBABILITY.defaultReal(), LearnerOption.INCLUSION_COUNT.defaultInt(),
      LearnerOption.INCLUSION_FILTER_BITS.defaultInt());

  /** Largest count threshold: a filter cell holds 4 bits. */
  public static final int MAX_COUNT = InclusionFilter.CountingBloom.MAX_CELL;
  /** Smallest and largest log2 of the number of filter cells. */
  public static final int MIN_FILTER_BITS = 6;
  public static final int MAX_FILTER_BITS = 31;

  private final FeatureInclusion policy;
  private final double probability;
  private final int count;
  private final int filterBits;

  private InclusionRule(FeatureInclusion policy, double probability, int count, int filterBits) {
    this.policy = policy;
    this.probability = probability;
    this.count = count;
    this.filterBits = filterBits;
  }

  /**
   * A validated rule. Every parameter is checked whatever the policy, so that a value out of range is
   * reported even when the chosen policy does not read it.
   *
   * @param probability Poisson inclusion's probability p, in (0, 1]
   * @param count the Bloom filter's n, 1..{@value #MAX_COUNT}: the sighting after n admits a feature
   * @param filterBits log2 of the Bloom filter's number of 4-bit cells, {@value #MIN_FILTER_BITS}..{@value
   *     #MAX_FILTER_BITS}
   * @throws LearnerOption.InvalidOptionException naming the option whose value is out of range
   */
  public static InclusionRule of(FeatureInclusion policy, double probability, int count, int filterBits) {
    if (policy == null) {
      throw LearnerOption.FEATURE_INCLUSION.invalid("the feature inclusion must be set");
    }
    if (!(probability > 0 && probability <= 1)) {
      throw LearnerOption.INCLUSION_PROBABILITY.invalid("inclusion probability must be in (0, 1], got "
          + probability);
    }
    if (count < 1 || count > MAX_COUNT) {
      throw LearnerOption.INCLUSION_COUNT.invalid("inclusion count must be 1.." + MAX_COUNT
          + " (sightings counted before a feature is admitted; the filter's cells hold 4 bits), got " + count);
    }
    if (filterBits < MIN_FILTER_BITS || filterBits > MAX_FILTER_BITS) {
      throw LearnerOption.INCLUSION_FILTER_BITS.invalid("inclusion filter bits must be " + MIN_FILTER_BITS + ".."
          + MAX_FILTER_BITS + " (the filter has 2^bits cells of 4 bits), got " + filterBits);
    }
    return new InclusionRule(policy, probability, count, filterBits);
  }

  /** The policy. */
  public FeatureInclusion policy() {
    return policy;
  }

  /** Poisson inclusion's probability p. */
  public double probability() {
    return probability;
  }

  /** The Bloom filter's n: a feature is admitted at its first training sighting after n counted ones. */
  public int count() {
    return count;
  }

  /** log2 of the Bloom filter's number of cells. */
  public int filterBits() {
    return filterBits;
  }

  /** True unless every feature is admitted. */
  public boolean selective() {
    return policy != FeatureInclusion.ALL;
  }

  /**
   * The mutable filter that applies this rule, seeded from the learner's seed (null for
   * {@link FeatureInclusion#ALL}).
   */
  InclusionFilter newFilter(long seed) {
    switch (policy) {
      case POISSON: return new InclusionFilter.Poisson(probability, seed);
      case BLOOM: return new InclusionFilter.CountingBloom(count, filterBits, seed);
      default: return null;
    }
  }

  /** Bytes of the filter {@link #newFilter} makes (0 for {@link FeatureInclusion#ALL}). */
  public long filterBytes() {
    switch (policy) {
      case POISSON: return InclusionFilter.Poisson.BYTES;
      case BLOOM: return InclusionFilter.CountingBloom.bytes(filterBits);
      default: return 0;
    }
  }

  /** E.g. {@code poisson(p=0.5)} or {@code bloom(n=1, 2^22 cells)}. */
  @Override
  public String toString() {
    switch (policy) {
      case POISSON: return "poisson(p=" + probability + ")";
      case BLOOM: return String.format(Locale.ROOT, "bloom(n=%d, 2^%d cells)", count, filterBits);
      default: return "all";
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof InclusionRule)) {
      return false;
    }
    InclusionRule r = (InclusionRule) o;
    return policy == r.policy && Double.compare(probability, r.probability) == 0 && count == r.count
        && filterBits == r.filterBits;
  }

  @Override
  public int hashCode() {
    return ((policy.hashCode() * 31 + Double.hashCode(probability)) * 31 + count) * 31 + filterBits;
  }
}
