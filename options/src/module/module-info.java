/** The options the {@code sae} command and the Spark commands share, as picocli mixins. */
module org.sae4j.options {
    requires transitive org.sae4j.engine;
    requires transitive info.picocli;

    exports org.sae4j.options;
    // picocli sets the options' fields reflectively
    opens org.sae4j.options to info.picocli;
}
