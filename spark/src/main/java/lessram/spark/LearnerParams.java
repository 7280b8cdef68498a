package lessram.spark;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import lessram.LearnerOption;
import lessram.LearningRateSchedule;
import lessram.Settings;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import scala.runtime.AbstractFunction1;

/**
 * Spark {@link Param}s made from the engine's option catalogue ({@link LearnerOption}: name, help, default
 * and range in one place), and the engine {@link Settings} read back from their values. Each option becomes
 * a param of the same name (the seed is Spark's usual {@code seed}); a value outside the option's range or
 * not of its kind is refused when set, and the rules that involve several options are checked by
 * {@link Settings} when a model is built, with the catalogue's message.
 */
final class LearnerParams implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The learning-rate schedule: per-coordinate (ApproximateCount) or global (RandomizedRounding). */
  final Param<String> schedule;
  final Map<LearnerOption, Param<?>> params = new EnumMap<>(LearnerOption.class);

  LearnerParams(Params owner) {
    this.schedule = new Param<>(owner, "schedule",
        "Learning-rate schedule: per-coordinate (alpha / sqrt(tau + 1), tau from a counter stored beside each "
            + "coefficient; MOA/Weka ApproximateCountLogisticRegression) or global (alpha / sqrt(t); "
            + "RandomizedRoundingLogisticRegression).",
        new Check<>(null));
    for (LearnerOption o : LearnerOption.values()) {
      params.put(o, create(owner, o));
    }
  }

  /** The Spark name of an option's param. */
  static String name(LearnerOption o) {
    return o == LearnerOption.SEED ? "seed" : o.optionName();
  }

  private static Param<?> create(Params owner, LearnerOption o) {
    String doc = o.helpWithChoices().replace('\n', ' ')
        + (o.appliesTo(LearningRateSchedule.GLOBAL) ? "" : " Per-coordinate schedule only.");
    switch (o == LearnerOption.SEED ? LearnerOption.Kind.CHOICE : o.kind()) {
      case INTEGER: return new IntParam(owner, name(o), doc, new Check<Object>(o));
      case REAL: return new DoubleParam(owner, name(o), doc, new Check<Object>(o));
      case FLAG: return new BooleanParam(owner, name(o), doc);
      default:
        return o == LearnerOption.SEED ? new LongParam(owner, name(o), doc) : new Param<String>(owner, name(o), doc, new Check<String>(o));
    }
  }

  /** Sets each param's default from the catalogue (alpha has none: unset, it is the engine's default, the adaptive rate). */
  void setDefaults(Params owner) {
    owner.setDefault(schedule, LearningRateSchedule.PER_COORDINATE.label());
    for (Map.Entry<LearnerOption, Param<?>> e : params.entrySet()) {
      LearnerOption o = e.getKey();
      if (o == LearnerOption.ALPHA) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Param<Object> p = (Param<Object>) e.getValue();
      owner.setDefault(p, defaultValue(o));
    }
  }

  private static Object defaultValue(LearnerOption o) {
    switch (o == LearnerOption.SEED ? LearnerOption.Kind.CHOICE : o.kind()) {
      case INTEGER: return o.defaultInt();
      case REAL: return o.defaultReal();
      case FLAG: return o.defaultFlag();
      default: return o == LearnerOption.SEED ? (long) o.defaultInt() : o.defaultText(LearningRateSchedule.GLOBAL);
    }
  }

  /** The schedule a schedule param's text names. */
  static LearningRateSchedule parseSchedule(String text) {
    for (LearningRateSchedule s : LearningRateSchedule.values()) {
      if (s.label().equalsIgnoreCase(text.trim()) || s.name().equalsIgnoreCase(text.trim())) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown schedule '" + text + "'; expected per-coordinate or global");
  }

  /**
   * The validated engine settings from the owner's param values.
   *
   * @throws IllegalArgumentException naming the param(s) and the rule, for a combination the engine refuses
   */
  Settings settings(Params owner) {
    LearningRateSchedule s = parseSchedule(owner.getOrDefault(schedule));
    Settings.Builder b = Settings.builder(s);
    try {
      for (LearnerOption o : LearnerOption.of(s)) {
        Param<?> p = params.get(o);
        if (o == LearnerOption.ALPHA && !owner.isDefined(p)) {
          continue;
        }
        b.set(o, String.valueOf(owner.getOrDefault(p)));
      }
      return b.build();
    } catch (LearnerOption.InvalidOptionException e) {
      StringBuilder names = new StringBuilder();
      for (LearnerOption o : e.options()) {
        names.append(names.length() == 0 ? "" : " and ").append(name(o));
      }
      throw new IllegalArgumentException(owner.uid() + ": param " + names + ": " + e.getMessage(), e);
    }
  }

  /** A value check from the catalogue: of the option's kind and within its range (schedule: a known one). */
  static final class Check<T> extends AbstractFunction1<T, Object> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final LearnerOption option;

    Check(LearnerOption option) {
      this.option = option;
    }

    @Override
    public Object apply(T value) {
      try {
        if (option == null) {
          parseSchedule(String.valueOf(value));
          return true;
        }
        Settings.builder(LearningRateSchedule.PER_COORDINATE).set(option, String.valueOf(value));
        if (value instanceof Number) {
          double v = ((Number) value).doubleValue();
          return v >= option.min() && v <= option.max() && (option != LearnerOption.ALPHA || v > 0);
        }
        return true;
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
  }
}
