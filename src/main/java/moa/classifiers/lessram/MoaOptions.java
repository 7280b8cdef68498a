package moa.classifiers.lessram;

import com.github.javacliparser.FlagOption;
import com.github.javacliparser.FloatOption;
import com.github.javacliparser.IntOption;
import com.github.javacliparser.MultiChoiceOption;
import com.github.javacliparser.Option;
import java.util.List;
import lessram.LearnerOption;
import lessram.LearningRateSchedule;
import lessram.Settings;

/**
 * MOA option objects made from the engine's option catalogue ({@link LearnerOption}: name, letter, help,
 * default and range in one place), and the settings read back from them.
 */
final class MoaOptions {
  private MoaOptions() {
  }

  static IntOption integer(LearnerOption o) {
    return new IntOption(o.optionName(), o.moaFlag(), o.help(), o.defaultInt(), (int) o.min(), (int) o.max());
  }

  static FloatOption real(LearnerOption o, LearningRateSchedule schedule) {
    double defaultValue = o == LearnerOption.ALPHA ? LearnerOption.defaultAlpha(schedule) : o.defaultReal();
    return new FloatOption(o.optionName(), o.moaFlag(), o.help(schedule), defaultValue, o.min(), o.max());
  }

  static FlagOption flag(LearnerOption o) {
    return new FlagOption(o.optionName(), o.moaFlag(), o.help());
  }

  static MultiChoiceOption choice(LearnerOption o) {
    return new MultiChoiceOption(o.optionName(), o.moaFlag(), o.help(), o.choiceLabels(),
        o.choiceDescriptions(), o.choices().indexOf(o.defaultChoice()));
  }

  /** The text of a MOA option's value, as {@link Settings.Builder#set} reads it. */
  private static String text(Option option) {
    if (option instanceof FlagOption) {
      return Boolean.toString(((FlagOption) option).isSet());
    }
    if (option instanceof MultiChoiceOption) {
      return ((MultiChoiceOption) option).getChosenLabel();
    }
    return option.getValueAsCLIString();
  }

  /**
   * The validated settings of a learner with {@code schedule} from its MOA options.
   *
   * @param learner the learner's name, for messages
   * @throws IllegalArgumentException naming the option ({@code -e morrisBase}) and the rule
   */
  static Settings settings(String learner, LearningRateSchedule schedule, Option[] options) {
    Settings.Builder b = Settings.builder(schedule);
    try {
      List<LearnerOption> wanted = LearnerOption.of(schedule);
      for (Option option : options) {
        for (LearnerOption o : wanted) {
          if (o.optionName().equals(option.getName())) {
            b.set(o, text(option));
          }
        }
      }
      return b.build();
    } catch (LearnerOption.InvalidOptionException e) {
      throw new IllegalArgumentException(learner + ": option " + e.optionNames(false) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Sets the MOA options of a learner with {@code settings}' schedule to {@code settings}' values (a seed outside
   * MOA's int range is cut to its low 32 bits).
   */
  static void write(Settings settings, Option[] options) {
    for (Option option : options) {
      for (LearnerOption o : LearnerOption.of(settings.schedule())) {
        if (!o.optionName().equals(option.getName())) {
          continue;
        }
        String text = settings.get(o);
        if (option instanceof FlagOption) {
          ((FlagOption) option).setValue(Boolean.parseBoolean(text));
        } else if (option instanceof MultiChoiceOption) {
          ((MultiChoiceOption) option).setChosenLabel(text);
        } else if (option instanceof IntOption) {
          ((IntOption) option).setValue((int) Long.parseLong(text));
        } else if (option instanceof FloatOption) {
          ((FloatOption) option).setValue(Double.parseDouble(text));
        }
      }
    }
  }
}
