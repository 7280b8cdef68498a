package moa.classifiers.lessram;

import com.yahoo.labs.samoa.instances.Instance;
import lessram.HostInstanceView;

/** A MOA instance as the learning session reads it. */
final class MoaInstanceView extends HostInstanceView<Instance> {
  /** A view to bind per call. */
  MoaInstanceView() {
  }

  /** A view of one instance. */
  MoaInstanceView(Instance instance) {
    super(instance);
  }

  @Override
  public int numValues() {
    return instance.numValues();
  }

  @Override
  public int index(int p) {
    return instance.index(p);
  }

  @Override
  public double value(int p) {
    return instance.valueSparse(p);
  }

  @Override
  public double weight() {
    return instance.weight();
  }

  @Override
  public double classValue() {
    return instance.classValue();
  }
}
