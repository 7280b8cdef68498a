package lessram;

/**
 * A host's header (MOA's {@code Instances}, Weka's {@code Instances}, a Spark schema) as the learning
 * session needs it: attributes by position, their kinds, names and nominal labels, and the class. Each host
 * implements it in a few lines over its own header object; the session reads it when a model is created,
 * when a header must be compared with the model's, and to name features in descriptions.
 */
public interface HeaderView {
  /** Number of attributes, the class included. */
  int numAttributes();

  /** Position of the class attribute, -1 if there is none. */
  int classIndex();

  /**
   * The kind of attribute {@code a}: {@link InstanceEncoder#NUMERIC}, the number of labels of a nominal
   * attribute (&gt; 0), or {@link InstanceEncoder#IGNORED} (string, date, relational, and nominal attributes
   * without labels).
   */
  int arity(int a);

  /** The name of attribute {@code a}. */
  String attributeName(int a);

  /** Label {@code v} of nominal attribute {@code a}. */
  String label(int a, int v);

  /** The name of the relation (data set), "" if none. */
  String relationName();

  /** The kinds of all attributes ({@link #arity(int)} of each). */
  default int[] arities() {
    int[] result = new int[numAttributes()];
    for (int a = 0; a < result.length; a++) {
      result[a] = arity(a);
    }
    return result;
  }
}
