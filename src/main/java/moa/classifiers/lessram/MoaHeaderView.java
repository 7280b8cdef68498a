package moa.classifiers.lessram;

import com.yahoo.labs.samoa.instances.Attribute;
import com.yahoo.labs.samoa.instances.Instances;
import lessram.HeaderView;
import lessram.InstanceEncoder;

/** A MOA header as the learning session reads it: numeric, nominal (with labels) or ignored attributes. */
final class MoaHeaderView implements HeaderView {
  private final Instances header;

  MoaHeaderView(Instances header) {
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
    if (at.isNominal()) {
      return at.numValues() > 0 ? at.numValues() : InstanceEncoder.IGNORED;
    }
    return at.isNumeric() ? InstanceEncoder.NUMERIC : InstanceEncoder.IGNORED;
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
    return header.getRelationName();
  }
}
