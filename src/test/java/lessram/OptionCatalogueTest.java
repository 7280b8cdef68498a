package lessram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The option catalogue and the settings' text interface, on their own: what the MOA and Weka adapters read
 * (names, letters, kinds, ranges, defaults, help, choices), the text each option is set from and read back
 * as, and the validation limits and messages a user sees.
 */
class OptionCatalogueTest {

  /** A non-default value of every option, as text. */
  private static Map<LearnerOption, String> nonDefaults() {
    Map<LearnerOption, String> m = new EnumMap<>(LearnerOption.class);
    m.put(LearnerOption.INTEGER_BITS, "3");
    m.put(LearnerOption.FRACTION_BITS, "12");
    m.put(LearnerOption.STORAGE, "nearest");
    m.put(LearnerOption.ALPHA, "0.25");
    m.put(LearnerOption.COUNTER, "exact");
    m.put(LearnerOption.COUNTER_BITS, "12");
    m.put(LearnerOption.MORRIS_BASE, "1.5");
    m.put(LearnerOption.GAMMA, "0.125");
    m.put(LearnerOption.COORDINATE_BITS, "20");
    m.put(LearnerOption.HASHING_BITS, "10");
    m.put(LearnerOption.SPARSE_MAP, "true");
    m.put(LearnerOption.FEATURE_INCLUSION, "bloom");
    m.put(LearnerOption.INCLUSION_PROBABILITY, "0.25");
    m.put(LearnerOption.INCLUSION_COUNT, "3");
    m.put(LearnerOption.INCLUSION_FILTER_BITS, "12");
    m.put(LearnerOption.SCALING, "maxabs");
    m.put(LearnerOption.SEED, "-7");
    return m;
  }

  @Test
  void everyOptionIsSetFromTextAndReadBackAsTheSameText() {
    Settings.Builder b = Settings.builder(LearningRateSchedule.PER_COORDINATE);
    Map<LearnerOption, String> values = nonDefaults();
    assertEquals(LearnerOption.values().length, values.size());
    for (Map.Entry<LearnerOption, String> e : values.entrySet()) {
      assertSame(b, b.set(e.getKey(), e.getValue()), e.getKey() + " returns its builder");
    }
    for (Map.Entry<LearnerOption, String> e : values.entrySet()) {
      assertEquals(e.getValue(), b.get(e.getKey()), e.getKey().optionName());
    }
    // the typed getters hold the same values
    assertEquals(3, b.integerBits());
    assertEquals(12, b.fractionBits());
    assertEquals(CoefficientStorage.NEAREST, b.storage());
    assertEquals(0.25, b.alpha());
    assertEquals(CounterType.EXACT, b.counterType());
    assertEquals(12, b.counterBits());
    assertEquals(1.5, b.morrisBase());
    assertEquals(0.125, b.gamma());
    assertEquals(20, b.coordinateBits());
    assertEquals(10, b.hashingBits());
    assertTrue(b.sparseMap());
    assertEquals(FeatureInclusion.BLOOM, b.featureInclusion());
    assertEquals(0.25, b.inclusionProbability());
    assertEquals(3, b.inclusionCount());
    assertEquals(12, b.inclusionFilterBits());
    assertEquals(ScalingMode.MAX_ABS, b.scaling());
    assertEquals(-7L, b.seed());
    assertSame(LearningRateSchedule.PER_COORDINATE, b.schedule());
  }

  @Test
  void theBuildersDefaultsAreTheCataloguesAsText() {
    for (LearningRateSchedule s : LearningRateSchedule.values()) {
      Settings.Builder b = Settings.builder(s);
      for (LearnerOption o : LearnerOption.values()) {
        assertEquals(o.defaultText(s), b.get(o), s + " " + o);
      }
      assertEquals("0.0", b.get(LearnerOption.ALPHA), "alpha 0, the adaptive rate, unless set");
      assertEquals(0.0, b.alpha());
      assertEquals("randomized", LearnerOption.STORAGE.defaultText(s));
      assertEquals("1", LearnerOption.SEED.defaultText(s));
    }
  }

  @Test
  void theTypedSettersReturnTheirBuilder() {
    Settings.Builder b = Settings.builder(LearningRateSchedule.PER_COORDINATE);
    assertSame(b, b.integerBits(3));
    assertSame(b, b.fractionBits(12));
    assertSame(b, b.storage(CoefficientStorage.FLOAT32));
    assertSame(b, b.alpha(0.5));
    assertSame(b, b.counterType(CounterType.MORRIS));
    assertSame(b, b.counterBits(8));
    assertSame(b, b.morrisBase(1.25));
    assertSame(b, b.hashingBits(4));
    assertSame(b, b.sparseMap(false));
    assertSame(b, b.featureInclusion(FeatureInclusion.ALL));
    assertSame(b, b.inclusionProbability(0.5));
    assertSame(b, b.inclusionCount(2));
    assertSame(b, b.inclusionFilterBits(20));
    assertSame(b, b.scaling(ScalingMode.NONE));
    assertSame(b, b.seed(5));
    assertSame(b, b.gamma(0.25));
    assertSame(b, b.coordinateBits(16));
    assertEquals(1.25, b.morrisBase());
    assertEquals(0.25, b.gamma());
    assertEquals(4, b.hashingBits());
  }

  @Test
  void builtSettingsKeepTheirValuesAndPrintThem() {
    Settings g = Settings.builder(LearningRateSchedule.GLOBAL).hashingBits(10).seed(-7).build();
    assertSame(LearningRateSchedule.GLOBAL, g.schedule());
    assertEquals(10, g.hashingBits());
    assertFalse(g.sparseMap());
    assertEquals(-7L, g.seed());
    assertEquals("global integerBits=2 fractionBits=13 coefficientStorage=randomized alpha=0.0 gamma=0.0625 "
        + "coordinateBits=16 hashingBits=10 sparseMap=false featureInclusion=all inclusionProbability=0.5 "
        + "inclusionCount=2 inclusionFilterBits=20 scaling=auto randomSeed=-7", g.toString());

    Settings p = Settings.builder(LearningRateSchedule.PER_COORDINATE).sparseMap(true)
        .featureInclusion(FeatureInclusion.POISSON).inclusionProbability(0.25).alpha(0.5).seed(3).build();
    assertTrue(p.sparseMap());
    assertEquals(0, p.hashingBits());
    assertEquals("true", p.get(LearnerOption.SPARSE_MAP));
    assertEquals("poisson", p.get(LearnerOption.FEATURE_INCLUSION));
    assertEquals("0.5", p.get(LearnerOption.ALPHA));
    // the counter type's default width stays 0 ("the type's default"), as the user left it
    assertEquals("per-coordinate integerBits=2 fractionBits=13 coefficientStorage=randomized alpha=0.5 "
        + "counter=morris counterBits=0 morrisBase=1.1 gamma=0.0625 coordinateBits=16 hashingBits=0 sparseMap=true "
        + "featureInclusion=poisson inclusionProbability=0.25 inclusionCount=2 inclusionFilterBits=20 scaling=auto "
        + "randomSeed=3", p.toString());

    // a host copies settings through their text: the copy is the same
    Settings.Builder copy = Settings.builder(LearningRateSchedule.PER_COORDINATE);
    for (LearnerOption o : LearnerOption.of(LearningRateSchedule.PER_COORDINATE)) {
      copy.set(o, p.get(o));
    }
    assertEquals(p.toString(), copy.build().toString());
    assertEquals(p.config(2, 5).describe(), copy.build().config(2, 5).describe());
  }

  @Test
  void flagsReadTrueOrFalseInAnyCaseAndNothingElse() {
    Settings.Builder b = Settings.builder(LearningRateSchedule.GLOBAL);
    assertTrue(b.set(LearnerOption.SPARSE_MAP, " TRUE ").sparseMap());
    assertFalse(b.set(LearnerOption.SPARSE_MAP, "False").sparseMap());
    assertTrue(b.set(LearnerOption.SPARSE_MAP, "true").sparseMap());
    LearnerOption.InvalidOptionException e = assertThrows(LearnerOption.InvalidOptionException.class,
        () -> b.set(LearnerOption.SPARSE_MAP, "yes"));
    assertSame(LearnerOption.SPARSE_MAP, e.option());
    assertEquals("expected true or false, got 'yes'", e.getMessage());
    assertTrue(b.sparseMap(), "a refused value changes nothing");
  }

  @Test
  void malformedTextNamesTheOptionAndWhatItExpects() {
    Settings.Builder b = Settings.builder(LearningRateSchedule.PER_COORDINATE);
    LearnerOption.InvalidOptionException real = assertThrows(LearnerOption.InvalidOptionException.class,
        () -> b.set(LearnerOption.MORRIS_BASE, "abc"));
    assertSame(LearnerOption.MORRIS_BASE, real.option());
    assertEquals("Morris base expects a number, got 'abc'", real.getMessage());
    LearnerOption.InvalidOptionException integer = assertThrows(LearnerOption.InvalidOptionException.class,
        () -> b.set(LearnerOption.INTEGER_BITS, "2.5"));
    assertEquals("integer bits expects an integer, got '2.5'", integer.getMessage());
    LearnerOption.InvalidOptionException choice = assertThrows(LearnerOption.InvalidOptionException.class,
        () -> b.set(LearnerOption.STORAGE, "round"));
    assertSame(LearnerOption.STORAGE, choice.option());
    assertEquals("unknown rounding mode 'round'; expected one of randomized, nearest, adaptive, float32, float64",
        choice.getMessage());
    assertEquals(CoefficientStorage.RANDOMIZED, b.storage());
  }

  @Test
  void choicesParseLabelsAndJavaNamesInAnyCase() {
    assertSame(CounterType.EXACT, CounterType.parse(" EXACT "));
    assertSame(CounterType.MORRIS, CounterType.parse("morris"));
    assertSame(FeatureInclusion.BLOOM, FeatureInclusion.parse("Bloom"));
    assertSame(FeatureInclusion.POISSON, FeatureInclusion.parse("poisson"));
    assertSame(ScalingMode.MAX_ABS, ScalingMode.parse("max_abs"));
    assertSame(ScalingMode.MAX_ABS, ScalingMode.parse("maxabs"));
    assertSame(CoefficientStorage.FLOAT64, CoefficientStorage.parse("FLOAT64"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CounterType.parse("fast"));
    assertEquals("unknown counter type 'fast'; expected one of exact, morris", e.getMessage());
    assertEquals("unknown feature inclusion 'x'; expected one of all, poisson, bloom",
        assertThrows(IllegalArgumentException.class, () -> FeatureInclusion.parse("x")).getMessage());
  }

  @Test
  void labelsAndDescriptionsOfTheChoices() {
    assertEquals("exact", CounterType.EXACT.label());
    assertEquals("morris", CounterType.MORRIS.label());
    assertEquals("global", LearningRateSchedule.GLOBAL.label());
    assertEquals("per-coordinate", LearningRateSchedule.PER_COORDINATE.label());
    assertEquals("maxabs", Choice.labelOf(ScalingMode.MAX_ABS));
    assertEquals("per_coordinate", Choice.labelOf(LearningRateSchedule.PER_COORDINATE), "not a Choice: its name");
    assertEquals("exact saturating counter (control)", CounterType.EXACT.description());
    assertEquals("use values as given", ScalingMode.NONE.description());
    assertEquals("store every feature when it is first trained", FeatureInclusion.ALL.description());
    assertEquals("32-bit float (a control; the fixed-point bits are ignored)", CoefficientStorage.FLOAT32.description());
    for (LearnerOption o : LearnerOption.values()) {
      for (String d : o.choiceDescriptions()) {
        assertFalse(d.isEmpty(), o + ": every choice is described");
      }
    }
  }

  /** Name, MOA letter, Weka letter and kind of every option: what users type (fixed once published). */
  @Test
  void theNamesAndLettersUsersType() {
    Object[][] table = {
        {LearnerOption.INTEGER_BITS, "integerBits", 'i', 'I', LearnerOption.Kind.INTEGER},
        {LearnerOption.FRACTION_BITS, "fractionBits", 'f', 'F', LearnerOption.Kind.INTEGER},
        {LearnerOption.STORAGE, "coefficientStorage", 'm', 'M', LearnerOption.Kind.CHOICE},
        {LearnerOption.ALPHA, "alpha", 'a', 'A', LearnerOption.Kind.REAL},
        {LearnerOption.COUNTER, "counter", 'c', 'C', LearnerOption.Kind.CHOICE},
        {LearnerOption.COUNTER_BITS, "counterBits", 'b', 'B', LearnerOption.Kind.INTEGER},
        {LearnerOption.MORRIS_BASE, "morrisBase", 'e', 'E', LearnerOption.Kind.REAL},
        {LearnerOption.GAMMA, "gamma", 'g', 'G', LearnerOption.Kind.REAL},
        {LearnerOption.COORDINATE_BITS, "coordinateBits", 'w', 'W', LearnerOption.Kind.INTEGER},
        {LearnerOption.HASHING_BITS, "hashingBits", 'h', 'H', LearnerOption.Kind.INTEGER},
        {LearnerOption.SPARSE_MAP, "sparseMap", 'p', 'P', LearnerOption.Kind.FLAG},
        {LearnerOption.FEATURE_INCLUSION, "featureInclusion", 'u', 'U', LearnerOption.Kind.CHOICE},
        {LearnerOption.INCLUSION_PROBABILITY, "inclusionProbability", 'y', 'Y', LearnerOption.Kind.REAL},
        {LearnerOption.INCLUSION_COUNT, "inclusionCount", 'n', 'N', LearnerOption.Kind.INTEGER},
        {LearnerOption.INCLUSION_FILTER_BITS, "inclusionFilterBits", 'l', 'L', LearnerOption.Kind.INTEGER},
        {LearnerOption.SCALING, "scaling", 'z', 'Z', LearnerOption.Kind.CHOICE},
        {LearnerOption.SEED, "randomSeed", 'r', 'S', LearnerOption.Kind.INTEGER},
    };
    assertEquals(LearnerOption.values().length, table.length);
    for (Object[] row : table) {
      LearnerOption o = (LearnerOption) row[0];
      assertEquals(row[1], o.optionName());
      assertEquals(row[2], o.moaFlag(), o.optionName());
      assertEquals(row[3], o.wekaFlag(), o.optionName());
      assertSame(row[4], o.kind(), o.optionName());
    }
    assertEquals("morrisBase (-e / Weka -E)", LearnerOption.MORRIS_BASE.toString());
    assertEquals("Morris base", LearnerOption.MORRIS_BASE.title());
  }

  @Test
  void rangesHelpAndChoicesOfTheWidgets() {
    assertEquals(0, LearnerOption.INTEGER_BITS.min());
    assertEquals(31, LearnerOption.INTEGER_BITS.max());
    assertEquals(FeatureSpace.MAX_HASH_BITS, LearnerOption.HASHING_BITS.max());
    assertEquals(1.0, LearnerOption.MORRIS_BASE.min());
    assertEquals(Integer.MIN_VALUE, LearnerOption.SEED.min());
    assertEquals(0, LearnerOption.STORAGE.min());
    assertEquals(4, LearnerOption.STORAGE.max(), "the last choice's index");
    assertEquals(1, LearnerOption.SPARSE_MAP.max());
    assertFalse(LearnerOption.SPARSE_MAP.defaultFlag());

    assertArrayEquals(new String[] {"randomized", "nearest", "adaptive", "float32", "float64"},
        LearnerOption.STORAGE.choiceLabels());
    assertArrayEquals(new String[] {"morris", "exact"}, LearnerOption.COUNTER.choiceLabels());
    assertArrayEquals(new String[] {"auto", "none", "maxabs", "standardize"}, LearnerOption.SCALING.choiceLabels());
    assertEquals(Arrays.asList(CounterType.MORRIS, CounterType.EXACT), LearnerOption.COUNTER.choices());
    assertTrue(LearnerOption.ALPHA.choices().isEmpty());
    assertEquals(0, LearnerOption.ALPHA.choiceLabels().length);
    assertArrayEquals(new String[] {CounterType.MORRIS.description(), CounterType.EXACT.description()},
        LearnerOption.COUNTER.choiceDescriptions());

    String help = LearnerOption.COUNTER.help();
    assertEquals("How the per-coordinate update counts tau are kept.", help);
    assertEquals(help + "\nmorris: " + CounterType.MORRIS.description() + "\nexact: "
        + CounterType.EXACT.description(), LearnerOption.COUNTER.helpWithChoices());
    assertEquals(LearnerOption.SEED.help(), LearnerOption.SEED.helpWithChoices());
    assertTrue(LearnerOption.SEED.help().startsWith("Seed of the learner's random generator"));
    for (LearningRateSchedule s : LearningRateSchedule.values()) {
      assertEquals(LearnerOption.SEED.help(), LearnerOption.SEED.help(s));
    }
  }

  @Test
  void alphasHelpAndScalesNameEachLearnersRate() {
    String global = LearnerOption.ALPHA.help(LearningRateSchedule.GLOBAL);
    String perCoordinate = LearnerOption.ALPHA.help(LearningRateSchedule.PER_COORDINATE);
    assertTrue(global.startsWith("Learning-rate scale alpha of the global rate alpha / sqrt(t)"), global);
    assertTrue(global.contains("(0.5 was the default of earlier versions)"), global);
    assertTrue(global.contains("scale 0.155 divided by"), global);
    assertTrue(perCoordinate.startsWith("Learning-rate scale alpha of the per-coordinate rate alpha / sqrt(tau + 1)"),
        perCoordinate);
    assertTrue(perCoordinate.contains("(0.2 was the default of earlier versions)"), perCoordinate);
    assertTrue(perCoordinate.contains("scale 0.092 divided by"), perCoordinate);

    assertEquals(0.155, LearnerOption.adaptiveScale(LearningRateSchedule.GLOBAL));
    assertEquals(0.092, LearnerOption.adaptiveScale(LearningRateSchedule.PER_COORDINATE));
    assertEquals(0.5, LearnerOption.fixedDefaultAlpha(LearningRateSchedule.GLOBAL));
    assertEquals(0.2, LearnerOption.fixedDefaultAlpha(LearningRateSchedule.PER_COORDINATE));
    // the adaptive rate (alpha 0, the default) scales by the schedule's constant
    for (LearningRateSchedule s : LearningRateSchedule.values()) {
      LearnerConfig c = Settings.builder(s).build().config(2, 3);
      assertTrue(c.adaptive());
      assertEquals(LearnerOption.adaptiveScale(s), c.rateScale());
      assertEquals(0.0, c.alpha());
      assertEquals(0.75, Settings.builder(s).alpha(0.75).build().config(2, 3).alpha());
    }
  }

  @Test
  void theCountersBelongToThePerCoordinateLearner() {
    List<LearnerOption> global = new ArrayList<>(Arrays.asList(LearnerOption.values()));
    global.removeAll(Arrays.asList(LearnerOption.COUNTER, LearnerOption.COUNTER_BITS, LearnerOption.MORRIS_BASE));
    assertEquals(global, LearnerOption.of(LearningRateSchedule.GLOBAL));
    assertEquals(Arrays.asList(LearnerOption.values()), LearnerOption.of(LearningRateSchedule.PER_COORDINATE));
    assertFalse(LearnerOption.MORRIS_BASE.appliesTo(LearningRateSchedule.GLOBAL));
    assertTrue(LearnerOption.MORRIS_BASE.appliesTo(LearningRateSchedule.PER_COORDINATE));
    assertTrue(LearnerOption.SEED.appliesTo(LearningRateSchedule.GLOBAL));
  }

  @Test
  void aRefusalNamesItsOptionsInEachHostsSyntax() {
    LearnerOption.InvalidOptionException two = assertThrows(LearnerOption.InvalidOptionException.class,
        () -> Settings.builder(LearningRateSchedule.GLOBAL).sparseMap(true).hashingBits(8).build());
    assertEquals(Arrays.asList(LearnerOption.SPARSE_MAP, LearnerOption.HASHING_BITS), two.options());
    assertEquals("-p sparseMap and -h hashingBits", two.optionNames(false));
    assertEquals("-P sparseMap and -H hashingBits", two.optionNames(true));
    LearnerOption.InvalidOptionException three =
        LearnerOption.ALPHA.invalid("x", LearnerOption.COUNTER, LearnerOption.SEED);
    assertEquals("-a alpha, -c counter and -r randomSeed", three.optionNames(false));
    assertEquals("-A alpha, -C counter and -S randomSeed", three.optionNames(true));
    assertEquals("-e morrisBase", LearnerOption.MORRIS_BASE.invalid("x").optionNames(false));
  }

  @Test
  void hashingBitsFromZeroToTheLimitAreAccepted() {
    for (int h : new int[] {0, 1, FeatureSpace.MAX_HASH_BITS}) {
      assertEquals(h, Settings.builder(LearningRateSchedule.GLOBAL).hashingBits(h).build().hashingBits());
    }
    for (int h : new int[] {-1, FeatureSpace.MAX_HASH_BITS + 1}) {
      LearnerOption.InvalidOptionException e = assertThrows(LearnerOption.InvalidOptionException.class,
          () -> Settings.builder(LearningRateSchedule.GLOBAL).hashingBits(h).build());
      assertSame(LearnerOption.HASHING_BITS, e.option());
    }
  }

  @Test
  void inclusionFilterBitsFromTheirMinimumToTheirMaximumAreAccepted() {
    for (int bits : new int[] {InclusionRule.MIN_FILTER_BITS, InclusionRule.MAX_FILTER_BITS}) {
      assertEquals(bits, InclusionRule.of(FeatureInclusion.BLOOM, 0.5, 2, bits).filterBits());
    }
    for (int bits : new int[] {InclusionRule.MIN_FILTER_BITS - 1, InclusionRule.MAX_FILTER_BITS + 1}) {
      assertSame(LearnerOption.INCLUSION_FILTER_BITS, assertThrows(LearnerOption.InvalidOptionException.class,
          () -> InclusionRule.of(FeatureInclusion.BLOOM, 0.5, 2, bits)).option());
    }
  }

  @Test
  void inclusionRulesPrintAndCompareByTheirValues() {
    InclusionRule bloom = InclusionRule.of(FeatureInclusion.BLOOM, 0.5, 3, 12);
    assertEquals("bloom(n=3, 2^12 cells)", bloom.toString());
    assertEquals("poisson(p=0.25)", InclusionRule.of(FeatureInclusion.POISSON, 0.25, 3, 12).toString());
    assertEquals("all", InclusionRule.ALL.toString());
    assertEquals("all", InclusionRule.of(FeatureInclusion.ALL, 0.25, 3, 12).toString());

    InclusionRule same = InclusionRule.of(FeatureInclusion.BLOOM, 0.5, 3, 12);
    assertEquals(bloom, same);
    assertEquals(bloom.hashCode(), same.hashCode());
    assertNotEquals(bloom, InclusionRule.of(FeatureInclusion.POISSON, 0.5, 3, 12));
    assertNotEquals(bloom, InclusionRule.of(FeatureInclusion.BLOOM, 0.25, 3, 12));
    assertNotEquals(bloom, InclusionRule.of(FeatureInclusion.BLOOM, 0.5, 4, 12));
    assertNotEquals(bloom, InclusionRule.of(FeatureInclusion.BLOOM, 0.5, 3, 13));
    assertFalse(bloom.equals("bloom(n=3, 2^12 cells)"));
    assertFalse(bloom.equals(null));
  }

  @Test
  void theCoefficientAndCounterBitsOfEachStorage() {
    Settings.Builder b = Settings.builder(LearningRateSchedule.PER_COORDINATE);
    LearnerConfig q213 = b.build().config(2, 3);
    assertEquals(16, q213.weightBits(), "q2.13: sign, 2 integer and 13 fraction bits");
    assertEquals(8, q213.counterFieldBits());
    assertEquals(24, q213.bitsPerCoordinate());
    LearnerConfig f32 = b.storage(CoefficientStorage.FLOAT32).build().config(2, 3);
    assertEquals(32, f32.weightBits());
    assertEquals(40, f32.bitsPerCoordinate());
    LearnerConfig f64 = b.storage(CoefficientStorage.FLOAT64).build().config(2, 3);
    assertEquals(64, f64.weightBits());
    assertNotEquals(f32.describe(), f64.describe());
    assertEquals(f64.describe(), f64.toString());
    LearnerConfig global = Settings.builder(LearningRateSchedule.GLOBAL).build().config(2, 3);
    assertEquals(0, global.counterFieldBits());
    assertEquals(16, global.bitsPerCoordinate());
  }

  @Test
  void aModelOfExactlyTheCoordinateLimitIsAccepted() {
    int limit = Integer.MAX_VALUE / 4;
    Settings s = Settings.builder(LearningRateSchedule.GLOBAL).build();
    // a binary model has one output: feature slots + bias coordinates (no table is allocated here)
    assertEquals(limit, s.config(2, limit - 1).featureSpace().numFeatureSlots() + 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.config(2, limit));
    assertTrue(e.getMessage().startsWith("model too large: " + (limit + 1L) + " coordinates"), e.getMessage());
  }

  @Test
  void adaptiveStorageSaysHowManyBitsItNeeds() {
    LearnerOption.InvalidOptionException e = assertThrows(LearnerOption.InvalidOptionException.class,
        () -> Settings.builder(LearningRateSchedule.PER_COORDINATE).storage(CoefficientStorage.ADAPTIVE)
            .coordinateBits(10).build());
    assertSame(LearnerOption.COORDINATE_BITS, e.option());
    assertEquals("adaptive storage needs at least 11 bits per coordinate with 8-bit counter states, got 10",
        e.getMessage());
  }
}
