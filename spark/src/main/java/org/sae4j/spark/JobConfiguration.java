package org.sae4j.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;

/**
 * The job's Hadoop configuration, as the driver has it (its {@code spark.hadoop.*} settings: file system
 * implementations, s3a credentials and endpoints), carried to the executors: a {@code new Configuration()}
 * there would have none of them.
 */
final class JobConfiguration implements Serializable {
    private static final long serialVersionUID = 1L;
    private transient Configuration conf;

    JobConfiguration(Configuration conf) {
        this.conf = new Configuration(conf);
    }

    Configuration get() {
        return conf;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        conf.write(out);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        conf = new Configuration(false);
        conf.readFields(in);
    }
}
