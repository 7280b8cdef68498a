package weka.classifiers.functions;

import java.util.ArrayList;
import java.util.List;
import lessram.LearnerOption;
import lessram.Settings;
import weka.core.Option;
import weka.core.SelectedTag;
import weka.core.Tag;
import weka.core.Utils;

/**
 * Weka's command-line options of the LessRAM learners, made from the engine's option catalogue
 * ({@link LearnerOption}: letter, help, default and kind in one place) and kept in a
 * {@link Settings.Builder}.
 */
final class WekaOptions {
  private WekaOptions() {
  }

  /** Weka's option descriptions for the options of {@code settings}' learner. */
  static List<Option> list(Settings.Builder settings) {
    List<Option> result = new ArrayList<>();
    for (LearnerOption o : LearnerOption.of(settings.schedule())) {
      String flag = String.valueOf(o.wekaFlag());
      boolean isFlag = o.kind() == LearnerOption.Kind.FLAG;
      String synopsis = "-" + flag + (isFlag ? "" : " <" + argument(o) + ">");
      String help = wrap(o.help(settings.schedule())) + (isFlag ? ""
          : "\n\t(default " + o.defaultText(settings.schedule()) + ")");
      result.add(new Option(help, flag, isFlag ? 0 : 1, synopsis));
    }
    return result;
  }

  private static String argument(LearnerOption o) {
    switch (o.kind()) {
      case CHOICE: return String.join("|", o.choiceLabels());
      case INTEGER: return "int";
      default: return "num";
    }
  }

  /** A tab-indented help text wrapped at about 70 characters, as Weka lists options. */
  private static String wrap(String text) {
    StringBuilder b = new StringBuilder("\t");
    int column = 0;
    for (String word : text.split(" ")) {
      if (column > 0 && column + word.length() > 68) {
        b.append("\n\t");
        column = 0;
      } else if (column > 0) {
        b.append(' ');
        column++;
      }
      b.append(word);
      column += word.length();
    }
    return b.toString();
  }

  /**
   * Reads (and removes) the options of {@code settings}' learner from {@code options} into a new builder;
   * an option not given takes its default, as Weka's {@code setOptions} convention wants.
   *
   * @throws Exception naming the option when a value is not of its kind
   */
  static Settings.Builder read(Settings.Builder settings, String[] options) throws Exception {
    Settings.Builder b = Settings.builder(settings.schedule());
    for (LearnerOption o : LearnerOption.of(settings.schedule())) {
      String text;
      if (o.kind() == LearnerOption.Kind.FLAG) {
        text = Boolean.toString(Utils.getFlag(o.wekaFlag(), options));
      } else {
        String s = Utils.getOption(o.wekaFlag(), options);
        text = s.isEmpty() ? o.defaultText(settings.schedule()) : s;
      }
      try {
        b.set(o, text);
      } catch (LearnerOption.InvalidOptionException e) {
        throw message(e);
      }
    }
    return b;
  }

  /** The options of {@code settings} in Weka's command-line form. */
  static List<String> write(Settings.Builder settings) {
    List<String> result = new ArrayList<>();
    for (LearnerOption o : LearnerOption.of(settings.schedule())) {
      String value = settings.get(o);
      if (o.kind() != LearnerOption.Kind.FLAG) {
        result.add("-" + o.wekaFlag());
        result.add(value);
      } else if (Boolean.parseBoolean(value)) {
        result.add("-" + o.wekaFlag());
      }
    }
    return result;
  }

  /** The validated settings, or an exception naming the option in Weka's syntax. */
  static Settings build(Settings.Builder settings) throws Exception {
    try {
      return settings.build();
    } catch (LearnerOption.InvalidOptionException e) {
      throw message(e);
    }
  }

  private static Exception message(LearnerOption.InvalidOptionException e) {
    return new Exception("Option " + e.optionNames(true) + ": " + e.getMessage() + ".", e);
  }

  /** GUI tags of a choice option (id = the constant's ordinal, text = its label). */
  static Tag[] tags(LearnerOption o) {
    String[] labels = o.choiceLabels();
    Tag[] result = new Tag[labels.length];
    for (int i = 0; i < labels.length; i++) {
      result[i] = new Tag(o.choices().get(i).ordinal(), labels[i]);
    }
    return result;
  }

  /** The selected tag of a choice option's current value. */
  static SelectedTag selected(LearnerOption o, Enum<?> value, Tag[] tags) {
    return new SelectedTag(value.ordinal(), tags);
  }

  /** The constant a GUI tag selects, or null if the tag belongs to other tags. */
  static <E extends Enum<E>> E chosen(SelectedTag tag, Tag[] tags, E[] values) {
    return tag.getTags() == tags ? values[tag.getSelectedTag().getID()] : null;
  }
}
