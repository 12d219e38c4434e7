package uk.childvoice.contracts;

/** Kafka topic names of the response flow; every consumer dead-letters to {@code <topic>.dlq.<consumer>}. */
public final class Topics {
    public static final String RAW = "survey.response.raw.v1";
    public static final String LOCATED = "survey.response.located.v1";
    public static final String DEIDENTIFIED = "survey.response.deidentified.v1";
    public static final String SAFEGUARDING_FLAG = "survey.safeguarding.flag.v1";

    private Topics() {
    }

    /** The dead-letter topic of one consumer of one topic. */
    public static String deadLetter(String topic, String consumer) {
        return topic + ".dlq." + consumer;
    }
}
