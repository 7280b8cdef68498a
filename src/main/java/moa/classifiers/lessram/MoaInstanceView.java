package moa.classifiers.lessram;

import com.yahoo.labs.samoa.instances.Instance;
import lessram.InstanceView;

/**
 * A MOA instance as the learning session reads it. The adapter points it at an instance for the duration
 * of one call and lets go afterwards, so the learner keeps no reference to the data.
 */
final class MoaInstanceView implements InstanceView {
  Instance instance;

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
