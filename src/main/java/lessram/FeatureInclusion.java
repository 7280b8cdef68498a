package lessram;

/**
 * Which new features the collision-free sparse map stores (McMahan et al., "Ad Click Prediction: a View
 * from the Trenches", KDD 2013, Section 4.1: half of the features of a click log occur once, and a
 * coefficient that is trained once costs a map entry and adds almost nothing). A feature that is not
 * stored yet is <i>not admitted</i>: it adds nothing to a prediction (its coefficient reads as 0) and a
 * training example does not update it or store it; the sighting is only counted ({@link InclusionRule}).
 * Once admitted, a feature is stored and trained as usual, and is never asked again.
 */
public enum FeatureInclusion implements Choice {
  /** Every feature is stored when first trained (the sparse map without inclusion). */
  ALL("all", "store every feature when it is first trained"),
  /** Poisson inclusion: each training sighting of a feature not yet stored admits it with probability p. */
  POISSON("poisson", "admit a new feature at each training sighting with probability p (seeded)"),
  /**
   * Counting-Bloom-filter inclusion: the first n training sightings of a feature are only counted (in a
   * filter of 4-bit counters, conservative update), and the next one admits it; hash collisions can only
   * make a feature be admitted earlier, never later.
   */
  BLOOM("bloom", "admit a new feature at its training sighting after n, counted in a counting Bloom filter");

  private final String label;
  private final String description;

  FeatureInclusion(String label, String description) {
    this.label = label;
    this.description = description;
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public String description() {
    return description;
  }

  /** Parses a label (case-insensitive), with a clear error listing the choices. */
  public static FeatureInclusion parse(String s) {
    return Choice.parse(values(), s, "feature inclusion");
  }
}
