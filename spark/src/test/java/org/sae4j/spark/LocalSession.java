package org.sae4j.spark;

import org.apache.spark.sql.SparkSession;

/** Spark sessions for tests: on the loopback address, without the UI. */
public final class LocalSession {
    private LocalSession() {
    }

    /** A session on {@code master}, e.g. {@code local[2]}. */
    public static SparkSession start(String master) {
        SparkSession session = SparkSession.builder().master(master).appName("sae4j-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
        session.sparkContext().setLogLevel("WARN");
        return session;
    }
}
