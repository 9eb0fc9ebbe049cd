package org.sae4j.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** Spark contexts for tests: on the loopback address, without the UI. */
final class LocalSpark {
    private LocalSpark() {
    }

    /** A context on {@code master}, e.g. {@code local[2]} or {@code local[2,2]} (with one retry per task). */
    static JavaSparkContext start(String master) {
        SparkConf conf = new SparkConf().setMaster(master).setAppName("sae4j-test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        JavaSparkContext spark = new JavaSparkContext(conf);
        spark.setLogLevel("WARN");
        return spark;
    }
}
