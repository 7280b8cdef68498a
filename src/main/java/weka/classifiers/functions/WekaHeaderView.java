package weka.classifiers.functions;

import lessram.HeaderView;
import lessram.InstanceEncoder;
import weka.core.Attribute;
import weka.core.Instances;

/**
 * A Weka header as the learning session reads it: numeric, nominal (with labels) or ignored attributes
 * (string, date, relational, and nominal attributes without labels).
 */
final class WekaHeaderView implements HeaderView {
  private final Instances header;

  WekaHeaderView(Instances header) {
    this.header = header;
  }

  @Override
  public int numAttributes() {
    return header.numAttributes();
  }

  @Override
  public int classIndex() {
    return header.classIndex();
  }

  @Override
  public int arity(int a) {
    Attribute at = header.attribute(a);
    switch (at.type()) {
      case Attribute.NUMERIC:
        return InstanceEncoder.NUMERIC;
      case Attribute.NOMINAL:
        return at.numValues() > 0 ? at.numValues() : InstanceEncoder.IGNORED;
      default:
        return InstanceEncoder.IGNORED;
    }
  }

  @Override
  public String attributeName(int a) {
    return header.attribute(a).name();
  }

  @Override
  public String label(int a, int v) {
    return header.attribute(a).value(v);
  }

  @Override
  public String relationName() {
    return header.relationName();
  }
}
