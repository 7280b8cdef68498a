package moa.streams.lessram;

import com.yahoo.labs.samoa.instances.Attribute;
import com.yahoo.labs.samoa.instances.AttributesInformation;
import com.yahoo.labs.samoa.instances.InstanceInformation;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Builds MOA headers whose memory does not grow with the number of features.
 *
 * <p>A stock {@link InstancesHeader} built from an attribute list holds one {@link Attribute}
 * object (with its name string) per feature: about 144 bytes each, 150 MB for 2<sup>20</sup>
 * features. MOA's {@link AttributesInformation} also has a sparse form: an array of explicitly
 * described attributes, the sorted array of their indices, and the total attribute count; every
 * index below the first explicit index is answered by one shared numeric attribute named
 * {@code "default"}. With the class as the last attribute, the class is the only explicit
 * entry, so the header holds one nominal attribute whatever the number of features: under 800
 * bytes (measured with JOL) for 2<sup>22</sup> or 2<sup>30</sup> features.
 *
 * <p>The header is a small subclass of {@code InstancesHeader} that fills MOA's fields
 * directly, because MOA's own constructors walk every attribute index to build a name-to-index
 * map (roughly a second per hundred million attributes). MOA's copy constructor
 * ({@code new InstancesHeader(header)}) still takes that walk and returns a plain
 * {@code InstancesHeader} around the same small sparse {@code AttributesInformation}, so copies
 * stay small too. Behaviour relied on by MOA learners and evaluators:
 * <ul>
 *   <li>{@code numAttributes() == numFeatures + 1}, {@code classIndex() == numFeatures};</li>
 *   <li>{@code attribute(j)} for {@code 0 <= j < numFeatures} is numeric (the shared
 *       {@code "default"} attribute, so all features share that name);</li>
 *   <li>{@code classAttribute()} is nominal with the given labels, {@code numClasses()} their
 *       number.</li>
 * </ul>
 */
final class SparseHeaders {

    private SparseHeaders() {
    }

    /**
     * A header with {@code numFeatures} numeric attributes followed by a nominal class.
     *
     * @param relationName the relation (data set) name
     * @param numFeatures number of numeric feature attributes, at least 1
     * @param className name of the class attribute
     * @param classLabels the class values, in class-index order
     * @return a header with class index {@code numFeatures}
     */
    static InstancesHeader create(String relationName, int numFeatures, String className,
            List<String> classLabels) {
        if (numFeatures < 1 || numFeatures == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("number of features out of range: " + numFeatures);
        }
        if (classLabels.isEmpty()) {
            throw new IllegalArgumentException("at least one class label is needed");
        }
        Attribute classAttribute = new Attribute(className, new ArrayList<>(classLabels));
        AttributesInformation attributes = new AttributesInformation(
                new Attribute[] {classAttribute}, new int[] {numFeatures}, numFeatures + 1);
        return new SparseInstancesHeader(new Information(relationName, attributes), numFeatures);
    }

    /** Gives access to the protected attribute-information field. */
    private static final class Information extends InstanceInformation {
        private static final long serialVersionUID = 1L;

        Information(String relationName, AttributesInformation attributes) {
            this.relationName = relationName;
            this.attributesInformation = attributes;
        }
    }

    /** The header: MOA's fields, filled without walking all attribute indices. */
    static final class SparseInstancesHeader extends InstancesHeader {
        private static final long serialVersionUID = 1L;

        SparseInstancesHeader(InstanceInformation information, int numFeatures) {
            this.instanceInformation = information;
            this.instances = new ArrayList<>(0);
            information.setClassIndex(numFeatures);
            // what MOA's constructors compute: each attribute name mapped to its last index
            this.hsAttributesIndices = new HashMap<>(4);
            this.hsAttributesIndices.put(attribute(numFeatures - 1).name(), numFeatures - 1);
            this.hsAttributesIndices.put(attribute(numFeatures).name(), numFeatures);
        }
    }
}
