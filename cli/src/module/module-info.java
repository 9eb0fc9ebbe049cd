/** The {@code sae} command. The backends are found as services: the native one needs no {@code requires}. */
module org.sae4j.cli {
    requires org.sae4j.engine;
    requires org.sae4j.report;
    requires org.sae4j.options;
    requires info.picocli;
    requires java.logging;

    // picocli reads the options and calls the commands reflectively
    opens org.sae4j.cli to info.picocli;
}
